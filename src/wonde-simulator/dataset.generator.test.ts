import { afterEach, describe, expect, it, vi } from 'vitest';
import { academicYearStart, birthRangeFor } from './calendar.lib';
import { countPeople, generateWondeDataset, hashWondeDataset } from './dataset.generator';
import type { SimSchool, WondeDataset } from './dataset.types';

/** Changes only when the generator's output changes; update it deliberately. */
const HASH_OF_SEED_42 = '6f34489cc0340e306bd23cb7e8bbae7d6c14fc28510f8c95afce30bb3ed2ae01';

const seed42 = (): WondeDataset =>
  generateWondeDataset({ seed: 42, schools: 3, trust: 'Kestrel Learning Trust' });

function allIds(dataset: WondeDataset): string[] {
  const ids: string[] = [];
  for (const school of dataset.schools) {
    ids.push(school.id, ...school.yearGroups.map((group) => group.id));
    ids.push(
      ...school.students.map((student) => student.id),
      ...school.contacts.map((contact) => contact.id),
    );
    for (const employee of school.employees) {
      ids.push(
        employee.id,
        ...employee.roles.map((role) => role.id),
        ...employee.nextOfKin.map((kin) => kin.id),
      );
    }
  }
  return ids;
}

const fullName = (person: { forename: string; surname: string }): string =>
  `${person.forename} ${person.surname}`;

