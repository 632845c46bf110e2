import { createContext, use } from 'react';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type { ChangePasswordInput, LoginInput, Me, Permission } from '../../../shared/api';
import { InvalidInputError, setCsrfToken } from '../../app/api';
import { forgetUserOnDevice } from '../../app/device-data';
import { isOfflineFromMemory, orRememberedSession } from '../../app/offline-session';
import { meQueryKey } from '../../app/query-client';
import { changePassword, fetchMe, login, logout } from './api';

export const meQuery = queryOptions({
  queryKey: meQueryKey,
  // Offline, the session remembered on the device (app/offline-session.ts): asked again of the
  // server as soon as the connection returns, and before anything is sent.
  queryFn: ({ signal, client, queryKey }) =>
    orRememberedSession(fetchMe(signal), { client, queryKey }),
  staleTime: ({ state }) => (isOfflineFromMemory(state.data) ? 0 : 5 * 60_000),
  refetchOnReconnect: 'always',
});

export function useMeQuery() {
  return useQuery(meQuery);
}

export const SessionContext = createContext<Me | null>(null);

/** The signed-in session; only inside the app shell, which renders nothing without one. */
export function useSession(): Me {
  const me = use(SessionContext);
  if (!me) throw new Error('useSession is used outside a signed-in page.');
  return me;
}

/** Whether the signed-in user may do this, as the server decided at sign-in. */
export function useCan(permission: Permission): boolean {
  return useSession().permissions.includes(permission);
}

let signedOutOnPurpose = false;

/** Whether the session ended because the person signed out (then there is nowhere to return to). */
export function wasSignedOutOnPurpose(): boolean {
  return signedOutOnPurpose;
}

function startSession(client: QueryClient, me: Me | null) {
  setCsrfToken(me?.csrfToken ?? null);
  // Nothing cached for one person may be shown to the next.
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
  client.setQueryData(meQueryKey, me);
}

/** Both fields are needed before anything is sent. */
function signInWith(input: LoginInput): Promise<Me> {
  const problems = [];
  if (!input.email) problems.push({ path: 'email', message: 'Enter your email address.' });
  if (!input.password) problems.push({ path: 'password', message: 'Enter your password.' });
  if (problems.length > 0) throw new InvalidInputError(problems);
  return login(input);
}

export function useLoginMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: signInWith,
    onSuccess: (me) => {
      signedOutOnPurpose = false;
      startSession(client, me);
    },
  });
}

/**
 * Signing in again over a page whose session ended. The same person carries on with the page as
 * it is; anyone else gets the app afresh (a full load), so nothing of the first person's is kept.
 */
export function useSignInAgainMutation(userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: signInWith,
    onSuccess: (me) => {
      if (me.user.id !== userId) {
        window.location.assign('/');
        return;
      }
      signedOutOnPurpose = false;
      setCsrfToken(me.csrfToken);
      client.setQueryData(meQueryKey, me);
    },
  });
}

export function useLogoutMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const userId = client.getQueryData<Me | null>(meQueryKey)?.user.id;
      try {
        await logout();
      } catch (error) {
        // Already signed out on the server: carry on signing out here.
        const me = await fetchMe();
        if (me) throw error;
      }
      await forgetUserOnDevice(userId);
    },
    onSuccess: () => {
      signedOutOnPurpose = true;
      startSession(client, null);
    },
  });
}

export function useChangePasswordMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => changePassword(input),
    onSuccess: () => client.invalidateQueries({ queryKey: meQueryKey }),
  });
}
