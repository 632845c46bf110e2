import type { Gender, SimAddress, SimContactDetails } from './dataset.types';
import { NAME_ORIGINS, SHORT_FORMS, STREET_NAMES } from './name-pools.data';
import type { NameOrigin } from './name-pools.data';
import type { SeededRandom } from './seeded-random.lib';

/** Where a school sits: people's addresses and phone numbers are drawn around it. */
export type Locality = { town: string; outwardCodes: readonly string[] };

const ORIGIN_WEIGHTS: readonly (readonly [NameOrigin, number])[] = NAME_ORIGINS.map(
  (origin) => [origin, origin.weight] as const,
);
const BRITISH = NAME_ORIGINS[0] as NameOrigin;
const INWARD_LETTERS = [...'ABDEFGHJLNPQRSTUWXYZ'];
const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example.co.uk'];

export function pickOrigin(rng: SeededRandom): NameOrigin {
  return rng.weighted(ORIGIN_WEIGHTS);
}

export function findOrigin(key: string): NameOrigin {
  return NAME_ORIGINS.find((origin) => origin.key === key) ?? BRITISH;
}

/** Many families of every origin give children names from the British pool. */
export function pickChildForename(rng: SeededRandom, origin: NameOrigin, gender: Gender): string {
  const pool = rng.chance(0.15) ? BRITISH : origin;
  return rng.pick(gender === 'MALE' ? pool.boys : pool.girls);
}

export function pickAdultForename(rng: SeededRandom, origin: NameOrigin, gender: Gender): string {
  const adults = gender === 'MALE' ? origin.men : origin.women;
  if (adults && rng.chance(0.75)) return rng.pick(adults);
  return rng.pick(gender === 'MALE' ? origin.boys : origin.girls);
}

export function pickSurname(rng: SeededRandom, origin: NameOrigin): string {
  return rng.pick(origin.surnames);
}

/** A preferred short form and the legal forename behind it, when the MIS holds both. */
export function splitPreferredName(
  rng: SeededRandom,
  forename: string,
): { forename: string; legalForename: string } {
  const short = SHORT_FORMS[forename];
  if (short !== undefined && rng.chance(0.35)) return { forename: short, legalForename: forename };
  return { forename, legalForename: forename };
}

export function initialsOf(forename: string, middleNames: string | null, surname: string): string {
  const parts = [forename, ...(middleNames ? middleNames.split(' ') : []), surname];
  return parts
    .map((part) => part.replace(/^(O'|Mc|Mac|ap |Ó )/, '').charAt(0))
    .join('')
    .toUpperCase();
}

const ASCII_FOLDS: Readonly<Record<string, string>> = {
  ł: 'l',
  đ: 'd',
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  ı: 'i',
};

/** Folds a name into the ASCII that mail systems allow in an address's local part. */
export function emailSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łđßøæı]/g, (ch) => ASCII_FOLDS[ch] ?? '')
    .replace(/[^a-z0-9-]/g, '');
}

export function personalEmail(rng: SeededRandom, forename: string, surname: string): string {
  const first = emailSlug(forename);
  const last = emailSlug(surname);
  const local = rng.weighted([
    [`${first}.${last}`, 4],
    [`${first}${last}${rng.int(1, 99)}`, 3],
    [`${first.charAt(0)}${last}`, 2],
    [`${last}.family`, 1],
  ] as const);
  return `${local}@${rng.pick(EMAIL_DOMAINS)}`;
}

/** Ofcom reserves 07700 900xxx for drama, so generated numbers never reach a real phone. */
export function mobileNumber(rng: SeededRandom): string {
  return `07700 900${rng.digits(3)}`;
}

/** Ofcom's drama range for landlines. */
export function landlineNumber(rng: SeededRandom): string {
  return `01632 960${rng.digits(3)}`;
}

export function postcodeIn(rng: SeededRandom, locality: Locality): string {
  const inward = `${rng.int(1, 9)}${rng.pick(INWARD_LETTERS)}${rng.pick(INWARD_LETTERS)}`;
  return `${rng.pick(locality.outwardCodes)} ${inward}`;
}

export function homeAddress(rng: SeededRandom, locality: Locality): SimAddress {
  const isFlat = rng.chance(0.15);
  return {
    houseNumber: String(rng.int(1, 180)),
    houseName:
      !isFlat && rng.chance(0.05) ? rng.pick(['Rose Cottage', 'The Old Forge', 'Ty Gwyn']) : null,
    apartment: isFlat ? `Flat ${rng.int(1, 24)}` : null,
    street: rng.pick(STREET_NAMES),
    district: null,
    town: locality.town,
    county: null,
    country: 'United Kingdom',
    postcode: postcodeIn(rng, locality),
  };
}

export type ContactDetailsInput = {
  email?: string | null;
  workEmail?: string | null;
  mobile?: string | null;
  homePhone?: string | null;
  workPhone?: string | null;
  address?: SimAddress | null;
  salutation?: string | null;
};

/** Fills Wonde's contact_details block; `primary` follows what a MIS would mark as preferred. */
export function buildContactDetails(input: ContactDetailsInput): SimContactDetails {
  const email = input.email ?? null;
  const workEmail = input.workEmail ?? null;
  const mobile = input.mobile ?? null;
  const homePhone = input.homePhone ?? null;
  const workPhone = input.workPhone ?? null;
  return {
    phones: {
      phone: mobile ?? homePhone ?? workPhone,
      primary: mobile ?? homePhone ?? workPhone,
      home: homePhone,
      work: workPhone,
      mobile,
    },
    emails: {
      email: email ?? workEmail,
      primary: email ?? workEmail,
      home: email,
      work: workEmail,
    },
    addresses: { home: input.address ?? null, work: null, postal: null },
    salutation: input.salutation ?? null,
  };
}

export function adultTitle(rng: SeededRandom, gender: Gender | null): string {
  if (gender === null) return 'Mx';
  if (rng.chance(0.03)) return 'Dr';
  if (gender === 'MALE') return 'Mr';
  return rng.weighted([
    ['Mrs', 45],
    ['Ms', 30],
    ['Miss', 25],
  ] as const);
}
