import type { PersonSearchQuery, PersonSearchResult } from '../../../shared/people-api';
import { apiRequest } from '../../app/api';

export type PeopleSearchParams = {
  q: string;
  schoolId?: string | undefined;
  type?: PersonSearchResult['type'] | undefined;
  includeLeavers: boolean;
  limit: number;
};

export async function searchPeople(
  params: PeopleSearchParams,
  signal?: AbortSignal,
): Promise<PersonSearchResult[]> {
  const query = {
    q: params.q,
    schoolId: params.schoolId,
    type: params.type,
    includeLeavers: params.includeLeavers ? 'true' : undefined,
    limit: String(params.limit),
  } satisfies PersonSearchQuery;
  const body = await apiRequest<{ results: PersonSearchResult[] }>('/people/search', {
    query,
    signal,
  });
  return body.results;
}
