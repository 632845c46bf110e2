import type { MouseEvent } from 'react';
import type { Incident } from '../../../shared/incidents-api';
import { formatDate } from '../../components/london-time';
import { useSession } from '../auth/session';
import { useFamilyTold } from '../notifications/family-told';
import { canContactFamilies } from '../notifications/permissions';
import { TELL_FAMILY_HEADING_ID } from '../notifications/TellFamilySection';
import { canManageIncidents } from './permissions';

/** Headings of the incident page's sections where each thing is done (focusable, tabIndex -1). */
export const RIDDOR_HEADING_ID = 'incident-riddor';
export const STATUS_HEADING_ID = 'incident-status';

type ToDo = { text: string; target: string; isUrgent?: boolean };

/** What this user still has to do on the incident; empty when there is nothing. */
function useToDos(incident: Incident): ToDo[] {
  const session = useSession();
  const { isKnown, told } = useFamilyTold(incident.id);
  const toDos: ToDo[] = [];
  if (
    incident.headInjury &&
    canContactFamilies(session) &&
    !incident.person.unmatched &&
    isKnown &&
    told.length === 0
  ) {
    toDos.push({ text: 'Tell the family about the head injury', target: TELL_FAMILY_HEADING_ID });
  }
  if (canManageIncidents(session) && incident.status !== 'closed') {
    const { decision, reportedOn, assessment } = incident.riddor;
    const treatedAsReportable =
      decision === 'reportable' ||
      (decision === 'undecided' && assessment.suggestion === 'reportable');
    if (assessment.overdue && treatedAsReportable && reportedOn === null) {
      toDos.push({
        text: assessment.deadline
          ? `Report to the HSE: it was due by ${formatDate(assessment.deadline)}`
          : 'Report to the HSE: it is overdue',
        target: RIDDOR_HEADING_ID,
        isUrgent: true,
      });
    } else if (decision === 'undecided' && assessment.suggestion !== 'not_reportable') {
      toDos.push({
        text: 'Decide whether it is reportable under RIDDOR',
        target: RIDDOR_HEADING_ID,
      });
    }
    toDos.push({ text: 'Review and sign off', target: STATUS_HEADING_ID });
  }
  return toDos;
}

/** Moves to the section's heading (focus, so keyboard and screen reader users land there too). */
function jumpTo(event: MouseEvent<HTMLAnchorElement>, target: string) {
  const heading = document.getElementById(target);
  if (!heading) return;
  event.preventDefault();
  heading.focus();
  heading.scrollIntoView({ block: 'start' });
}

/**
 * What still needs doing, above the record, so that on a phone it is on the first screen: tell
 * the family, the RIDDOR decision or report, sign-off. Each item leads to where it is done.
 */
export function IncidentToDo({ incident }: { incident: Incident }) {
  const toDos = useToDos(incident);
  if (toDos.length === 0) return null;
  return (
    <section className="todo no-print" aria-labelledby="incident-todo">
      <h2 id="incident-todo" className="todo__title">
        Still to do
      </h2>
      <ul className="todo__list">
        {toDos.map((toDo) => (
          <li key={toDo.text}>
            <a
              href={`#${toDo.target}`}
              className={toDo.isUrgent ? 'todo__link todo__link--urgent' : 'todo__link'}
              onClick={(event) => jumpTo(event, toDo.target)}
            >
              {toDo.text}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
