import type {
  SimAddress,
  SimContact,
  SimContactDetails,
  SimEmployee,
  SimPersonBase,
  SimRelationship,
  SimSchool,
  SimStudent,
} from './dataset.types';
import type { DeletionRecord, SchoolRecord, ScopedField } from './sim-state.store';

/** JSON as sent on the wire. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** PHP's DateTime serialisation, as Wonde sends every timestamp (UTC). */
export function phpTimestamp(iso: string | null): JsonObject | null {
  if (iso === null) return null;
  const date = `${iso.slice(0, 10)} ${iso.slice(11, 23)}000`;
  return { date, timezone_type: 3, timezone: 'UTC' };
}

/** Calendar dates are midnight in Europe/London, never shifted through UTC. */
export function phpCalendarDate(ymd: string | null): JsonObject | null {
  if (ymd === null) return null;
  return { date: `${ymd} 00:00:00.000000`, timezone_type: 3, timezone: 'Europe/London' };
}

/**
 * Keeps an object's shape but blanks every value: how a withheld to-one include is sent.
 * Date objects count as values, so they become `null` rather than `{ date: null, … }`.
 */
export function nullLeaves(value: Json): Json {
  if (Array.isArray(value)) return [];
  if (value !== null && typeof value === 'object' && !('timezone_type' in value)) {
    const out: JsonObject = {};
    for (const [key, inner] of Object.entries(value)) out[key] = nullLeaves(inner);
    return out;
  }
  return null;
}

export const STUDENT_INCLUDES = [
  'achievements',
  'achievements.employees',
  'attendance_summary',
  'behaviours',
  'behaviours.employees',
  'boarding',
  'boarding.employees',
  'campus',
  'cbds',
  'child_protection_plan_date_ranges',
  'classes',
  'classes.employees',
  'classes.subject',
  'contact_details',
  'contacts',
  'contacts.cbds',
  'contacts.contact_details',
  'dietary_details',
  'doctors',
  'education_details',
  'exclusions',
  'extended_details',
  'fsm_date_ranges',
  'groups',
  'groups.employees',
  'house',
  'house.employees',
  'identifiers',
  'in_care_date_ranges',
  'medical_conditions',
  'medical_conditions.notes',
  'medical_events',
  'medical_events.notes',
  'medical_notes',
  'permissions',
  'photo',
  'regional_data',
  'registration',
  'registration.employees',
  'results',
  'results.aspect',
  'results.resultset',
  'sen_date_ranges',
  'sen_needs',
  'siblings',
  'siblings.student',
  'upfsm_exception_date_ranges',
  'user_defined_fields',
  'wellbeing',
  'year',
  'year.employees',
];

export const EMPLOYEE_INCLUDES = [
  'allowances',
  'allowances.contract',
  'behaviours',
  'behaviours.students',
  'campus',
  'classes',
  'classes.subject',
  'classes.lessons',
  'classes.lessons.period',
  'classes.lessons.room',
  'contact_details',
  'contracts',
  'contracts.roles',
  'contracts.salary',
  'contracts.salary.allowances',
  'contracts.salary.scales',
  'employee_absences',
  'employment_checks',
  'employment_details',
  'extended_details',
  'groups',
  'hierarchy',
  'hierarchy.employment_details',
  'identifiers',
  'next_of_kin',
  'photo',
  'qualifications',
  'roles',
  'roles.contract',
  'salary',
  'salary.contract',
  'scales',
  'scales.contract',
  'user_defined_fields',
];

export const CONTACT_INCLUDES = ['contact_details', 'students'];

export const SCHOOL_INCLUDES = ['cbds'];

/**
 * The include names a request asked for. A nested name (`contacts.contact_details`) also asks
 * for its parent, as Wonde loads the parent to reach the child.
 */
export function parseIncludes(raw: readonly string[]): Set<string> {
  const includes = new Set<string>();
  for (const value of raw) {
    for (const name of value.split(',')) {
      const trimmed = name.trim();
      if (trimmed === '') continue;
      const parts = trimmed.split('.');
      for (let i = 1; i <= parts.length; i += 1) includes.add(parts.slice(0, i).join('.'));
    }
  }
  return includes;
}

export type PresentContext = {
  record: SchoolRecord;
  includes: Set<string>;
  /** Absolute origin of the request, for URLs inside objects. */
  origin: string;
};

function isDenied(ctx: PresentContext, field: ScopedField): boolean {
  return ctx.record.deniedFields.has(field);
}

function wrapOne(ctx: PresentContext, field: ScopedField, value: JsonObject): JsonObject {
  return { data: isDenied(ctx, field) ? nullLeaves(value) : value };
}

function wrapMany(ctx: PresentContext, field: ScopedField, values: () => Json[]): JsonObject {
  return { data: isDenied(ctx, field) ? [] : values() };
}

function presentAddress(address: SimAddress | null): JsonObject {
  return {
    house_number: address?.houseNumber ?? null,
    house_name: address?.houseName ?? null,
    apartment: address?.apartment ?? null,
    street: address?.street ?? null,
    district: address?.district ?? null,
    town: address?.town ?? null,
    county: address?.county ?? null,
    country: address?.country ?? null,
    postcode: address?.postcode ?? null,
  };
}

