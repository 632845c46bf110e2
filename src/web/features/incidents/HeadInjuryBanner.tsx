import type { Incident } from '../../../shared/incidents-api';
import { DateTime } from '../../components/DateTime';
import { useNotificationsQuery } from '../notifications/queries';

/**
 * The head-injury notice at the top of an incident: who the family was told by and when, from
 * the emails sent; it asks to tell them only while nobody has been.
 */
export function HeadInjuryBanner({ incident }: { incident: Incident }) {
  const log = useNotificationsQuery(incident.id);
  const told = (log.data ?? [])
    .filter((n) => n.status === 'sent' || n.status === 'queued' || n.status === 'sending')
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  const first = told[0];
  return (
    <div className={`head-injury ${first ? 'head-injury--done' : 'head-injury--notice'}`}>
      <p className="head-injury__label">Head injury</p>
      {first ? (
        <p className="head-injury__hint">
          {first.recipientName ?? 'The family'} {first.status === 'sent' ? 'was' : 'is being'}{' '}
          emailed by {first.sentBy?.name ?? 'a member of staff'} on{' '}
          <DateTime value={first.sentAt ?? first.createdAt} />
          {told.length > 1 ? `, and ${told.length - 1} more` : ''}.
        </p>
      ) : (
        <p className="head-injury__hint">
          {log.isPending
            ? 'Checking whether the family has been told…'
            : 'Parents or carers should be told today, with the warning signs to watch for over the next 24 hours.'}
        </p>
      )}
    </div>
  );
}
