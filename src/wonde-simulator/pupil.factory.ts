import {
  addDays,
  birthRangeFor,
  daysBetween,
  ncYearOffset,
  parseYmd,
  termStart,
} from './calendar.lib';
import type {
  Gender,
  NcYear,
  SimAddress,
  SimContact,
  SimContactLink,
  SimRelationship,
  SimStudent,
  SimStudentExtended,
} from './dataset.types';
import type { SchoolContext } from './generation-context.lib';
import { recordTimestamps } from './generation-context.lib';
import type { NameOrigin } from './name-pools.data';
import {
  adultTitle,
  buildContactDetails,
  emailSlug,
  findOrigin,
  homeAddress,
  initialsOf,
  landlineNumber,
  mobileNumber,
  personalEmail,
  pickAdultForename,
  pickChildForename,
  pickOrigin,
  pickSurname,
  splitPreferredName,
} from './person-details.factory';
import type { SeededRandom } from './seeded-random.lib';

type ChildPlan = { ncYear: NcYear; gender?: Gender; forename?: string };

type FamilyPlan = {
  origin: NameOrigin;
  /** The children's surname; double-barrelled names are split between the parents. */
  surname: string;
  children: ChildPlan[];
};

type CarerRole = {
  relationship: string;
  gender: Gender | null;
  parentalResponsibility: boolean | null;
  livesWithPupil: boolean;
  surname: 'family' | 'first-half' | 'second-half' | 'own' | 'maybe-own';
};

const mother = (overrides: Partial<CarerRole> = {}): CarerRole => ({
  relationship: 'Mother',
  gender: 'FEMALE',
  parentalResponsibility: true,
  livesWithPupil: true,
  surname: 'maybe-own',
  ...overrides,
});
const father = (overrides: Partial<CarerRole> = {}): CarerRole => ({
  relationship: 'Father',
  gender: 'MALE',
  parentalResponsibility: true,
  livesWithPupil: true,
  surname: 'family',
  ...overrides,
});

/**
 * Household shapes with rough weights. They cover what Plaster has to cope with when it looks
 * for adults with parental responsibility: two carers, one, none, step-parents without it,
 * grandparents and social workers, and flags the MIS never recorded (`null`).
 */
const CARER_PATTERNS: readonly (readonly [readonly CarerRole[], number])[] = [
  [[mother(), father()], 46],
  [[father(), mother()], 6],
  [[mother()], 15],
  [[father()], 3],
  [[mother(), father({ livesWithPupil: false })], 9],
  [
    [
      mother(),
      father({ relationship: 'Step-father', parentalResponsibility: false, surname: 'own' }),
    ],
    5,
  ],
  [
    [
      mother(),
      father(),
      mother({ relationship: 'Grandmother', parentalResponsibility: false, livesWithPupil: false }),
    ],
    5,
  ],
  [[mother({ relationship: 'Parent' }), mother({ relationship: 'Parent', surname: 'own' })], 1.5],
  [[mother({ relationship: 'Grandmother', surname: 'family' })], 1.5],
  [
    [
      mother({ relationship: 'Foster Carer', parentalResponsibility: false, surname: 'own' }),
      father({
        relationship: 'Social Worker',
        gender: null,
        parentalResponsibility: false,
        livesWithPupil: false,
        surname: 'own',
      }),
    ],
    1.2,
  ],
  [[mother({ parentalResponsibility: null }), father({ parentalResponsibility: null })], 3],
  [[mother({ relationship: 'Guardian', surname: 'own' })], 0.8],
  [
    [
      mother(),
      father({
        relationship: 'Family Friend',
        parentalResponsibility: false,
        livesWithPupil: false,
        surname: 'own',
      }),
    ],
    2,
  ],
  [[], 1.5],
];

const EAL_STATUSES = [
  'New to English',
  'Early acquisition',
  'Developing competence',
  'Competent',
  'Fluent',
];
const UPN_LETTERS = [...'ABCDEFGHJKLMNPQRTUVWXYZ'];

