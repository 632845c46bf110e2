import { useMemo } from 'react';
import { DateTime } from '../../components/DateTime';
import { Loading } from '../../components/Loading';
import { QueryError } from '../../components/QueryError';
import { useLocationsQuery } from '../locations/queries';
import {
  describeHistoryAction,
  describeHistoryField,
  describeHistoryValue,
  historyChanges,
} from './describe-history';
import type { HistoryContext } from './describe-history';
import { useIncidentHistoryQuery } from './queries';

type IncidentHistoryProps = { incidentId: string; schoolId: string };

const longText = 120;

/** Who changed what and when, newest first. */
export function IncidentHistory({ incidentId, schoolId }: IncidentHistoryProps) {
  const history = useIncidentHistoryQuery(incidentId);
  const locations = useLocationsQuery(schoolId);
  const context = useMemo<HistoryContext>(
    () => ({
      locationNames: new Map(
        (locations.data ?? []).map((location) => [location.id, location.name]),
      ),
    }),
    [locations.data],
  );

  return (
    <section className="card no-print" aria-labelledby="incident-history">
      <h2 id="incident-history" className="card__title">
        Change history
      </h2>
      {history.isPending && <Loading label="Loading the history…" />}
      {history.isError && (
        <QueryError error={history.error} onRetry={() => void history.refetch()} />
      )}
      {history.data?.length === 0 && <p className="muted">No changes recorded.</p>}
      {history.data && history.data.length > 0 && (
        <ol className="history" aria-label="Changes, newest first">
          {history.data.map((entry, index) => {
            const changes = entry.action === 'created' ? [] : historyChanges(entry.changes);
            return (
              <li key={`${entry.at}-${index}`} className="history__entry">
                <p className="history__what">
                  <span className="history__action">{describeHistoryAction(entry)}</span>{' '}
                  <span className="muted">
                    by {entry.actor?.name ?? 'Plaster'} on <DateTime value={entry.at} />
                  </span>
                </p>
                {changes.length > 0 && (
                  <ul className="changes history__changes">
                    {changes.map(({ field, before, after }) => {
                      const was = describeHistoryValue(field, before, context);
                      const now = describeHistoryValue(field, after, context);
                      const isLong = was.length + now.length > longText;
                      // A note is written once, with the change it explains: no "before".
                      const isNew = field === 'note' && (before === null || before === undefined);
                      return (
                        <li key={field} className={isLong ? 'changes__long' : undefined}>
                          <span className="changes__field">{describeHistoryField(field)}:</span>{' '}
                          {isNew ? (
                            <span className="changes__after">{now}</span>
                          ) : (
                            <>
                              <span className="changes__before">
                                <span className="visually-hidden">was </span>
                                {was}
                              </span>{' '}
                              <span aria-hidden="true">→</span>
                              <span className="visually-hidden">, now</span>{' '}
                              <span className="changes__after">{now}</span>
                            </>
                          )}
                        </li>
                      );
                    })}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
