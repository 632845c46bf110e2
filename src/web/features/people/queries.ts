import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { searchPeople } from './api';
import type { PeopleSearchParams } from './api';

/**
 * Suggestions for what has been typed so far. The text is part of the key, so each new query
 * supersedes the last (an abandoned request is aborted); the previous suggestions stay on show
 * until the new ones arrive.
 */
export function usePeopleSearchQuery(params: PeopleSearchParams) {
  return useQuery({
    queryKey: ['people', 'search', params],
    queryFn: ({ signal }) => searchPeople(params, signal),
    enabled: params.q.length > 0,
    placeholderData: keepPreviousData,
    retry: false,
  });
}
