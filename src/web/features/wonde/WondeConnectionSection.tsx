import { useEffect, useId, useRef, useState } from 'react';
import type { School } from '../../../shared/api';
import type { ConnectionState, WondeConnection } from '../../../shared/wonde-api';
import { DateTime } from '../../components/DateTime';
import { Loading } from '../../components/Loading';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { useCan } from '../auth/session';
import { stateLabels } from './describe';
import { DisconnectWonde } from './DisconnectWonde';
import { useConnectWondeMutation, useWondeConnectionQuery } from './queries';
import type { ConnectMutation } from './queries';
import { SyncRunsTable } from './SyncRunsTable';
import { WondeApproved } from './WondeApproved';
import { WondeLookupForm } from './WondeLookupForm';
import { WondeSchoolSummary } from './WondeSchoolSummary';

const stateBadges: Record<ConnectionState, string> = {
  not_connected: 'badge badge--muted',
  pending: 'badge badge--warning',
  approved: 'badge badge--success',
  declined: 'badge badge--danger',
  revoked: 'badge badge--danger',
  error: 'badge badge--danger',
};

const brokenSentences: Partial<Record<ConnectionState, string>> = {
  declined: 'The school declined Plaster’s request for access in Wonde.',
  revoked: 'Plaster’s access to this school has been revoked in Wonde, so it no longer syncs.',
  error: 'The connection to Wonde has a problem, so this school does not sync.',
};

type WondeConnectionSectionProps = { school: School };

/** The school's Wonde connection: its state, and for admins connecting, syncing, disconnecting. */
export function WondeConnectionSection({ school }: WondeConnectionSectionProps) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const canManage = useCan('wonde.manage');
  const connection = useWondeConnectionQuery(school.id);
  const connect = useConnectWondeMutation(school.id);
  const [notice, setNotice] = useState<string | null>(null);
  const [focusRequests, setFocusRequests] = useState(0);

  // The button pressed is gone once the state changes: carry focus to the section instead.
  useEffect(() => {
    if (focusRequests > 0) headingRef.current?.focus();
  }, [focusRequests]);

  const handleRequest = (wondeSchoolId: string) => {
    setNotice(null);
    connect.mutate(wondeSchoolId, { onSuccess: () => setFocusRequests((n) => n + 1) });
  };
  const handleDisconnected = () => {
    setNotice(`${school.name} has been disconnected from Wonde.`);
    setFocusRequests((n) => n + 1);
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="card__title">
        Wonde (MIS) connection
      </h2>
      <StatusMessage message={notice} />
      {connection.isPending && <Loading label="Loading the connection…" />}
      {connection.isError && (
        <QueryError error={connection.error} onRetry={() => void connection.refetch()} />
      )}
      {connection.data && (
        <ConnectionBody
          school={school}
          connection={connection.data}
          canManage={canManage}
          connect={connect}
          onRequest={handleRequest}
          onDisconnected={handleDisconnected}
        />
      )}
    </section>
  );
}

type ConnectionBodyProps = {
  school: School;
  connection: WondeConnection;
  canManage: boolean;
  connect: ConnectMutation;
  onRequest: (wondeSchoolId: string) => void;
  onDisconnected: () => void;
};

function ConnectionBody({
  school,
  connection,
  canManage,
  connect,
  onRequest,
  onDisconnected,
}: ConnectionBodyProps) {
  const { state } = connection;
  const requestedAt = connection.requestedAt ?? connection.stateChangedAt;
  const brokenSentence = brokenSentences[state];
  const canReconnect = state !== 'pending' && state !== 'approved';

  return (
    <>
      <p className="meta-line" aria-live="polite">
        <span>
          Status: <span className={stateBadges[state]}>{stateLabels[state]}</span>
        </span>
      </p>

      {state === 'not_connected' && (
        <p>
          Connecting lets Plaster read this school’s staff and pupils from its MIS through Wonde, so
          people can be picked when logging an incident; it is read-only and nothing is written back
          to the MIS.
        </p>
      )}

      {state === 'pending' && (
        <>
          <p>
            Access requested
            {requestedAt && (
              <>
                {' '}
                on <DateTime value={requestedAt} />
              </>
            )}
            . The school approves Plaster in its Wonde portal; this page updates by itself.
          </p>
          <WondeSchoolSummary connection={connection} />
        </>
      )}

      {brokenSentence && (
        <>
          <p>{brokenSentence}</p>
          {connection.stateReason && (
            <p>
              <strong>Reason:</strong> {connection.stateReason}
            </p>
          )}
          {connection.releasesAt && (
            <p>
              Unless the school approves Plaster again in Wonde, its synced pupils and staff are
              removed from Plaster on <DateTime value={connection.releasesAt} /> and the link to
              this Wonde school ends. Incidents keep what they recorded.
            </p>
          )}
          <WondeSchoolSummary connection={connection} />
        </>
      )}

      {state === 'approved' && <WondeApproved connection={connection} canManage={canManage} />}

      {canReconnect && !connection.wondeAvailable && (
        <p className="notice">
          Wonde is not configured on this Plaster, so schools cannot be connected to their MIS. Ask
          whoever runs Plaster for your organisation to set it up.
        </p>
      )}
      {canReconnect && connection.wondeAvailable && !canManage && (
        <p className="muted">
          An administrator can {state === 'not_connected' ? 'connect' : 'connect again'} this
          school.
        </p>
      )}
      {canReconnect && connection.wondeAvailable && canManage && (
        <>
          {state !== 'not_connected' && <h3 className="section-title">Connect again</h3>}
          <WondeLookupForm
            school={school}
            previousWondeSchoolId={connection.wondeSchoolId}
            connect={connect}
            onRequest={onRequest}
          />
        </>
      )}

      {connection.recentRuns.length > 0 && (
        <>
          <h3 className="section-title">Recent syncs</h3>
          <SyncRunsTable runs={connection.recentRuns} />
        </>
      )}

      {canManage && (
        <DisconnectWonde
          school={school}
          canDisconnect={state === 'approved' || state === 'pending'}
          isAwaitingApproval={state === 'pending'}
          onDisconnected={onDisconnected}
        />
      )}
    </>
  );
}
