import { addDays, daysBetween, parseYmd } from './calendar.lib';
import type { Gender, SimEmployee, SimEmployeeRole, SimNextOfKin } from './dataset.types';
import type { SchoolContext } from './generation-context.lib';
import { recordTimestamps } from './generation-context.lib';
import {
  adultTitle,
  buildContactDetails,
  emailSlug,
  homeAddress,
  initialsOf,
  landlineNumber,
  mobileNumber,
  personalEmail,
  pickAdultForename,
  pickOrigin,
  pickSurname,
} from './person-details.factory';

type JobTemplate = { title: string; code: string; isTeacher: boolean };

const job = (title: string, code: string, isTeacher = false): JobTemplate => ({
  title,
  code,
  isTeacher,
});

/** Posts every school has once, in this order, before the rest of the staff. */
const LEADERSHIP: readonly JobTemplate[] = [
  job('Headteacher', 'HEAD', true),
  job('Deputy Headteacher', 'DHT', true),
  job('SENCo', 'SENCO', true),
  job('School Business Manager', 'SBM'),
  job('Site Manager', 'SITE'),
];

const PRIMARY_JOBS: readonly (readonly [JobTemplate, number])[] = [
  [job('Class Teacher', 'TCHR', true), 36],
  [job('Teaching Assistant', 'TA'), 28],
  [job('Higher Level Teaching Assistant', 'HLTA'), 6],
  [job('Midday Supervisor', 'MDS'), 10],
  [job('Administrative Officer', 'ADMIN'), 5],
  [job('Learning Mentor', 'LM'), 3],
  [job('Cleaner', 'CLN'), 4],
  [job('Cook', 'COOK'), 2],
  [job('Early Years Practitioner', 'EYP'), 4],
  [job('Cover Supervisor', 'COVER'), 2],
];

const SECONDARY_JOBS: readonly (readonly [JobTemplate, number])[] = [
  [job('Teacher of Mathematics', 'TCHR', true), 8],
  [job('Teacher of English', 'TCHR', true), 8],
  [job('Teacher of Science', 'TCHR', true), 9],
  [job('Teacher of History', 'TCHR', true), 3],
  [job('Teacher of Geography', 'TCHR', true), 3],
  [job('Teacher of Modern Foreign Languages', 'TCHR', true), 3],
  [job('Teacher of Physical Education', 'TCHR', true), 3],
  [job('Teacher of Art', 'TCHR', true), 2],
  [job('Teacher of Computing', 'TCHR', true), 2],
  [job('Teacher of Design and Technology', 'TCHR', true), 2],
  [job('Head of Department', 'HOD', true), 4],
  [job('Head of Year', 'HOY', true), 3],
  [job('Assistant Headteacher', 'AHT', true), 2],
  [job('Teaching Assistant', 'TA'), 12],
  [job('Cover Supervisor', 'COVER'), 3],
  [job('Science Technician', 'TECH'), 2],
  [job('Exams Officer', 'EXAMS'), 1],
  [job('Attendance Officer', 'ATT'), 1],
  [job('Pastoral Manager', 'PAST'), 2],
  [job('Receptionist', 'RECP'), 2],
  [job('Finance Officer', 'FIN'), 1],
  [job('IT Technician', 'IT'), 1],
  [job('Cleaner', 'CLN'), 3],
  [job('Catering Assistant', 'CATR'), 3],
];

const QTS_ROUTES = [
  'PGCE',
  'School Direct',
  'SCITT',
  'Teach First',
  'Undergraduate with QTS',
  'Overseas Trained Teacher',
];

function nextOfKinFor(ctx: SchoolContext, surname: string, sinceMs: number): SimNextOfKin[] {
  const { rng } = ctx;
  const count = rng.weighted([
    [0, 10],
    [1, 75],
    [2, 15],
  ] as const);
  const kin: SimNextOfKin[] = [];
  for (let i = 0; i < count; i += 1) {
    const origin = pickOrigin(rng);
    const gender: Gender = rng.chance(0.5) ? 'FEMALE' : 'MALE';
    const forename = pickAdultForename(rng, origin, gender);
    const kinSurname = rng.chance(0.6) ? surname : pickSurname(rng, origin);
    const mobile = rng.chance(0.9) ? mobileNumber(rng) : null;
    const home = rng.chance(0.3) ? landlineNumber(rng) : null;
    const email = rng.chance(0.7) ? personalEmail(rng, forename, kinSurname) : null;
    kin.push({
      id: ctx.ids.nextWondeId(),
      misId: ctx.nextMisId(),
      name: `${forename} ${kinSurname}`,
      telephoneHome: home,
      telephoneWork: rng.chance(0.15) ? landlineNumber(rng) : null,
      telephoneMobile: mobile,
      telephonePrimary: mobile ?? home,
      emailPrimary: email,
      emailWork: null,
      emailHome: email,
      ...recordTimestamps(ctx, sinceMs),
    });
  }
  return kin;
}