function presentContactDetails(details: SimContactDetails): JsonObject {
  return {
    phones: { ...details.phones },
    emails: { ...details.emails },
    addresses: {
      home: presentAddress(details.addresses.home),
      work: presentAddress(details.addresses.work),
      postal: presentAddress(details.addresses.postal),
    },
    salutation: details.salutation,
  };
}

type PersonScope = 'students' | 'employees' | 'contacts';

function presentPersonBase(
  ctx: PresentContext,
  scope: PersonScope,
  person: SimPersonBase,
): JsonObject {
  const hideGender = isDenied(ctx, `${scope}.gender`);
  return {
    id: person.id,
    upi: person.upi,
    mis_id: person.misId,
    initials: person.initials,
    title: person.title,
    surname: person.surname,
    forename: person.forename,
    middle_names: person.middleNames,
    legal_surname: person.legalSurname,
    legal_forename: person.legalForename,
    gender: hideGender ? null : person.gender,
    date_of_birth: isDenied(ctx, `${scope}.date_of_birth`)
      ? null
      : phpCalendarDate(person.dateOfBirth),
    restored_at: phpTimestamp(person.restoredAt),
    created_at: phpTimestamp(person.createdAt),
    updated_at: phpTimestamp(person.updatedAt),
  };
}

function presentRelationship(relationship: SimRelationship): JsonObject {
  return {
    relationship: relationship.relationship,
    parental_responsibility: relationship.parentalResponsibility,
    priority: relationship.priority,
    lives_with_pupil: relationship.livesWithPupil,
    bill_payer: relationship.billPayer,
    email_bills: relationship.emailBills,
    copy_bills: relationship.copyBills,
    court_order: relationship.courtOrder,
    pupil_report: relationship.pupilReport,
    email_summary: relationship.emailSummary,
  };
}

function presentStudentContacts(ctx: PresentContext, student: SimStudent): Json[] {
  const contacts = ctx.record.people.contact.byId;
  const withDetails = ctx.includes.has('contacts.contact_details');
  const out: Json[] = [];
  for (const link of student.contactLinks) {
    const contact = contacts.get(link.contactId);
    if (!contact) continue;
    const item = presentPersonBase(ctx, 'contacts', contact);
    item.relationship = presentRelationship(link.relationship);
    if (withDetails)
      item.contact_details = wrapOne(
        ctx,
        'contacts.contact_details',
        presentContactDetails(contact.contactDetails),
      );
    out.push(item);
  }
  return out;
}

function presentYear(ctx: PresentContext, student: SimStudent): JsonObject {
  const group = ctx.record.school.yearGroups.find(
    (candidate) => candidate.ncYear === student.education.ncYear,
  );
  if (!group) return { data: null };
  return wrapOne(ctx, 'students.year', {
    id: group.id,
    mis_id: group.misId,
    code: group.ncYear,
    name: group.name,
    description: group.name,
    type: 'YEAR',
    created_at: phpTimestamp(group.createdAt),
    updated_at: phpTimestamp(group.updatedAt),
  });
}

export function presentStudent(ctx: PresentContext, student: SimStudent): JsonObject {
  const out = presentPersonBase(ctx, 'students', student);
  out.gender_identity = null;
  const { includes } = ctx;
  if (includes.has('education_details')) {
    const e = student.education;
    out.education_details = wrapOne(ctx, 'students.education_details', {
      admission_number: e.admissionNumber,
      upn: e.upn,
      local_upn: e.localUpn,
      former_upn: e.formerUpn,
      learner_number: e.learnerNumber,
      current_nc_year: e.ncYear,
      part_time: e.partTime,
      part_time_rate: e.partTimeRate,
      admission_date: phpCalendarDate(e.admissionDate),
      leaving_date: phpCalendarDate(e.leavingDate),
    });
  }
  if (includes.has('extended_details')) {
    const x = student.extended;
    out.extended_details = wrapOne(ctx, 'students.extended_details', {
      sen_status: x.senStatus,
      premium_pupil_indicator: x.premiumPupilIndicator,
      free_school_meals: x.freeSchoolMeals,
      fsm_review_date: phpCalendarDate(x.fsmReviewDate),
      english_as_additional_language_status: x.englishAsAdditionalLanguageStatus,
      first_language: x.firstLanguage,
      home_language: x.homeLanguage,
    });
  }
  if (includes.has('year')) out.year = presentYear(ctx, student);
  if (includes.has('contact_details')) {
    out.contact_details = wrapOne(
      ctx,
      'students.contact_details',
      presentContactDetails(student.contactDetails),
    );
  }
  if (includes.has('contacts'))
    out.contacts = wrapMany(ctx, 'students.contacts', () => presentStudentContacts(ctx, student));
  return out;
}

