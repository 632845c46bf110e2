/**
 * The signed-in session remembered on this device, so that the app opens with no network (a
 * first aider in a playground or on a trip). Only the session itself is kept (who is signed in,
 * their organisation and schools), never its CSRF token and never any directory data; it is
 * forgotten at sign-out and whenever the server answers that nobody is signed in.
 */
import { hashKey } from '@tanstack/react-query';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { createStore, del, get, set } from 'idb-keyval';
import type { UseStore } from 'idb-keyval';
import type { Me } from '../../shared/api';
import { NetworkError, setSessionCheck } from './api';

/**
 * GET /me's answer as the app holds it. offlineFromMemory: the server could not be reached and
 * this is the session remembered on the device, not confirmed by the server, with no CSRF token.
 */
export type Session = Me & { offlineFromMemory?: true };

/** Whether the session is the one remembered on the device rather than the server's answer. */
export function isOfflineFromMemory(session: Session | null | undefined): boolean {
  return session?.offlineFromMemory === true;
}

const KEY = 'me';
let store: UseStore | null = null;
// Opened when first needed (and its own database, apart from drafts and the outbox).
const sessionStore = () => (store ??= createStore('plaster-session', 'session'));

/** Kept, without its CSRF token, for opening offline. */
async function rememberSession(me: Me): Promise<void> {
  const { csrfToken: _csrfToken, ...session } = me;
  try {
    await set(KEY, session, sessionStore());
  } catch {
    // A browser that keeps nothing (private browsing) only loses opening offline.
  }
}

/** At sign-out, and when the server says nobody is signed in. */
export async function forgetRememberedSession(): Promise<void> {
  try {
    await del(KEY, sessionStore());
  } catch {
    // Nothing could be kept either.
  }
}

async function recallSession(): Promise<Session | null> {
  try {
    // Checked when read back: a session remembered by an earlier version of the app that no
    // longer has the same shape is not used. The schema (and its validation library) is fetched
    // only here, offline, from the service worker's copy: no page's first load carries it.
    const { MeSchema } = await import('../../shared/api');
    const remembered = MeSchema.omit({ csrfToken: true }).safeParse(await get(KEY, sessionStore()));
    if (!remembered.success) return null;
    return { ...remembered.data, csrfToken: '', offlineFromMemory: true };
  } catch {
    return null;
  }
}

let isWaitingForConnection = false;

/**
 * GET /me's answer; when the server cannot be reached (NetworkError), the session remembered on
 * the device, or null (the sign-in page) when there is none. Either is asked again of the server
 * as soon as the connection returns. A page opened offline needs that here: react-query starts
 * out believing it is online and only hears of changes, so its refetchOnReconnect stays silent.
 */
export async function orRememberedSession(
  answer: Promise<Me | null>,
  { client, queryKey }: { client: QueryClient; queryKey: QueryKey },
): Promise<Session | null> {
  try {
    return await answer;
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    if (!isWaitingForConnection && typeof window !== 'undefined') {
      isWaitingForConnection = true;
      const onOnline = () => {
        isWaitingForConnection = false;
        void client.refetchQueries({ queryKey }, { cancelRefetch: false });
      };
      window.addEventListener('online', onOnline, { once: true });
    }
    return recallSession();
  }
}

/**
 * Watches the session query (GET /me, and the session that signing in sets): every session the
 * server hands over is remembered and null (nobody signed in) forgets it. While the app runs on
 * the remembered one, an unsafe request first asks GET /me again, for the session's CSRF token.
 */
export function keepSessionOnDevice(client: QueryClient, queryKey: QueryKey): void {
  const queryHash = hashKey(queryKey);
  const confirm = () => client.refetchQueries({ queryKey }, { cancelRefetch: false });
  client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'success') return;
    if (event.query.queryHash !== queryHash) return;
    const session = event.query.state.data as Session | null | undefined;
    if (session === undefined) return;
    const fromMemory = isOfflineFromMemory(session);
    setSessionCheck(fromMemory ? confirm : null);
    if (session === null) void forgetRememberedSession();
    else if (!fromMemory) void rememberSession(session);
  });
}
