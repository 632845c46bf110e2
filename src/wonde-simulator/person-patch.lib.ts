import type {
  Gender,
  SimAddress,
  SimContactDetails,
  SimContactLink,
  SimEducationDetails,
  SimEmploymentDetails,
  SimPersonBase,
  SimStudentExtended,
} from './dataset.types';
import { initialsOf } from './person-details.factory';
import type { PersonKind, PersonOfKind } from './sim-state.store';

/** A change to a person, as a MIS edit would make it. Nested blocks merge field by field. */
export type PersonPatch = {
  title?: string | null;
  forename?: string;
  surname?: string;
  middleNames?: string | null;
  legalForename?: string | null;
  legalSurname?: string | null;
  gender?: Gender | null;
  dateOfBirth?: string | null;
  contactDetails?: {
    phones?: Partial<SimContactDetails['phones']>;
    emails?: Partial<SimContactDetails['emails']>;
    addresses?: Partial<Record<'home' | 'work' | 'postal', SimAddress | null>>;
    salutation?: string | null;
  };
  /** Students only. */
  education?: Partial<SimEducationDetails>;
  /** Students only. */
  extended?: Partial<SimStudentExtended>;
  /** Students only: replaces the pupil's contact links. */
  contactLinks?: SimContactLink[];
  /** Employees only. */
  employment?: Partial<SimEmploymentDetails>;
};

export class PatchError extends Error {}

const BASE_FIELDS = [
  'title',
  'forename',
  'surname',
  'middleNames',
  'legalForename',
  'legalSurname',
  'gender',
  'dateOfBirth',
] as const;

/** Applies `patch` in place; the caller moves `updatedAt`. Throws PatchError for a block the kind lacks. */
export function applyPersonPatch<K extends PersonKind>(
  kind: K,
  person: PersonOfKind[K],
  patch: PersonPatch,
): void {
  const isStudent = kind === 'student';
  if (!isStudent && (patch.education || patch.extended || patch.contactLinks)) {
    throw new PatchError('education, extended and contactLinks apply to students only');
  }
  if (kind !== 'employee' && patch.employment)
    throw new PatchError('employment applies to employees only');

  const base: SimPersonBase = person;
  const writable = base as Record<(typeof BASE_FIELDS)[number], unknown>;
  for (const field of BASE_FIELDS) {
    if (patch[field] !== undefined) writable[field] = patch[field];
  }
  if (
    patch.forename !== undefined ||
    patch.surname !== undefined ||
    patch.middleNames !== undefined
  ) {
    base.initials = initialsOf(base.forename, base.middleNames, base.surname);
  }
  const details = patch.contactDetails;
  if (details) {
    Object.assign(base.contactDetails.phones, details.phones ?? {});
    Object.assign(base.contactDetails.emails, details.emails ?? {});
    Object.assign(base.contactDetails.addresses, details.addresses ?? {});
    if (details.salutation !== undefined) base.contactDetails.salutation = details.salutation;
  }
  if ('education' in person) {
    if (patch.education) Object.assign(person.education, patch.education);
    if (patch.extended) Object.assign(person.extended, patch.extended);
    if (patch.contactLinks)
      person.contactLinks = patch.contactLinks.map((link) => ({
        ...link,
        relationship: { ...link.relationship },
      }));
  }
  if ('employment' in person && patch.employment)
    Object.assign(person.employment, patch.employment);
}
