export type ErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'upstream_failed'
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
  for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
