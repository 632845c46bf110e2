import type { PersonSearchResult } from '../../../shared/people-api';

export const personTypeLabels: Record<PersonSearchResult['type'], string> = {
  pupil: 'Pupil',
  staff: 'Staff',
};

export const personStatusLabels: Record<PersonSearchResult['status'], string> = {
  current: 'Current',
  left: 'Left',
};

/** "Year 7", "Reception", "Nursery" (N1, N2): the National Curriculum year as schools say it. */
export function yearGroupLabel(yearGroup: string): string {
  const year = yearGroup.trim();
  if (/^r(eception)?$/i.test(year)) return 'Reception';
  if (/^n[12]?$/i.test(year) || /^nursery/i.test(year)) return 'Nursery';
  const number = /^(?:y|year\s*)?(\d{1,2})$/i.exec(year)?.[1];
  if (number) return `Year ${Number(number)}`;
  return year;
}

/** The year group of a pupil or the job title of a member of staff, when the MIS gives one. */
export function roleOrYear(person: PersonSearchResult): string | null {
  if (person.type === 'pupil') {
    return person.yearGroup?.trim() ? yearGroupLabel(person.yearGroup) : null;
  }
  return person.occupation?.trim() || null;
}

export function personName(person: Pick<PersonSearchResult, 'firstName' | 'lastName'>): string {
  return `${person.firstName} ${person.lastName}`.trim();
}

/** "1 incident", "3 incidents". */
export function incidentsLabel(count: number): string {
  return count === 1 ? '1 incident' : `${count.toLocaleString('en-GB')} incidents`;
}
