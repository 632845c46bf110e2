import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useIsOnline } from '../../app/use-is-online';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DateTime } from '../../components/DateTime';
import { PageHeader } from '../../components/PageHeader';
import { useSession } from '../auth/session';
import { NEW_INCIDENT_FORM, saveDraft } from './drafts';
import type { IncidentDraft } from './IncidentForm';
import { removeFromOutbox } from './outbox';
import type { OutboxItem } from './outbox';
import { useOutbox } from './OutboxProvider';
import { waitingLabel } from './OutboxStatus';

/** The incidents logged on this device that Plaster has not accepted yet. */
export function OutboxPage() {
  const { user } = useSession();
  const { items, isSending, sendNow } = useOutbox();
  const isOnline = useIsOnline();
  const navigate = useNavigate();
  const [deleting, setDeleting] = useState<OutboxItem | null>(null);

  // A refused incident goes back into the form, with its key, to be corrected and sent again.
  const openInForm = async (item: OutboxItem) => {
    const draft: IncidentDraft = { values: item.values, idempotencyKey: item.key };
    await saveDraft(user.id, NEW_INCIDENT_FORM, draft);
    await removeFromOutbox(item.key);
    void navigate('/incidents/new');
  };

  return (
    <>
      <PageHeader
        title="Waiting to send"
        description="Incidents logged on this device that Plaster has not received yet. They are sent as soon as there is a connection."
        back={<Link to="/incidents">All incidents</Link>}
      />
      {items.length === 0 ? (
        <p>Nothing is waiting: every incident logged on this device has been sent.</p>
      ) : (
        <>
          <p>
            {waitingLabel(items.length)}.{' '}
            {isOnline ? (
              <button
                type="button"
                className="button button--small"
                onClick={() => void sendNow()}
                disabled={isSending}
              >
                {isSending ? 'Sending…' : 'Send now'}
              </button>
            ) : (
              'You are offline: they will be sent when the connection returns.'
            )}
          </p>
          <ul className="outbox-list">
            {items.map((item) => (
              <li key={item.key} className="outbox-list__item">
                <p className="outbox-list__title">
                  <strong>{item.personName}</strong>, logged{' '}
                  <DateTime value={new Date(item.queuedAt).toISOString()} />
                </p>
                {item.problem ? (
                  <p className="field__error">Plaster could not accept it: {item.problem}</p>
                ) : (
                  <p className="field__hint">Waiting to send.</p>
                )}
                <div className="outbox-list__actions">
                  {item.problem && (
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => void openInForm(item)}
                    >
                      Correct it in the form
                    </button>
                  )}
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => setDeleting(item)}
                  >
                    Delete
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      <ConfirmDialog
        isOpen={deleting !== null}
        title="Delete this incident?"
        confirmLabel="Delete it"
        isDestructive
        onConfirm={() => {
          if (deleting) void removeFromOutbox(deleting.key);
          setDeleting(null);
        }}
        onCancel={() => setDeleting(null)}
      >
        <p>
          The incident for {deleting?.personName} has not reached Plaster. Deleting it removes it
          from this device and it will not be recorded.
        </p>
      </ConfirmDialog>
    </>
  );
}