export function presentEmployee(ctx: PresentContext, employee: SimEmployee): JsonObject {
  const out = presentPersonBase(ctx, 'employees', employee);
  const { includes } = ctx;
  if (includes.has('employment_details')) {
    const e = employee.employment;
    out.employment_details = wrapOne(ctx, 'employees.employment_details', {
      teaching_staff: e.teachingStaff,
      current: e.current,
      teacher_number: e.teacherNumber,
      staff_code: e.staffCode,
      employment_start_date: phpCalendarDate(e.employmentStartDate),
      employment_end_date: phpCalendarDate(e.employmentEndDate),
      local_authority_start_date: phpCalendarDate(e.localAuthorityStartDate),
      employee_payroll_number: e.employeePayrollNumber,
      role_text: e.roleText,
      qualified_teacher_status: e.qualifiedTeacherStatus,
      qualified_teacher_status_route: e.qualifiedTeacherStatusRoute,
      higher_level_teaching_assistant_status: e.higherLevelTeachingAssistantStatus,
    });
  }
  if (includes.has('contact_details')) {
    out.contact_details = wrapOne(
      ctx,
      'employees.contact_details',
      presentContactDetails(employee.contactDetails),
    );
  }
  if (includes.has('roles')) {
    out.roles = wrapMany(ctx, 'employees.roles', () =>
      employee.roles.map((role) => ({
        id: role.id,
        mis_id: role.misId,
        role: role.role,
        role_code: role.roleCode,
        // Relations that are not included travel as plain ids.
        contract: role.contractId,
        start_date: phpCalendarDate(role.startDate),
        end_date: phpCalendarDate(role.endDate),
        created_at: phpTimestamp(role.createdAt),
        updated_at: phpTimestamp(role.updatedAt),
      })),
    );
  }
  if (includes.has('next_of_kin')) {
    out.next_of_kin = wrapMany(ctx, 'employees.next_of_kin', () =>
      employee.nextOfKin.map((kin) => ({
        id: kin.id,
        mis_id: kin.misId,
        name: kin.name,
        telephone_home: kin.telephoneHome,
        telephone_work: kin.telephoneWork,
        telephone_mobile: kin.telephoneMobile,
        telephone_primary: kin.telephonePrimary,
        email_primary: kin.emailPrimary,
        email_work: kin.emailWork,
        email_home: kin.emailHome,
        created_at: phpTimestamp(kin.createdAt),
        updated_at: phpTimestamp(kin.updatedAt),
      })),
    );
  }
  return out;
}

/** Students linked to each contact, for `/contacts?include=students`. */
export function studentsByContact(
  record: SchoolRecord,
): Map<string, { student: SimStudent; relationship: SimRelationship }[]> {
  const index = new Map<string, { student: SimStudent; relationship: SimRelationship }[]>();
  for (const student of record.people.student.live) {
    for (const link of student.contactLinks) {
      const list = index.get(link.contactId) ?? [];
      list.push({ student, relationship: link.relationship });
      index.set(link.contactId, list);
    }
  }
  return index;
}

export function presentContact(
  ctx: PresentContext,
  contact: SimContact,
  linkedStudents: () => { student: SimStudent; relationship: SimRelationship }[],
): JsonObject {
  const out = presentPersonBase(ctx, 'contacts', contact);
  if (ctx.includes.has('contact_details')) {
    out.contact_details = wrapOne(
      ctx,
      'contacts.contact_details',
      presentContactDetails(contact.contactDetails),
    );
  }
  if (ctx.includes.has('students')) {
    const studentCtx: PresentContext = { ...ctx, includes: new Set() };
    out.students = {
      data: linkedStudents().map(({ student, relationship }) => ({
        ...presentStudent(studentCtx, student),
        relationship: presentRelationship(relationship),
      })),
    };
  }
  return out;
}

export function presentDeletion(deletion: DeletionRecord): JsonObject {
  return {
    id: deletion.id,
    type: deletion.type,
    mis_id: deletion.misId,
    deleted_at: phpTimestamp(deletion.deletedAt),
    restored_at: phpTimestamp(deletion.restoredAt),
  };
}

export function presentSchool(record: SchoolRecord, origin: string): JsonObject {
  const school: SimSchool = record.school;
  const identifiers = {
    la_code: school.laCode,
    establishment_number: school.establishmentNumber,
    urn: school.urn,
  };
  return {
    id: school.id,
    name: school.name,
    establishment_number: school.establishmentNumber,
    urn: school.urn,
    phase_of_education: school.phase,
    la_code: school.laCode,
    timezone: school.timezone,
    mis: school.mis,
    email: school.email,
    phone_number: school.phoneNumber,
    address: {
      address_line_1: school.address.line1,
      address_line_2: school.address.line2,
      address_town: school.address.town,
      address_postcode: school.address.postcode,
      address_country: { code: 'GBR', name: 'United Kingdom' },
    },
    extended: {
      allows_writeback: false,
      has_timetables: true,
      has_lesson_attendance: false,
      audit_approved_at: record.audited ? phpTimestamp(record.approvedAt) : null,
    },
    // Clients pick the API domain from here, so it points back at this simulator.
    region: {
      code: 'GBR',
      domain: new URL(origin).host,
      school_url: `${origin}/v1.0/schools/${school.id}`,
      identifiers,
    },
  };
}
