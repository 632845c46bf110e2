import { useState } from 'react';
import type { WondeConnection } from '../../../shared/wonde-api';
import { DateTime } from '../../components/DateTime';
import { FormAlert } from '../../components/FormAlert';
import { StatusMessage } from '../../components/StatusMessage';
import type { SyncMode } from './api';
import { formatCount } from './describe';
import { useSyncMutation } from './queries';
import { SyncProgress } from './SyncProgress';
import { WondeSchoolSummary } from './WondeSchoolSummary';

type WondeApprovedProps = { connection: WondeConnection; canManage: boolean };

/** A connected school: its Wonde school, its directory, and syncing it. */
export function WondeApproved({ connection, canManage }: WondeApprovedProps) {
  const sync = useSyncMutation(connection.schoolId);
  const [notice, setNotice] = useState<string | null>(null);
  const { liveRun, directory } = connection;
  const isBusy = liveRun !== null || sync.isPending;

  const handleSync = (mode: SyncMode) => {
    setNotice(null);
    sync.mutate(mode, {
      onSuccess: (result) => {
        if (!result.isNew) setNotice('A sync was already under way; its progress is shown below.');
      },
    });
  };

  return (
    <>
      <WondeSchoolSummary connection={connection}>
        {connection.stateChangedAt && (
          <div>
            <dt>Connected since</dt>
            <dd>
              <DateTime value={connection.stateChangedAt} />
            </dd>
          </div>
        )}
        <div>
          <dt>Last successful sync</dt>
          <dd>
            {connection.lastSyncedAt ? <DateTime value={connection.lastSyncedAt} /> : 'Not yet'}
          </dd>
        </div>
      </WondeSchoolSummary>

      <h3 className="section-title">People from the MIS</h3>
      <dl className="stats">
        <div>
          <dt>Pupils</dt>
          <dd>{formatCount(directory.pupils)}</dd>
        </div>
        <div>
          <dt>Staff</dt>
          <dd>{formatCount(directory.staff)}</dd>
        </div>
        <div>
          <dt>Left</dt>
          <dd>{formatCount(directory.left)}</dd>
        </div>
      </dl>

      <h3 className="section-title">Sync</h3>
      {!liveRun && connection.recentRuns.length === 0 && (
        <p className="muted">The first full sync starts shortly after the school approves.</p>
      )}
      {canManage && (
        <>
          <p className="muted">
            Plaster syncs by itself. “Sync changes now” reads what has changed in the MIS since the
            last sync; “Full sync” reads everyone again and marks anyone no longer listed as
            removed.
          </p>
          <FormAlert error={sync.error} />
          <StatusMessage message={notice} />
          <div className="form__actions">
            <button
              type="button"
              className="button"
              disabled={isBusy}
              onClick={() => handleSync('delta')}
            >
              Sync changes now
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={isBusy}
              onClick={() => handleSync('full')}
            >
              Full sync
            </button>
          </div>
        </>
      )}
      <SyncProgress liveRun={liveRun} recentRuns={connection.recentRuns} />
    </>
  );
}
