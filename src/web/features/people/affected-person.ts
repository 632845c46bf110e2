import { MANUAL_PERSON_TYPES } from '../../../shared/incidents-api';
import type { PersonSearchResult } from '../../../shared/people-api';

/** The incident book's types for people entered by hand. */
export const manualPersonTypes = MANUAL_PERSON_TYPES;
export type ManualPersonType = (typeof manualPersonTypes)[number];

export const manualPersonTypeLabels: Record<ManualPersonType, string> = {
  visitor: 'Visitor',
  contractor: 'Contractor',
  public: 'Member of the public',
  other: 'Other',
};

/**
 * The person an incident happened to: someone from the school's directory (a pupil or member of
 * staff), or someone entered by hand who is not in it.
 */
export type AffectedPerson =
  | { kind: 'directory'; person: PersonSearchResult }
  | { kind: 'manual'; personType: ManualPersonType; name: string; contact: string };

/** What is still missing before the person can be saved, as a sentence; null when complete. */
export function affectedPersonProblem(value: AffectedPerson | null): string | null {
  if (!value) return 'Choose the person affected, or enter someone who is not in the list.';
  if (value.kind === 'manual' && !value.name.trim()) return 'Enter the person’s full name.';
  return null;
}
