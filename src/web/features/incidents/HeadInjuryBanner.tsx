import type { Incident } from '../../../shared/incidents-api';
import { DateTime } from '../../components/DateTime';
import { useFamilyTold } from '../notifications/family-told';

/**
 * The head-injury notice at the top of an incident: who the family was told by and when, from
 * the emails sent; it asks to tell them only while nobody has been.
 */
export function HeadInjuryBanner({ incident }: { incident: Incident }) {
  const { isKnown, told } = useFamilyTold(incident.id);
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
          {isKnown
            ? 'Parents or carers should be told today, with the warning signs to watch for over the next 24 hours.'
            : 'Checking whether the family has been told…'}
        </p>
      )}
    </div>
  );
}
