export type ErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'upstream_failed'
  /** The database (or another part Plaster runs on) cannot be reached just now: try again. */
  | 'unavailable'
  | 'internal';

/**
 * The one error type services throw. `expected` errors are the caller's doing (bad input, no
 * access) and are not logged as faults.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly expected: boolean;
  /** Seconds the caller should wait before trying again (rate_limited). */
  readonly retryAfter: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; details?: unknown; expected?: boolean; retryAfter?: number } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
    this.expected = options.expected ?? code !== 'internal';
    this.retryAfter = options.retryAfter;
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found.`);

/** A 400 naming one field, as the validation of request bodies reports them. */
export const invalidField = (path: string, message: string) =>
  new AppError('validation', `${path}: ${message}`, { details: [{ path, message }] });

/** PostgreSQL's unique_violation; drizzle wraps the driver error, so look at the cause too. */
export function isUniqueViolation(error: unknown): boolean {
  return uniqueViolationOf(error) !== null;
}

/**
 * The index or constraint a unique_violation names (pg and PGlite both report it), or null if
 * the error is not one; '' if the driver left the name out.
 */
export function uniqueViolationOf(error: unknown): string | null {
  for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown };
    if (code === '23505') return typeof constraint === 'string' ? constraint : '';
  }
  return null;
}
