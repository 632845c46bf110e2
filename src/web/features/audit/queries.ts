import { useInfiniteQuery } from '@tanstack/react-query';
import { listAuditEvents } from './api';

const PAGE_SIZE = 50;

/** Newest first; each further page is older. */
export function useAuditEventsQuery() {
  return useInfiniteQuery({
    queryKey: ['audit-events'],
    queryFn: ({ pageParam, signal }) =>
      listAuditEvents({ limit: PAGE_SIZE, before: pageParam }, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (page) => page.nextBefore ?? undefined,
    staleTime: 0,
  });
}