/** Pupils per NC year, with smaller nursery and sixth-form cohorts, summing to `total`. */
function yearSlots(ctx: SchoolContext, total: number): NcYear[] {
  const weightOf = (year: NcYear): number => {
    if (year === 'N1') return 0.4;
    if (year === 'N2') return 0.7;
    if (year === '12' || year === '13') return 0.45;
    return 1;
  };
  const weights = ctx.years.map(weightOf);
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const slots: NcYear[] = [];
  let assigned = 0;
  ctx.years.forEach((year, index) => {
    const isLast = index === ctx.years.length - 1;
    const share = isLast
      ? total - assigned
      : Math.round((total * (weights[index] ?? 1)) / weightSum);
    const count = Math.max(0, Math.min(share, total - assigned));
    for (let i = 0; i < count; i += 1) slots.push(year);
    assigned += count;
  });
  return slots;
}

/** Takes a random slot of a year other than `avoid`, falling back to any slot. */
function takeSlot(rng: SeededRandom, slots: NcYear[], avoid?: NcYear): NcYear | undefined {
  if (slots.length === 0) return undefined;
  for (let tries = 0; tries < 20; tries += 1) {
    const index = rng.int(0, slots.length - 1);
    if (slots[index] !== avoid) return slots.splice(index, 1)[0];
  }
  return slots.pop();
}

/**
 * Families every school gets, so that search and display are exercised by the awkward cases:
 * two unrelated Oliver Smiths, an apostrophe, a hyphen, diacritics and a forename with a space.
 */
function plantedFamilies(rng: SeededRandom, slots: NcYear[]): FamilyPlan[] {
  const british = findOrigin('british');
  const planted: FamilyPlan[] = [];
  const plant = (
    origin: NameOrigin,
    surname: string,
    child: Omit<ChildPlan, 'ncYear'>,
    avoid?: NcYear,
  ): NcYear | undefined => {
    const ncYear = takeSlot(rng, slots, avoid);
    if (ncYear !== undefined) planted.push({ origin, surname, children: [{ ...child, ncYear }] });
    return ncYear;
  };
  const firstOliver = plant(british, 'Smith', { gender: 'MALE', forename: 'Oliver' });
  plant(british, 'Smith', { gender: 'MALE', forename: 'Oliver' }, firstOliver);
  plant(findOrigin('irish'), "O'Connor", { gender: 'FEMALE', forename: 'Siobhán' });
  plant(british, 'Smith-Jones', { gender: 'FEMALE', forename: 'Zoë' });
  plant(findOrigin('vietnamese'), 'Nguyễn', { gender: 'FEMALE', forename: 'Minh Anh' });
  return planted;
}

function randomFamilies(ctx: SchoolContext, slots: NcYear[]): FamilyPlan[] {
  const { rng } = ctx;
  const remaining = rng.shuffle(slots);
  const families: FamilyPlan[] = [];
  while (remaining.length > 0) {
    const origin = pickOrigin(rng);
    let surname = pickSurname(rng, origin);
    if (rng.chance(0.04)) {
      const other = pickSurname(rng, origin);
      if (other !== surname && !surname.includes('-') && !other.includes('-'))
        surname = `${surname}-${other}`;
    }
    const first = remaining.pop() as NcYear;
    const children: ChildPlan[] = [{ ncYear: first }];
    const siblings = rng.weighted([
      [0, 70],
      [1, 24],
      [2, 6],
    ] as const);
    for (let i = 0; i < siblings && remaining.length > 0; i += 1) {
      children.push({ ncYear: remaining.pop() as NcYear });
    }
    families.push({ origin, surname, children });
  }
  return families;
}

function surnameFor(ctx: SchoolContext, family: FamilyPlan, role: CarerRole): string {
  const [firstHalf, secondHalf] = family.surname.split('-');
  const own = (): string =>
    pickSurname(
      ctx.rng,
      role.relationship === 'Social Worker' ? findOrigin('british') : family.origin,
    );
  switch (role.surname) {
    case 'family':
      return family.surname.includes('-') && role.gender === 'MALE'
        ? (firstHalf ?? family.surname)
        : family.surname;
    case 'first-half':
      return firstHalf ?? family.surname;
    case 'second-half':
      return secondHalf ?? family.surname;
    case 'own':
      return own();
    case 'maybe-own':
      if (family.surname.includes('-')) return secondHalf ?? family.surname;
      return ctx.rng.chance(0.3) ? own() : family.surname;
  }
}

