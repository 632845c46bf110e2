import { findCallerByToken } from './sim-state.store';
import type { Caller, SimState } from './sim-state.store';

/**
 * Reads the token from an Authorization header the ways Wonde's own clients send it: `Bearer`
 * in any case, HTTP Basic with the token as username and an empty password, and the old Ruby
 * client's un-encoded `Basic <token>`.
 */
export function tokenFromAuthorization(header: string | undefined): string[] {
  if (!header) return [];
  const match = /^\s*(bearer|basic)\s+(\S+)\s*$/i.exec(header);
  if (!match) return [];
  const scheme = (match[1] ?? '').toLowerCase();
  const credentials = match[2] ?? '';
  if (scheme === 'bearer') return [credentials];
  const candidates: string[] = [];
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon > 0) candidates.push(decoded.slice(0, colon));
  candidates.push(credentials);
  return candidates;
}

export function authenticate(state: SimState, header: string | undefined): Caller | null {
  for (const token of tokenFromAuthorization(header)) {
    const caller = findCallerByToken(state, token);
    if (caller) return caller;
  }
  return null;
}
