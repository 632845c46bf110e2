import type {
  SyncRequestResultSchema,
  WondeConnection,
  WondeLookupInput,
  WondeSchoolCandidate,
} from '../../../shared/wonde-api';
import type { z } from 'zod';
import { apiRequest } from '../../app/api';

export type SyncMode = 'delta' | 'full';
export type SyncRequestResult = z.infer<typeof SyncRequestResultSchema>;

function wondePath(schoolId: string, rest = ''): string {
  return `/schools/${encodeURIComponent(schoolId)}/wonde${rest}`;
}

export function getWondeConnection(
  schoolId: string,
  signal?: AbortSignal,
): Promise<WondeConnection> {
  return apiRequest<WondeConnection>(wondePath(schoolId), { signal });
}

export async function lookupWondeSchool(
  schoolId: string,
  input: WondeLookupInput,
): Promise<WondeSchoolCandidate[]> {
  const body = await apiRequest<{ candidates: WondeSchoolCandidate[] }>(
    wondePath(schoolId, '/lookup'),
    { method: 'POST', body: input },
  );
  return body.candidates;
}

export function connectWonde(schoolId: string, wondeSchoolId: string): Promise<WondeConnection> {
  return apiRequest<WondeConnection>(wondePath(schoolId, '/connect'), {
    method: 'POST',
    body: { wondeSchoolId },
  });
}

export function requestSync(schoolId: string, mode: SyncMode): Promise<SyncRequestResult> {
  return apiRequest<SyncRequestResult>(wondePath(schoolId, '/sync'), {
    method: 'POST',
    body: { mode },
  });
}

export function disconnectWonde(schoolId: string): Promise<void> {
  return apiRequest<void>(wondePath(schoolId), { method: 'DELETE' });
}
