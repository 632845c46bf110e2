import type { z } from 'zod';
import type {
  CategorySchema,
  Incident,
  IncidentSummary,
  OutcomeSchema,
  PersonKindSchema,
  RiddorAssessment,
  RiddorDecisionSchema,
  SpecifiedInjurySchema,
  StatusSchema,
} from '../../../shared/incidents-api';
import { yearGroupLabel } from '../people/describe';

export type Category = z.infer<typeof CategorySchema>;
export type Outcome = z.infer<typeof OutcomeSchema>;
export type Status = z.infer<typeof StatusSchema>;
export type PersonKind = z.infer<typeof PersonKindSchema>;
export type SpecifiedInjury = z.infer<typeof SpecifiedInjurySchema>;
export type RiddorDecision = z.infer<typeof RiddorDecisionSchema>;
export type InjurySide = 'left' | 'right' | 'both' | 'centre';

/** The keys of a label map, in the order written: the one list of the choices. */
function keysOf<K extends string>(labels: Record<K, unknown>): K[] {
  return Object.keys(labels) as K[];
}

export const categoryLabels: Record<Category, string> = {
  accident_injury: 'Accident or injury',
  near_miss: 'Near miss',
  dangerous_occurrence: 'Dangerous occurrence',
  ill_health: 'Illness',
  violence_aggression: 'Violence or aggression',
  other: 'Other',
};
export const categories = keysOf(categoryLabels);

export const categoryHints: Record<Category, string> = {
  accident_injury: 'Someone was hurt: a fall, a knock, a cut.',
  near_miss: 'No one was hurt, but someone could have been.',
  dangerous_occurrence: 'Equipment failed or something unsafe happened.',
  ill_health: 'Someone was taken ill at school.',
  violence_aggression: 'Someone was hurt or threatened by another person.',
  other: 'Anything else that should be on record.',
};

export const outcomeLabels: Record<Outcome, string> = {
  returned_to_class_or_work: 'Returned to class or work',
  sent_home: 'Went home',
  hospital: 'Went to hospital',
  ambulance_called: 'Ambulance called',
  other: 'Other',
};
export const outcomes = keysOf(outcomeLabels);

export const statusLabels: Record<Status, string> = {
  open: 'Open',
  under_review: 'Under review',
  closed: 'Closed',
};
export const statuses = keysOf(statusLabels);

export const statusBadgeClass: Record<Status, string> = {
  open: 'badge',
  under_review: 'badge badge--warning',
  closed: 'badge badge--muted',
};

export const personKindLabels: Record<PersonKind, string> = {
  pupil: 'Pupil',
  staff: 'Staff',
  visitor: 'Visitor',
  contractor: 'Contractor',
  public: 'Member of the public',
  other: 'Other',
};
export const personKinds = keysOf(personKindLabels);

export const sideLabels: Record<InjurySide, string> = {
  left: 'Left',
  right: 'Right',
  both: 'Both',
  centre: 'Centre',
};
export const sides = keysOf(sideLabels);

export const specifiedInjuryLabels: Record<SpecifiedInjury, string> = {
  fracture: 'A fracture, other than to fingers, thumbs or toes',
  amputation: 'An amputation',
  sight_loss: 'An injury likely to cause permanent loss or reduction of sight',
  crush_head_torso: 'A crush injury to the head or torso',
  serious_burn: 'A burn covering over 10% of the body, or damaging eyes, lungs or vital organs',
  scalping: 'Scalping needing hospital treatment',
  loss_of_consciousness: 'Loss of consciousness from a head injury or asphyxia',
  enclosed_space:
    'In an enclosed space: hypothermia, heat illness, resuscitation or 24 hours in hospital',
};
export const specifiedInjuries = keysOf(specifiedInjuryLabels);

export const riddorDecisionLabels: Record<RiddorDecision, string> = {
  undecided: 'Not decided yet',
  not_reportable: 'Not reportable',
  reportable: 'Reportable',
};
export const riddorDecisions = keysOf(riddorDecisionLabels);

export const suggestionLabels: Record<RiddorAssessment['suggestion'], string> = {
  reportable: 'Looks reportable',
  not_reportable: 'Looks not reportable',
  needs_answers: 'More answers needed',
};

/** "Year 4" for a pupil, the job title for staff, nothing for anyone else. */
export function personDetail(person: Incident['person']): string | null {
  if (person.kind === 'pupil' && person.yearGroup?.trim()) return yearGroupLabel(person.yearGroup);
  if (person.kind === 'staff' && person.occupation?.trim()) return person.occupation.trim();
  return null;
}

/** "Playground", "Playground: by the climbing frame", or the place described by hand. */
export function placeOf(incident: Pick<IncidentSummary, 'location' | 'locationDetail'>): string {
  const detail = incident.locationDetail?.trim();
  if (incident.location && detail) return `${incident.location.name}: ${detail}`;
  return incident.location?.name ?? detail ?? '';
}

/**
 * The RIDDOR badge of a list row, when something needs doing: a report past its deadline, or a
 * decision nobody has made yet while the answers point to a report or are incomplete (the
 * list's "awaiting" filter). Null when nothing needs doing.
 */
export function riddorAttention(
  riddor: IncidentSummary['riddor'],
): { label: string; className: string } | null {
  if (riddor.assessment.overdue) {
    return { label: 'RIDDOR overdue', className: 'badge badge--danger' };
  }
  if (riddor.decision === 'undecided' && riddor.assessment.suggestion !== 'not_reportable') {
    return { label: 'RIDDOR awaiting decision', className: 'badge badge--warning' };
  }
  return null;
}

/** "1 incident", "3 incidents". */
export function countIncidents(count: number): string {
  return count === 1 ? '1 incident' : `${count.toLocaleString('en-GB')} incidents`;
}

/** "Incident 42". */
export function incidentTitle(incident: Pick<IncidentSummary, 'number'>): string {
  return `Incident ${incident.number}`;
}