export type EmployeeInput = {
  job?: { title: string; code: string; isTeacher: boolean };
  gender?: Gender | null;
  forename?: string;
  surname?: string;
  isLeaver?: boolean;
};

/** Builds one member of staff with employment details, roles and next of kin. */
export function buildEmployee(ctx: SchoolContext, input: EmployeeInput = {}): SimEmployee {
  const { rng } = ctx;
  const template =
    input.job ?? rng.weighted(ctx.phase === 'PRIMARY' ? PRIMARY_JOBS : SECONDARY_JOBS);
  const origin = pickOrigin(rng);
  const gender: Gender | null =
    input.gender !== undefined
      ? input.gender
      : rng.chance(0.01)
        ? null
        : rng.chance(0.72)
          ? 'FEMALE'
          : 'MALE';
  const forename =
    input.forename ??
    pickAdultForename(rng, origin, gender ?? (rng.chance(0.5) ? 'FEMALE' : 'MALE'));
  const surname = input.surname ?? pickSurname(rng, origin);
  const title = adultTitle(rng, gender);
  const middleNames = rng.chance(0.4) ? pickAdultForename(rng, origin, gender ?? 'FEMALE') : null;
  const age = rng.int(21, 64);
  const dateOfBirth = addDays(ctx.asOf, -(age * 365 + rng.int(0, 364)));
  const serviceDays = Math.min(rng.int(30, 365 * 20), (age - 20) * 365);
  const startDate = addDays(ctx.asOf, -serviceDays);
  const isLeaver = input.isLeaver ?? rng.chance(0.04);
  const endDate = isLeaver
    ? addDays(
        ctx.asOf,
        -rng.int(1, Math.max(1, Math.min(200, daysBetween(startDate, ctx.asOf) - 1))),
      )
    : null;
  const workEmail = rng.chance(0.97)
    ? `${emailSlug(forename).charAt(0)}.${emailSlug(surname)}@${ctx.slug}.example.org`
    : null;
  const sinceMs = parseYmd(startDate);
  const timestamps = recordTimestamps(ctx, sinceMs);

  const roles: SimEmployeeRole[] = [
    {
      id: ctx.ids.nextWondeId(),
      misId: ctx.nextMisId(),
      role: template.title,
      roleCode: template.code,
      contractId: ctx.ids.nextWondeId(),
      startDate,
      endDate,
      ...timestamps,
    },
  ];
  if (template.isTeacher && rng.chance(0.1)) {
    roles.push({
      id: ctx.ids.nextWondeId(),
      misId: ctx.nextMisId(),
      role: rng.pick([
        'Subject Leader',
        'Key Stage Lead',
        'Designated Safeguarding Lead',
        'Mentor',
      ]),
      roleCode: 'RESP',
      contractId: roles[0]?.contractId ?? ctx.ids.nextWondeId(),
      startDate: addDays(startDate, rng.int(0, serviceDays)),
      endDate,
      ...timestamps,
    });
  }

  return {
    id: ctx.ids.nextWondeId(),
    upi: ctx.ids.nextUpi(),
    misId: ctx.nextMisId(),
    title,
    initials: initialsOf(forename, middleNames, surname),
    forename,
    surname,
    middleNames,
    legalForename: forename,
    legalSurname: surname,
    gender,
    dateOfBirth,
    contactDetails: buildContactDetails({
      email: rng.chance(0.5) ? personalEmail(rng, forename, surname) : null,
      workEmail,
      mobile: rng.chance(0.85) ? mobileNumber(rng) : null,
      homePhone: rng.chance(0.25) ? landlineNumber(rng) : null,
      address: homeAddress(rng, ctx.locality),
      salutation: `${title} ${surname}`,
    }),
    employment: {
      teachingStaff: template.isTeacher,
      current: !isLeaver,
      teacherNumber: template.isTeacher ? rng.digits(7) : null,
      staffCode: `${initialsOf(forename, null, surname)}${rng.pick(['', '', String(rng.int(1, 9))])}`,
      employmentStartDate: startDate,
      employmentEndDate: endDate,
      localAuthorityStartDate: rng.chance(0.3) ? startDate : null,
      employeePayrollNumber: `P${rng.digits(6)}`,
      roleText: template.title,
      qualifiedTeacherStatus: template.isTeacher ? true : null,
      qualifiedTeacherStatusRoute: template.isTeacher ? rng.pick(QTS_ROUTES) : null,
      higherLevelTeachingAssistantStatus: template.code === 'HLTA' ? true : null,
    },
    roles,
    nextOfKin: nextOfKinFor(ctx, surname, sinceMs),
    ...timestamps,
    restoredAt: null,
  };
}

/** The whole staff of a school: leadership first, then posts drawn by phase. */
export function generateEmployees(ctx: SchoolContext, count: number): SimEmployee[] {
  const staff: SimEmployee[] = [];
  for (let i = 0; i < count; i += 1) {
    const leadership = LEADERSHIP[i];
    staff.push(buildEmployee(ctx, leadership ? { job: leadership, isLeaver: false } : {}));
  }
  return ctx.rng.shuffle(staff);
}
