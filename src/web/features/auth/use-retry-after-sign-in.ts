import { useEffect, useRef } from 'react';
import { isUnauthenticated } from '../../app/api';
import { useMeQuery } from './session';

/**
 * For a save refused because the session had ended: once the same person has signed in again
 * (in the dialog over the page), does it again, once. Someone else signing in reloads the app,
 * so what the first person typed is never sent as the second.
 */
export function useRetryAfterSignIn(error: unknown, retry: () => void): void {
  const me = useMeQuery().data;
  const csrfToken = me?.csrfToken ?? null;
  const userId = me?.user.id ?? null;
  const userAtFailure = useRef<string | null>(null);
  const isWaiting = useRef(false);
  const tokenAtFailure = useRef<string | null>(null);
  const latestRetry = useRef(retry);
  latestRetry.current = retry;

  useEffect(() => {
    if (!isUnauthenticated(error)) return;
    isWaiting.current = true;
    tokenAtFailure.current = csrfToken;
    userAtFailure.current = userId;
    // Only when a new failure arrives, not when the token changes.
  }, [error]);

  useEffect(() => {
    if (!isWaiting.current || !csrfToken || csrfToken === tokenAtFailure.current) return;
    // Never as anyone else (the app reloads for them, but not before this could run).
    if (userId !== userAtFailure.current) return;
    isWaiting.current = false;
    latestRetry.current();
  }, [csrfToken]);
}
