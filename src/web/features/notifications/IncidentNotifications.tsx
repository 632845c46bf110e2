import type { Incident } from '../../../shared/incidents-api';
import { useSession } from '../auth/session';
import { CommunicationLog } from './CommunicationLog';
import { canContactFamilies } from './permissions';
import { TellFamilySection } from './TellFamilySection';

type IncidentNotificationsProps = { incident: Incident };

/** On an incident's page: telling the family (or next of kin), and what has been sent. */
export function IncidentNotifications({ incident }: IncidentNotificationsProps) {
  const session = useSession();
  return (
    <>
      {canContactFamilies(session) && incident.person.unmatched && (
        <p className="muted">
          Match {incident.person.name} to the school’s records (above) to see who to tell.
        </p>
      )}
      {canContactFamilies(session) && !incident.person.unmatched && (
        // A new person on the incident starts the email afresh.
        <TellFamilySection
          key={incident.person.personId ?? incident.person.name}
          incident={incident}
        />
      )}
      <CommunicationLog incidentId={incident.id} />
    </>
  );
}
