/**
 * A fresh key for one thing being sent (an email, a new incident): the server does nothing more
 * for a repeat of the same key, so a double click, a retry after a lost answer or a second tab
 * makes one.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context (HTTPS); random bytes are there everywhere.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
