/**
 * Whether an error means the database cannot be reached just now (down, restarting, closed),
 * rather than that a query was wrong: such a request is answered 503, to try again, and is
 * never turned into "not found" or a field error.
 */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  // PostgreSQL: connection exceptions (class 08) and the server shutting down or starting.
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
]);

const UNREACHABLE_MESSAGES = [
  'PGlite is closed',
  'Cannot use a pool after calling end on the pool',
  'Connection terminated',
  'timeout exceeded when trying to connect',
];

/** The driver's own words for why, to log (never the failed query, which holds values); else null. */
export function databaseUnavailableReason(error: unknown): string | null {
  for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : String(code);
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return text;
    if (typeof message === 'string' && UNREACHABLE_MESSAGES.some((m) => message.includes(m)))
      return text;
    // Connecting to every address of a host failed: pg reports each in an AggregateError.
    if (e instanceof AggregateError) {
      const inner = e.errors.map(databaseUnavailableReason).find((r) => r !== null);
      if (inner) return inner;
    }
  }
  return null;
}
