import { useState } from 'react';
import type { SyncRun } from '../../../shared/wonde-api';
import { DateTime } from '../../components/DateTime';
import { countLabels, describeRun, formatCount, runTitle, triggerLabel } from './describe';
import { RunStatusBadge } from './RunStatusBadge';

type SyncProgressProps = { liveRun: SyncRun | null; recentRuns: SyncRun[] };

/**
 * The run under way, refreshed as the page polls, and a sentence that screen readers announce
 * when it starts, moves to another phase and ends.
 */
export function SyncProgress({ liveRun, recentRuns }: SyncProgressProps) {
  const [watchedRunId, setWatchedRunId] = useState<string | null>(liveRun?.id ?? null);
  if (liveRun && liveRun.id !== watchedRunId) setWatchedRunId(liveRun.id);

  const finishedRun =
    !liveRun && watchedRunId ? recentRuns.find((run) => run.id === watchedRunId) : undefined;
  const shownRun = liveRun ?? finishedRun;

  const messageClass = !shownRun
    ? 'sync-progress__message'
    : shownRun.status === 'succeeded'
      ? 'sync-progress__message alert alert--success'
      : shownRun.status === 'failed'
        ? 'sync-progress__message alert alert--error'
        : 'sync-progress__message sync-progress__message--live';

  return (
    <div className="sync-progress">
      <p aria-live="polite" className={messageClass}>
        {shownRun ? describeRun(shownRun) : ''}
      </p>
      {liveRun && (
        <div className="live-run">
          <progress className="live-run__bar" aria-label="Sync in progress" />
          <p className="live-run__meta">
            <RunStatusBadge status={liveRun.status} />
            <span>{runTitle(liveRun.mode)}</span>
            <span>{triggerLabel(liveRun.trigger)}</span>
            {liveRun.startedAt ? (
              <span>
                Started <DateTime value={liveRun.startedAt} withSeconds />
              </span>
            ) : (
              <span>Waiting to start</span>
            )}
            {liveRun.attempts > 1 && <span>Attempt {liveRun.attempts}</span>}
          </p>
          <dl className="stats stats--small">
            <div>
              <dt>Pages fetched</dt>
              <dd>{formatCount(liveRun.pagesFetched)}</dd>
            </div>
            <div>
              <dt>People seen</dt>
              <dd>{formatCount(liveRun.peopleSeen)}</dd>
            </div>
            {countLabels.map(({ key, label }) => (
              <div key={key}>
                <dt>{label}</dt>
                <dd>{formatCount(liveRun.counts[key])}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </div>
  );
}
