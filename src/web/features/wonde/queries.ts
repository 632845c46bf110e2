import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type { WondeConnection, WondeLookupInput } from '../../../shared/wonde-api';
import { InvalidInputError } from '../../app/api';
import { meQueryKey } from '../../app/query-client';
import {
  connectWonde,
  disconnectWonde,
  getWondeConnection,
  lookupWondeSchool,
  requestSync,
} from './api';
import type { SyncMode } from './api';

export function wondeConnectionKey(schoolId: string) {
  return ['schools', schoolId, 'wonde'] as const;
}

/**
 * How often to ask again: a live run every 2 seconds, an access request every few seconds, and
 * a newly approved school until its first sync shows up. Otherwise the state is settled.
 */
export function pollInterval(connection: WondeConnection | undefined): number | false {
  if (!connection) return false;
  if (connection.liveRun) return 2_000;
  if (connection.state === 'pending') return 3_000;
  if (connection.state === 'approved' && connection.recentRuns.length === 0) return 3_000;
  return false;
}

export function useWondeConnectionQuery(schoolId: string) {
  return useQuery({
    queryKey: wondeConnectionKey(schoolId),
    queryFn: ({ signal }) => getWondeConnection(schoolId, signal),
    staleTime: 5_000,
    refetchInterval: (query) => pollInterval(query.state.data),
  });
}

/** The school's own record (and the session's list of schools) may name its Wonde school. */
async function refreshSchool(client: QueryClient, schoolId: string) {
  await Promise.all([
    client.invalidateQueries({ queryKey: ['schools'], exact: true }),
    client.invalidateQueries({ queryKey: ['schools', schoolId], exact: true }),
    client.invalidateQueries({ queryKey: meQueryKey }),
  ]);
}

const urnPattern = /^\d{6}$/;
const wondeSchoolIdPattern = /^A\d{9,10}$/;

export function useWondeLookupMutation(schoolId: string) {
  return useMutation({
    mutationFn: (input: WondeLookupInput) => {
      if ('urn' in input && !urnPattern.test(input.urn)) {
        throw new InvalidInputError([{ path: 'urn', message: 'must be the six-digit DfE URN' }]);
      }
      if ('wondeSchoolId' in input && !wondeSchoolIdPattern.test(input.wondeSchoolId)) {
        throw new InvalidInputError([
          {
            path: 'wondeSchoolId',
            message: 'must be an A and nine or ten digits, such as A1930499544',
          },
        ]);
      }
      return lookupWondeSchool(schoolId, input);
    },
  });
}

export type ConnectMutation = ReturnType<typeof useConnectWondeMutation>;

export function useConnectWondeMutation(schoolId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (wondeSchoolId: string) => connectWonde(schoolId, wondeSchoolId),
    onSuccess: async (connection) => {
      client.setQueryData(wondeConnectionKey(schoolId), connection);
      await refreshSchool(client, schoolId);
    },
  });
}

export function useSyncMutation(schoolId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (mode: SyncMode) => requestSync(schoolId, mode),
    onSuccess: () => client.invalidateQueries({ queryKey: wondeConnectionKey(schoolId) }),
  });
}

export function useDisconnectWondeMutation(schoolId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => disconnectWonde(schoolId),
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: wondeConnectionKey(schoolId) }),
        refreshSchool(client, schoolId),
      ]);
    },
  });
}