describe('generateWondeDataset', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('gives the same data for the same seed, matching the committed hash', () => {
    const first = seed42();
    const second = seed42();
    expect(hashWondeDataset(second)).toBe(hashWondeDataset(first));
    expect(hashWondeDataset(first)).toBe(HASH_OF_SEED_42);
  });

  it('gives different data for a different seed or different options', () => {
    const base = hashWondeDataset(seed42());
    expect(
      hashWondeDataset(
        generateWondeDataset({ seed: 43, schools: 3, trust: 'Kestrel Learning Trust' }),
      ),
    ).not.toBe(base);
    expect(hashWondeDataset(generateWondeDataset({ seed: 42, schools: 3 }))).not.toBe(base);
  });

  it('never uses Math.random', () => {
    const random = vi.spyOn(Math, 'random');
    generateWondeDataset({ seed: 3, schools: 2 });
    expect(random).not.toHaveBeenCalled();
  });

  it('sizes schools by phase with about one member of staff per 12 pupils', () => {
    const dataset = generateWondeDataset({ seed: 5, schools: 8 });
    const phases = new Set(dataset.schools.map((school) => school.phase));
    expect(phases).toEqual(new Set(['PRIMARY', 'SECONDARY']));
    for (const school of dataset.schools) {
      const pupils = school.students.length;
      if (school.phase === 'PRIMARY') {
        expect(pupils).toBeGreaterThanOrEqual(200);
        expect(pupils).toBeLessThanOrEqual(450);
      } else {
        expect(pupils).toBeGreaterThanOrEqual(900);
        expect(pupils).toBeLessThanOrEqual(1800);
      }
      const ratio = pupils / school.employees.length;
      expect(ratio).toBeGreaterThan(9);
      expect(ratio).toBeLessThan(15);
    }
  });

  it('honours explicit school specs', () => {
    const dataset = generateWondeDataset({
      seed: 9,
      schools: [
        {
          phase: 'SECONDARY',
          pupils: 40,
          employees: 4,
          name: 'Test High School',
          hasSixthForm: false,
        },
        { phase: 'PRIMARY', pupils: 30, hasNursery: true },
      ],
    });
    const [high, primary] = dataset.schools as [SimSchool, SimSchool];
    expect(high).toMatchObject({ name: 'Test High School', phase: 'SECONDARY' });
    expect(high.students).toHaveLength(40);
    expect(high.employees).toHaveLength(4);
    expect(high.yearGroups.map((group) => group.ncYear)).toEqual(['7', '8', '9', '10', '11']);
    expect(primary.students).toHaveLength(30);
    expect(primary.yearGroups.map((group) => group.ncYear)).toContain('N2');
  });

  it('refuses impossible sizes and dates', () => {
    expect(() => generateWondeDataset({ schools: -1 })).toThrow(RangeError);
    expect(() => generateWondeDataset({ schools: [{ pupils: 2.5 }] })).toThrow(/pupils/);
    expect(() => generateWondeDataset({ asOf: '2026-02-30' })).toThrow(/calendar date/);
  });

  it('puts pupils in the NC years of their phase, with birthdays that match the year', () => {
    const dataset = generateWondeDataset({ seed: 1, schools: 16 });
    const startYear = academicYearStart(dataset.asOf);
    for (const school of dataset.schools) {
      const allowed =
        school.phase === 'PRIMARY'
          ? ['N1', 'N2', 'R', '1', '2', '3', '4', '5', '6']
          : ['7', '8', '9', '10', '11', '12', '13'];
      const years = new Set(school.students.map((student) => student.education.ncYear));
      for (const year of years) expect(allowed).toContain(year);
      const core =
        school.phase === 'PRIMARY'
          ? ['R', '1', '2', '3', '4', '5', '6']
          : ['7', '8', '9', '10', '11'];
      for (const year of core) expect(years).toContain(year);
      for (const student of school.students) {
        const range = birthRangeFor(student.education.ncYear, startYear);
        expect(student.dateOfBirth! >= range.from && student.dateOfBirth! <= range.to).toBe(true);
      }
    }
    const allYears = new Set(
      dataset.schools.flatMap((school) =>
        school.students.map((student) => student.education.ncYear),
      ),
    );
    for (const year of ['N1', 'N2', '12', '13']) expect(allYears).toContain(year);
  });

  it('uses 6-digit unique URNs and unique A+10-digit Wonde ids', () => {
    const dataset = generateWondeDataset({ seed: 7, schools: 5, trust: 'Riverside Trust' });
    const urns = dataset.schools.map((school) => school.urn);
    for (const urn of urns) expect(String(urn)).toMatch(/^\d{6}$/);
    expect(new Set(urns).size).toBe(urns.length);
    const ids = allIds(dataset);
    for (const id of ids) expect(id).toMatch(/^A\d{10}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(dataset.trust).toEqual({ name: 'Riverside Trust' });
  });

  it('plants the awkward names in every school, including two unrelated Oliver Smiths', () => {
    const dataset = generateWondeDataset({ seed: 8, schools: 3 });
    for (const school of dataset.schools) {
      const names = school.students.map(fullName);
      const olivers = school.students.filter((student) => fullName(student) === 'Oliver Smith');
      expect(olivers.length).toBeGreaterThanOrEqual(2);
      expect(new Set(olivers.map((student) => student.id)).size).toBe(olivers.length);
      expect(names).toContain("Siobhán O'Connor");
      expect(names).toContain('Zoë Smith-Jones');
      expect(names.some((name) => name.endsWith(' Nguyễn'))).toBe(true);
    }
    const everyone = dataset.schools.flatMap((school) => [
      ...school.students,
      ...school.contacts,
      ...school.employees,
    ]);
    expect(everyone.some((person) => /[^\u0020-\u007e]/.test(fullName(person)))).toBe(true);
    expect(everyone.filter((person) => person.surname.includes("'")).length).toBeGreaterThan(5);
    expect(everyone.filter((person) => person.surname.includes('-')).length).toBeGreaterThan(5);
    expect(everyone.every((person) => fullName(person) === fullName(person).normalize('NFC'))).toBe(
      true,
    );
  });

  it('varies contacts: responsibility true, false and null, two carers, none, siblings sharing, no email', () => {
    const dataset = generateWondeDataset({ seed: 10, schools: 2 });
    const school = dataset.schools[1] as SimSchool;
    const links = school.students.flatMap((student) => student.contactLinks);
    const flags = new Set(links.map((link) => link.relationship.parentalResponsibility));
    expect(flags).toEqual(new Set([true, false, null]));
    expect(school.students.some((student) => student.contactLinks.length === 0)).toBe(true);
    expect(school.students.some((student) => student.contactLinks.length === 2)).toBe(true);
    expect(school.students.some((student) => student.contactLinks.length >= 3)).toBe(true);
    const linkedFrom = new Map<string, number>();
    for (const link of links)
      linkedFrom.set(link.contactId, (linkedFrom.get(link.contactId) ?? 0) + 1);
    expect([...linkedFrom.values()].some((count) => count >= 2)).toBe(true);
    const contactIds = new Set(school.contacts.map((contact) => contact.id));
    for (const id of linkedFrom.keys()) expect(contactIds.has(id)).toBe(true);
    expect(school.contacts.some((contact) => contact.contactDetails.emails.email === null)).toBe(
      true,
    );
    expect(links.map((link) => link.relationship.relationship)).toEqual(
      expect.arrayContaining(['Mother', 'Father', 'Step-father', 'Grandmother']),
    );
  });

  it('has leavers among pupils and staff, and staff with job titles and next of kin', () => {
    const dataset = generateWondeDataset({ seed: 12, schools: 3 });
    const students = dataset.schools.flatMap((school) => school.students);
    const leavers = students.filter((student) => student.education.leavingDate !== null);
    expect(leavers.length).toBeGreaterThan(0);
    for (const leaver of leavers) {
      expect(leaver.education.leavingDate! < dataset.asOf).toBe(true);
      expect(leaver.education.leavingDate! >= leaver.education.admissionDate!).toBe(true);
    }
    const staff = dataset.schools.flatMap((school) => school.employees);
    expect(
      staff.some(
        (employee) =>
          !employee.employment.current && employee.employment.employmentEndDate !== null,
      ),
    ).toBe(true);
    expect(
      staff.every(
        (employee) =>
          employee.employment.current === (employee.employment.employmentEndDate === null),
      ),
    ).toBe(true);
    expect(new Set(staff.map((employee) => employee.employment.teachingStaff))).toEqual(
      new Set([true, false]),
    );
    expect(staff.every((employee) => employee.employment.roleText.length > 0)).toBe(true);
    expect(staff.map((employee) => employee.employment.roleText)).toContain('Headteacher');
    expect(staff.some((employee) => employee.nextOfKin.length > 0)).toBe(true);
    expect(staff.some((employee) => employee.contactDetails.emails.work !== null)).toBe(true);
  });

  it('dates every record before the day the data describes', () => {
    const dataset = generateWondeDataset({ seed: 13, schools: 2, asOf: '2025-03-15' });
    const limit = '2025-03-15T00:00:00.000Z';
    for (const school of dataset.schools) {
      for (const person of [...school.students, ...school.employees, ...school.contacts]) {
        expect(person.createdAt <= person.updatedAt).toBe(true);
        expect(person.updatedAt < limit).toBe(true);
      }
    }
  });

  it('generates a trust of about 100,000 people with unique ids', () => {
    const dataset = generateWondeDataset({ seed: 2024, schools: 75, trust: 'Large Trust' });
    expect(countPeople(dataset)).toBeGreaterThan(90_000);
    const ids = allIds(dataset);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
