/**
 * A fresh key for one email being written: the server sends nothing more for a repeat of the
 * same key, so a double click or a retry after a lost answer sends one email.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context (HTTPS); random bytes are there everywhere.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
