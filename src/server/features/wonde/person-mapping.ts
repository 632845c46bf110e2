import type { EducationDetails } from '../../db/schema';
import { searchTextOf } from '../people/search-text';
import { londonDate } from '../../lib/london-time';
import { cleanText, firstText } from '../../lib/text';
import { wondeCalendarDate, wondeInstant } from './wonde-dates';
import type { WondeContactDetails, WondeEmployee, WondeStudent } from './wonde-responses';

/** What the directory keeps of one person (design rule 3), from one Wonde record. */
export type PersonFields = {
  type: 'pupil' | 'staff';
  wondeId: string;
  misId: string | null;
  firstName: string;
  lastName: string;
  legalFirstName: string | null;
  legalLastName: string | null;
  searchText: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  occupation: string | null;
  ncYear: string | null;
  educationDetails: EducationDetails | null;
  status: 'current' | 'left';
  wondeUpdatedAt: Date | null;
  wondeRestoredAt: Date | null;
};

function formatAddress(details: WondeContactDetails | null | undefined): string | null {
  const home = details?.addresses?.home;
  if (!home) return null;
  const keys = [
    'house_number',
    'house_name',
    'apartment',
    'street',
    'district',
    'town',
    'county',
    'postcode',
  ];
  const parts = keys
    .map((k) => cleanText(home[k] as string | null | undefined))
    .filter((p) => p !== null);
  // "12 High St" reads better than "12, High St".
  const [first, ...rest] = parts;
  if (first && /^\d+[a-z]?$/i.test(first) && rest.length > 0)
    return [`${first} ${rest[0]}`, ...rest.slice(1)].join(', ');
  return parts.length > 0 ? parts.join(', ') : null;
}

/** The name fields: names used, legal names where they differ, and the search text of all. */
function namesOf(person: {
  forename?: string | null;
  surname?: string | null;
  legal_forename?: string | null;
  legal_surname?: string | null;
}) {
  const firstName = firstText(person.forename, person.legal_forename) ?? '';
  const lastName = firstText(person.surname, person.legal_surname) ?? '';
  const legalFirst = cleanText(person.legal_forename);
  const legalLast = cleanText(person.legal_surname);
  const legalFirstName = legalFirst && legalFirst !== firstName ? legalFirst : null;
  const legalLastName = legalLast && legalLast !== lastName ? legalLast : null;
  return {
    firstName,
    lastName,
    legalFirstName,
    legalLastName,
    searchText: searchTextOf(firstName, lastName, legalFirstName, legalLastName),
  };
}

export function pupilFromWonde(student: WondeStudent, today = londonDate()): PersonFields {
  const education = student.education_details?.data ?? null;
  const year = student.year?.data ?? null;
  const emails = student.contact_details?.data?.emails;
  const educationDetails: EducationDetails | null = education
    ? {
        admission_number: cleanText(education.admission_number),
        upn: cleanText(education.upn),
        local_upn: cleanText(education.local_upn),
        former_upn: cleanText(education.former_upn),
        learner_number: cleanText(education.learner_number),
        current_nc_year: cleanText(education.current_nc_year),
        part_time: education.part_time ?? null,
        part_time_rate: cleanText(education.part_time_rate),
        admission_date: wondeCalendarDate(education.admission_date),
        leaving_date: wondeCalendarDate(education.leaving_date),
      }
    : null;
  const leavingDate = educationDetails?.leaving_date ?? null;
  return {
    type: 'pupil',
    wondeId: student.id,
    misId: cleanText(student.mis_id),
    ...namesOf(student),
    email: firstText(emails?.email, emails?.primary, emails?.home, emails?.work),
    phone: null,
    address: null,
    occupation: null,
    ncYear: firstText(educationDetails?.current_nc_year, year?.code, year?.name),
    educationDetails,
    status: leavingDate !== null && leavingDate <= today ? 'left' : 'current',
    wondeUpdatedAt: wondeInstant(student.updated_at),
    wondeRestoredAt: wondeInstant(student.restored_at),
  };
}

export function staffFromWonde(employee: WondeEmployee, today = londonDate()): PersonFields {
  const employment = employee.employment_details?.data ?? null;
  const details = employee.contact_details?.data;
  const currentRoles = (employee.roles?.data ?? []).filter((r) => {
    const end = wondeCalendarDate(r.end_date);
    return end === null || end >= today;
  });
  const endDate = wondeCalendarDate(employment?.employment_end_date);
  const hasLeft = employment?.current === false || (endDate !== null && endDate < today);
  return {
    type: 'staff',
    wondeId: employee.id,
    misId: cleanText(employee.mis_id),
    ...namesOf(employee),
    email: firstText(
      details?.emails?.work,
      details?.emails?.email,
      details?.emails?.primary,
      details?.emails?.home,
    ),
    phone: firstText(
      details?.phones?.work,
      details?.phones?.mobile,
      details?.phones?.primary,
      details?.phones?.phone,
      details?.phones?.home,
    ),
    address: formatAddress(details),
    occupation: firstText(employment?.role_text, ...currentRoles.map((r) => r.role)),
    ncYear: null,
    educationDetails: null,
    status: hasLeft ? 'left' : 'current',
    wondeUpdatedAt: wondeInstant(employee.updated_at),
    wondeRestoredAt: wondeInstant(employee.restored_at),
  };
}
