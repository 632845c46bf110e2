/**
 * The one way the web app talks to the API: JSON in and out, the session cookie, the CSRF header
 * on unsafe requests, and errors turned into ApiError.
 */

export const API_BASE = '/api/v1';

export type FieldProblem = { path: string; message: string };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldProblem[];
  /** Seconds to wait before trying again, from Retry-After (429). */
  readonly retryAfter: number | null;
  readonly path: string;

  constructor(options: {
    status: number;
    code: string;
    message: string;
    details?: FieldProblem[];
    retryAfter?: number | null;
    path: string;
  }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.details = options.details ?? [];
    this.retryAfter = options.retryAfter ?? null;
    this.path = options.path;
  }
}

/** Could not reach the server at all. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('Could not reach Plaster. Check your connection and try again.', { cause });
    this.name = 'NetworkError';
  }
}

/** Input the app refused before sending it, shaped like the server's 400 so forms treat both alike. */
export class InvalidInputError extends Error {
  readonly details: FieldProblem[];

  constructor(details: FieldProblem[], message = 'Some answers need correcting.') {
    super(message);
    this.name = 'InvalidInputError';
    this.details = details;
  }
}

let csrfToken: string | null = null;

/** Set from the login response and GET /me; sent back on every unsafe request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let sessionCheck: (() => Promise<unknown>) | null = null;

/**
 * Set while the app runs on the session remembered on the device (offline-session.ts), which has
 * no CSRF token: an unsafe request then first has the server confirm the session and its token.
 */
export function setSessionCheck(check: (() => Promise<unknown>) | null): void {
  sessionCheck = check;
}

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  if (options.method && options.method !== 'GET' && sessionCheck) await sessionCheck();
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let url = API_BASE + path;
  if (options.query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(options.query)) {
      if (value !== undefined) params.set(key, String(value));
    }
    const search = params.toString();
    if (search) url += `?${search}`;
  }

  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }

  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  throw await toApiError(response, path);
}

async function toApiError(response: Response, path: string): Promise<ApiError> {
  const retryHeader = response.headers.get('Retry-After');
  const retryAfter = retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : null;
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's error page, say): fall back to a message from the status.
  }
  const error = readErrorBody(body);
  return new ApiError({
    status: response.status,
    code: error?.code ?? `http_${response.status}`,
    message: error?.message ?? fallbackMessage(response.status, retryAfter),
    details: error?.details,
    retryAfter,
    path,
  });
}

function readErrorBody(
  body: unknown,
): { code: string; message: string; details: FieldProblem[] } | null {
  if (!isRecord(body) || !isRecord(body.error)) return null;
  const { code, message, details } = body.error;
  if (typeof code !== 'string' || typeof message !== 'string') return null;
  const problems = Array.isArray(details)
    ? details.filter(
        (d): d is FieldProblem =>
          isRecord(d) && typeof d.path === 'string' && typeof d.message === 'string',
      )
    : [];
  return { code, message, details: problems };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function fallbackMessage(status: number, retryAfter: number | null): string {
  if (status === 401) return 'Please sign in again.';
  if (status === 403) return 'You do not have permission to do that.';
  if (status === 404) return 'That could not be found. It may have been removed.';
  if (status === 429) {
    return retryAfter
      ? `Too many attempts. Try again in ${formatWait(retryAfter)}.`
      : 'Too many attempts. Please wait a moment and try again.';
  }
  return `Something went wrong (error ${status}). Please try again.`;
}

function formatWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** The sentence to show a person for any error the app can meet. */
export function toUserMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 429 && error.retryAfter !== null) {
    // Say how long, unless the server's sentence already does.
    if (!/\d/.test(error.message)) {
      return `${error.message} You can try again in ${formatWait(error.retryAfter)}.`;
    }
  }
  if (
    error instanceof ApiError ||
    error instanceof NetworkError ||
    error instanceof InvalidInputError
  ) {
    return error.message;
  }
  return 'Something went wrong. Please try again.';
}

/** A missing record, or an address that cannot name one (a mistyped id). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 400);
}

export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}
