import { MANUAL_PERSON_TYPES } from '../../../shared/fixed-lists';
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

/** A pupil or member of staff named while the directory could not be searched (offline). */
export type UnmatchedPersonType = 'pupil' | 'staff';

/**
 * The person an incident happened to: someone from the school's directory (a pupil or member of
 * staff), someone entered by hand who is not in it, or a pupil or member of staff entered by name
 * while offline, to be matched to the directory once the connection returns.
 */
export type AffectedPerson =
  | { kind: 'directory'; person: PersonSearchResult }
  | { kind: 'manual'; personType: ManualPersonType; name: string; contact: string }
  | { kind: 'unmatched'; personType: UnmatchedPersonType; name: string };

/** What is still missing before the person can be saved, as a sentence; null when complete. */
export function affectedPersonProblem(value: AffectedPerson | null): string | null {
  if (!value) return 'Choose the person affected, or enter someone who is not in the list.';
  if (value.kind !== 'directory' && !value.name.trim()) return 'Enter the person’s full name.';
  return null;
}
