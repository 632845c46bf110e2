import Bottleneck from 'bottleneck';
import pRetry, { AbortError } from 'p-retry';
import type { Logger } from './logger';

/** An HTTP response with a status that is not 2xx. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
    /** Seconds the server asked us to wait (Retry-After), when it said. */
    readonly retryAfterSeconds: number | undefined,
    readonly bodyText: string,
  ) {
    super(`HTTP ${status} from ${new URL(url).pathname}`);
    this.name = 'HttpStatusError';
  }
}

/** The request failed after every retry, or failed in a way a retry cannot mend. */
export class HttpRequestError extends Error {
  constructor(
    message: string,
    readonly url: string,
    options: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'HttpRequestError';
  }
}

export type HttpClientOptions = {
  logger: Logger;
  /** Per attempt, including reading the body. */
  timeoutMs?: number;
  /** Retries after the first attempt, on network errors, timeouts, 429, 5xx and cut-off bodies. */
  retries?: number;
  /** First retry delay; later ones grow exponentially up to maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Longest Retry-After we honour before giving up on the request. */
  maxRetryAfterSeconds?: number;
  /** Client-side rate limit: at most this many requests at once … */
  maxConcurrent?: number;
  /** … and at least this long between request starts. */
  minTimeMs?: number;
};

export type HttpRequest = {
  method?: 'GET' | 'POST' | 'DELETE';
  headers?: Record<string, string>;
  body?: unknown;
};

export type HttpClient = {
  /** Sends a request and parses a JSON response; retries what is worth retrying. */
  json(url: string, request?: HttpRequest): Promise<unknown>;
};

const isRetryableStatus = (status: number) => status === 429 || status >= 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/**
 * The one way Plaster calls other servers: a timeout on every attempt, retries with exponential
 * backoff that honour Retry-After, a client-side rate limit, and logs that carry the path and
 * status but never headers, query strings or bodies (they may hold tokens or personal data).
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 120;
  const limiter = new Bottleneck({
    maxConcurrent: options.maxConcurrent ?? 4,
    minTime: options.minTimeMs ?? 0,
  });

  async function attempt(url: string, request: HttpRequest): Promise<unknown> {
    const response = await fetch(url, {
      method: request.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...request.headers,
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    const text = await response.text();
    if (!response.ok) {
      const error = new HttpStatusError(
        response.status,
        url,
        parseRetryAfter(response.headers.get('retry-after')),
        text.slice(0, 500),
      );
      if (isRetryableStatus(response.status)) throw error;
      throw new AbortError(error);
    }
    if (text === '') return null;
    // A body that does not parse was most likely cut off in transit: worth another try.
    return JSON.parse(text) as unknown;
  }

  return {
    async json(url, request = {}) {
      const path = new URL(url).pathname;
      try {
        return await pRetry(() => limiter.schedule(() => attempt(url, request)), {
          retries: options.retries ?? 4,
          minTimeout: options.minDelayMs ?? 500,
          maxTimeout: options.maxDelayMs ?? 30_000,
          factor: 2,
          randomize: true,
          async onFailedAttempt({ error, attemptNumber, retriesLeft }) {
            const status = error instanceof HttpStatusError ? error.status : undefined;
            options.logger.warn(
              { path, status, attempt: attemptNumber, retriesLeft, error: error.name },
              'outbound request failed',
            );
            const wait = error instanceof HttpStatusError ? error.retryAfterSeconds : undefined;
            if (wait !== undefined && retriesLeft > 0) {
              if (wait > maxRetryAfter) throw error;
              await sleep(wait * 1000);
            }
          },
        });
      } catch (error) {
        if (error instanceof HttpStatusError) throw error;
        if (error instanceof AbortError && error.originalError instanceof HttpStatusError) {
          throw error.originalError;
        }
        const reason = error instanceof Error ? error.message : String(error);
        throw new HttpRequestError(`Request to ${path} failed: ${reason}`, url, { cause: error });
      }
    },
  };
}
