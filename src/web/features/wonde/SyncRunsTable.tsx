import type { SyncRun } from '../../../shared/wonde-api';
import { DateTime } from '../../components/DateTime';
import { countLabels, modeLabels, runDuration, triggerLabel } from './describe';
import { RunStatusBadge } from './RunStatusBadge';

type SyncRunsTableProps = { runs: SyncRun[] };

/** The latest sync runs, newest first. */
export function SyncRunsTable({ runs }: SyncRunsTableProps) {
  return (
    <div className="table-wrap">
      <table className="table table--stack table--runs">
        <caption className="visually-hidden">Recent syncs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Sync</th>
            <th scope="col">Status</th>
            <th scope="col">Duration</th>
            {countLabels.map(({ key, label }) => (
              <th scope="col" key={key} className="numeric">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <th scope="row" data-label="When">
                <DateTime value={run.startedAt ?? run.queuedAt} />
              </th>
              <td data-label="Sync">
                {modeLabels[run.mode]}
                <span className="cell-secondary">{triggerLabel(run.trigger)}</span>
              </td>
              <td data-label="Status">
                <RunStatusBadge status={run.status} />
                {run.error && <span className="cell-secondary run-error">{run.error}</span>}
              </td>
              <td data-label="Duration" className="nowrap">
                {runDuration(run) ?? <span className="muted">—</span>}
              </td>
              {countLabels.map(({ key, label }) => (
                <td key={key} data-label={label} className="numeric">
                  {run.counts[key]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
