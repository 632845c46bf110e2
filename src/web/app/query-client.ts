import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import type { Me } from '../../shared/api';
import { ApiError, isUnauthenticated, setCsrfToken } from './api';
import { keepSessionOnDevice } from './offline-session';

export const meQueryKey = ['me'] as const;
const meQueryHash = JSON.stringify(meQueryKey);

/**
 * A 401 from any call means the session has gone (expired, ended by an admin, signed out in
 * another tab). Asking GET /me again confirms it; when it answers 401 too the session turns
 * null and the app shell sends the person to the sign-in page, keeping where they were.
 */
export function createQueryClient(): QueryClient {
  const recheckSession = (error: unknown) => {
    if (!isUnauthenticated(error)) return;
    if (error instanceof ApiError && error.path.startsWith('/auth/')) return;
    void client.invalidateQueries({ queryKey: meQueryKey });
  };

  const queryCache = new QueryCache({ onError: recheckSession });
  const client: QueryClient = new QueryClient({
    queryCache,
    mutationCache: new MutationCache({ onError: recheckSession }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) =>
          failureCount < 2 && !(error instanceof ApiError && error.status < 500),
      },
      mutations: { retry: false },
    },
  });

  queryCache.subscribe((event) => {
    if (event.type !== 'updated' || event.query.queryHash !== meQueryHash) return;
    const me = event.query.state.data as Me | null | undefined;
    if (me !== undefined) setCsrfToken(me?.csrfToken ?? null);
  });
  keepSessionOnDevice(client, meQueryKey);

  return client;
}
