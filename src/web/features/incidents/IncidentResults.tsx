import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { Loading } from '../../components/Loading';
import { QueryError } from '../../components/QueryError';
import type { IncidentList } from './api';
import { countIncidents } from './describe';
import { IncidentTable } from './IncidentTable';

type IncidentResultsProps = {
  query: UseInfiniteQueryResult<InfiniteData<IncidentList>>;
  caption: string;
  empty: string;
  showSchool?: boolean;
};

/** A paged list of incidents: the count, the table, and "Load more". */
export function IncidentResults({ query, caption, empty, showSchool }: IncidentResultsProps) {
  const rows = query.data?.pages.flatMap((page) => page.incidents) ?? [];
  const total = query.data?.pages[0]?.total ?? 0;

  return (
    <>
      {query.isPending && <Loading label="Loading incidents…" />}
      {query.isError && !query.data && (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      )}
      {query.data && (
        <p className="results-count" role="status">
          {total === 0
            ? ''
            : rows.length < total
              ? `Showing ${rows.length.toLocaleString('en-GB')} of ${countIncidents(total)}, newest first.`
              : `${countIncidents(total)}, newest first.`}
        </p>
      )}
      {query.data && rows.length === 0 && (
        <div className="empty">
          <p>{empty}</p>
        </div>
      )}
      {rows.length > 0 && (
        <IncidentTable incidents={rows} caption={caption} showSchool={showSchool} />
      )}
      {query.isError && query.data && (
        <QueryError error={query.error} onRetry={() => void query.fetchNextPage()} />
      )}
      {query.data && query.hasNextPage && (
        <div className="load-more">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
          >
            {query.isFetchingNextPage ? 'Loading more…' : 'Load more'}
          </button>
        </div>
      )}
    </>
  );
}