function buildCarer(
  ctx: SchoolContext,
  family: FamilyPlan,
  role: CarerRole,
  familyAddress: SimAddress,
  sinceMs: number,
): SimContact {
  const { rng } = ctx;
  const nameGender: Gender = role.gender ?? (rng.chance(0.5) ? 'FEMALE' : 'MALE');
  const origin =
    role.relationship === 'Social Worker' || role.relationship === 'Foster Carer'
      ? pickOrigin(rng)
      : family.origin;
  const forename = pickAdultForename(rng, origin, nameGender);
  const surname = surnameFor(ctx, family, role);
  const title =
    role.relationship === 'Parent' ? rng.pick(['Ms', 'Mrs', 'Miss']) : adultTitle(rng, role.gender);
  const isProfessional = role.relationship === 'Social Worker';
  const email = rng.chance(0.12)
    ? null
    : isProfessional
      ? `${emailSlug(forename)}.${emailSlug(surname)}@council.example.gov.uk`
      : personalEmail(rng, forename, surname);
  return {
    id: ctx.ids.nextWondeId(),
    upi: ctx.ids.nextUpi(),
    misId: ctx.nextMisId(),
    title,
    initials: initialsOf(forename, null, surname),
    forename,
    surname,
    middleNames: null,
    legalForename: forename,
    legalSurname: surname,
    gender: role.gender,
    dateOfBirth: null,
    contactDetails: buildContactDetails({
      email,
      mobile: rng.chance(0.95) ? mobileNumber(rng) : null,
      homePhone: !isProfessional && rng.chance(0.3) ? landlineNumber(rng) : null,
      workPhone: isProfessional || rng.chance(0.2) ? landlineNumber(rng) : null,
      address: role.livesWithPupil ? familyAddress : homeAddress(rng, ctx.locality),
      salutation: `${title} ${surname}`,
    }),
    ...recordTimestamps(ctx, sinceMs),
    restoredAt: null,
  };
}

function relationshipFor(
  ctx: SchoolContext,
  role: CarerRole,
  priority: number,
  contact: SimContact,
): SimRelationship {
  const isRecorded = role.parentalResponsibility !== null;
  const hasEmail = contact.contactDetails.emails.email !== null;
  const pays = role.parentalResponsibility === true && role.livesWithPupil;
  return {
    relationship: role.relationship,
    parentalResponsibility: role.parentalResponsibility,
    priority: isRecorded || ctx.rng.chance(0.5) ? priority : null,
    livesWithPupil: isRecorded ? role.livesWithPupil : null,
    billPayer: isRecorded ? pays : null,
    emailBills: isRecorded ? pays && hasEmail : null,
    copyBills: isRecorded ? false : null,
    courtOrder: isRecorded
      ? role.relationship === 'Father' && !role.livesWithPupil && ctx.rng.chance(0.1)
      : null,
    pupilReport: isRecorded ? role.parentalResponsibility === true : null,
    emailSummary: isRecorded ? hasEmail : null,
  };
}

export type StudentInput = {
  ncYear: NcYear;
  gender?: Gender;
  forename?: string;
  surname: string;
  origin: NameOrigin;
  address: SimAddress;
  contactLinks?: SimContactLink[];
  isLeaver?: boolean;
  /** Siblings get different forenames. */
  avoidForenames?: readonly string[];
};

function entryYearFor(ctx: SchoolContext, year: NcYear): NcYear {
  const { rng, years } = ctx;
  if (ctx.phase === 'SECONDARY') {
    return (year === '12' || year === '13') && rng.chance(0.25) ? '12' : '7';
  }
  const first = years[0] ?? 'R';
  return first !== 'R' && rng.chance(0.3) ? 'R' : first;
}

function educationDates(
  ctx: SchoolContext,
  year: NcYear,
  isLeaver: boolean,
): { admissionDate: string; leavingDate: string | null } {
  const { rng } = ctx;
  const entry = entryYearFor(ctx, year);
  const yearsSinceEntry = Math.max(0, ncYearOffset(year) - ncYearOffset(entry));
  let admissionDate = termStart(ctx.startYear - yearsSinceEntry);
  const latest = addDays(ctx.asOf, -2);
  if (rng.chance(0.1)) {
    // Mid-phase joiners arrive on any day since their cohort entered.
    const span = Math.max(0, daysBetween(admissionDate, latest));
    admissionDate = addDays(admissionDate, rng.int(0, span));
  }
  if (admissionDate > latest) admissionDate = latest;
  const leavingDate = isLeaver
    ? addDays(
        ctx.asOf,
        -rng.int(1, Math.max(1, Math.min(120, daysBetween(admissionDate, ctx.asOf) - 1))),
      )
    : null;
  return { admissionDate, leavingDate };
}

function extendedDetails(ctx: SchoolContext, origin: NameOrigin): SimStudentExtended {
  const { rng } = ctx;
  const freeSchoolMeals = rng.chance(0.24);
  const isEal = origin.language !== 'English' && rng.chance(0.7);
  return {
    senStatus: rng.weighted([
      ['N', 84],
      ['K', 13],
      ['E', 3],
    ] as const),
    premiumPupilIndicator: freeSchoolMeals || rng.chance(0.05),
    freeSchoolMeals,
    fsmReviewDate: freeSchoolMeals && rng.chance(0.3) ? addDays(ctx.asOf, rng.int(30, 300)) : null,
    englishAsAdditionalLanguageStatus: isEal ? rng.pick(EAL_STATUSES) : null,
    firstLanguage: isEal ? origin.language : 'English',
    homeLanguage: isEal ? origin.language : 'English',
  };
}

/** Builds one pupil; the caller supplies the household (surname, address, contacts). */
export function buildStudent(ctx: SchoolContext, input: StudentInput): SimStudent {
  const { rng } = ctx;
  const gender: Gender = input.gender ?? (rng.chance(0.5) ? 'FEMALE' : 'MALE');
  let chosen = input.forename ?? pickChildForename(rng, input.origin, gender);
  for (
    let tries = 0;
    input.forename === undefined && tries < 3 && input.avoidForenames?.includes(chosen);
    tries += 1
  ) {
    chosen = pickChildForename(rng, input.origin, gender);
  }
  const { forename, legalForename } =
    input.forename === undefined
      ? splitPreferredName(rng, chosen)
      : { forename: chosen, legalForename: chosen };
  const middleCount = rng.weighted([
    [0, 47],
    [1, 45],
    [2, 8],
  ] as const);
  const middles: string[] = [];
  for (let i = 0; i < middleCount; i += 1)
    middles.push(pickChildForename(rng, input.origin, gender));
  const middleNames = middles.length > 0 ? middles.join(' ') : null;
  const legalSurname = rng.chance(0.02) ? pickSurname(rng, input.origin) : input.surname;

  const birth = birthRangeFor(input.ncYear, ctx.startYear);
  const dateOfBirth = addDays(birth.from, rng.int(0, daysBetween(birth.from, birth.to)));
  const { admissionDate, leavingDate } = educationDates(ctx, input.ncYear, input.isLeaver ?? false);
  const isNursery = input.ncYear === 'N1' || input.ncYear === 'N2';
  const partTime = isNursery && rng.chance(0.6);
  const isOlder = ncYearOffset(input.ncYear) >= 10;
  const email =
    ctx.phase === 'SECONDARY' && rng.chance(0.95)
      ? `${String(Number(admissionDate.slice(2, 4)))}${emailSlug(forename)}.${emailSlug(input.surname)}@${ctx.slug}.example.org`
      : null;

  return {
    id: ctx.ids.nextWondeId(),
    upi: ctx.ids.nextUpi(),
    misId: ctx.nextMisId(),
    title: null,
    initials: initialsOf(forename, middleNames, input.surname),
    forename,
    surname: input.surname,
    middleNames,
    legalForename,
    legalSurname,
    gender,
    dateOfBirth,
    contactDetails: buildContactDetails({ email, address: input.address }),
    education: {
      admissionNumber: ctx.nextAdmissionNumber(),
      upn: `${rng.pick(UPN_LETTERS)}${ctx.laCode}${ctx.establishmentNumber}${admissionDate.slice(2, 4)}${rng.digits(3)}`,
      localUpn: null,
      formerUpn: rng.chance(0.03) ? `${rng.pick(UPN_LETTERS)}${rng.digits(12)}` : null,
      learnerNumber: isOlder && rng.chance(0.6) ? `${rng.int(1, 9)}${rng.digits(9)}` : null,
      ncYear: input.ncYear,
      partTime,
      partTimeRate: partTime ? '0.5' : null,
      admissionDate,
      leavingDate,
    },
    extended: extendedDetails(ctx, input.origin),
    contactLinks: input.contactLinks ?? [],
    ...recordTimestamps(ctx, parseYmd(admissionDate)),
    restoredAt: null,
  };
}

/**
 * Every pupil of a school with their contacts. Siblings share one set of contact records, as a
 * MIS links one parent to several children.
 */
export function generatePupils(
  ctx: SchoolContext,
  pupilCount: number,
): { students: SimStudent[]; contacts: SimContact[] } {
  const { rng } = ctx;
  const slots = yearSlots(ctx, pupilCount);
  const planted = plantedFamilies(rng, slots);
  const families = rng.shuffle([...planted, ...randomFamilies(ctx, slots)]);
  const students: SimStudent[] = [];
  const contacts: SimContact[] = [];

  for (const family of families) {
    const address = homeAddress(rng, ctx.locality);
    const earliestYear = family.children.reduce(
      (oldest, child) => Math.max(oldest, ncYearOffset(child.ncYear)),
      -3,
    );
    const sinceMs = parseYmd(termStart(ctx.startYear - Math.max(0, earliestYear)));
    const roles = rng.weighted(CARER_PATTERNS);
    const carers = roles.map((role) => ({
      role,
      contact: buildCarer(ctx, family, role, address, sinceMs),
    }));
    contacts.push(...carers.map((carer) => carer.contact));
    const links = carers.map(({ role, contact }, index) => ({
      contactId: contact.id,
      relationship: relationshipFor(ctx, role, index + 1, contact),
    }));
    const forenames: string[] = [];
    for (const child of family.children) {
      const student = buildStudent(ctx, {
        ...child,
        surname: family.surname,
        origin: family.origin,
        address,
        contactLinks: links.map((link) => ({ ...link, relationship: { ...link.relationship } })),
        isLeaver: child.forename === undefined && rng.chance(0.02),
        avoidForenames: forenames,
      });
      forenames.push(student.forename);
      students.push(student);
    }
  }
  return { students: rng.shuffle(students), contacts };
}

export type ContactInput = {
  forename?: string;
  surname?: string;
  gender?: Gender | null;
  title?: string;
  /** `null` for a contact without an email address. */
  email?: string | null;
  address?: SimAddress;
};

/** One contact outside any household plan, for people added while the simulator runs. */
export function buildContact(ctx: SchoolContext, input: ContactInput = {}): SimContact {
  const { rng } = ctx;
  const origin = pickOrigin(rng);
  const gender = input.gender === undefined ? (rng.chance(0.5) ? 'FEMALE' : 'MALE') : input.gender;
  const forename = input.forename ?? pickAdultForename(rng, origin, gender ?? 'FEMALE');
  const surname = input.surname ?? pickSurname(rng, origin);
  const title = input.title ?? adultTitle(rng, gender);
  return {
    id: ctx.ids.nextWondeId(),
    upi: ctx.ids.nextUpi(),
    misId: ctx.nextMisId(),
    title,
    initials: initialsOf(forename, null, surname),
    forename,
    surname,
    middleNames: null,
    legalForename: forename,
    legalSurname: surname,
    gender,
    dateOfBirth: null,
    contactDetails: buildContactDetails({
      email: input.email === undefined ? personalEmail(rng, forename, surname) : input.email,
      mobile: mobileNumber(rng),
      address: input.address ?? homeAddress(rng, ctx.locality),
      salutation: `${title} ${surname}`,
    }),
    ...recordTimestamps(ctx, ctx.schoolCreatedAtMs),
    restoredAt: null,
  };
}
