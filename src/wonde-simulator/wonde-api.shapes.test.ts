import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimSchool, SimStudent } from './dataset.types';
import { getJson } from './http-test.helpers';
import type { ListPage, WireObject } from './http-test.helpers';
import { startWondeSimulator } from './wonde-simulator.server';
import type { WondeSimulator } from './wonde-simulator.server';

let sim: WondeSimulator;
let school: SimSchool;

const TIMESTAMP = {
  date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/) as unknown,
  timezone_type: 3,
  timezone: 'UTC',
};
const CALENDAR_DATE = {
  date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} 00:00:00\.000000$/) as unknown,
  timezone_type: 3,
  timezone: 'Europe/London',
};

beforeAll(async () => {
  sim = await startWondeSimulator({ seed: 41, schools: [{ phase: 'SECONDARY', pupils: 120 }] });
  school = sim.controls.snapshot().schools[0] as SimSchool;
});

afterAll(async () => {
  await sim.close();
});

type One = { data: WireObject; meta: { includes: string[] } };

async function one(path: string): Promise<One> {
  const { status, body } = await getJson<One>(`${sim.url}${path}`, sim.partnerToken);
  expect(status).toBe(200);
  return body;
}

function pupilWithTwoContacts(): SimStudent {
  const found = school.students.find((student) => student.contactLinks.length === 2);
  if (!found) throw new Error('no pupil with two contacts');
  return found;
}

describe('object shapes', () => {
  it('sends a student with person fields, PHP date objects and no includes by default', async () => {
    const student = school.students[0] as SimStudent;
    const { data, meta } = await one(`/schools/${school.id}/students/${student.id}`);
    expect(data).toEqual({
      id: student.id,
      upi: student.upi,
      mis_id: student.misId,
      initials: student.initials,
      title: null,
      surname: student.surname,
      forename: student.forename,
      middle_names: student.middleNames,
      legal_surname: student.legalSurname,
      legal_forename: student.legalForename,
      gender: student.gender,
      gender_identity: null,
      date_of_birth: {
        date: `${student.dateOfBirth ?? ''} 00:00:00.000000`,
        timezone_type: 3,
        timezone: 'Europe/London',
      },
      restored_at: null,
      created_at: TIMESTAMP,
      updated_at: {
        date: `${student.updatedAt.slice(0, 10)} ${student.updatedAt.slice(11, 23)}000`,
        timezone_type: 3,
        timezone: 'UTC',
      },
    });
    expect(meta.includes).toEqual(
      expect.arrayContaining(['education_details', 'contacts.contact_details', 'year']),
    );
  });

  it('wraps student includes in data and nests contacts with their relationship', async () => {
    const student = pupilWithTwoContacts();
    const include =
      'education_details,year,contact_details,contacts.contact_details,extended_details,made_up_include';
    const { data } = await one(`/schools/${school.id}/students/${student.id}?include=${include}`);
    expect(data).not.toHaveProperty('made_up_include');
    expect(data.education_details).toEqual({
      data: {
        admission_number: student.education.admissionNumber,
        upn: student.education.upn,
        local_upn: null,
        former_upn: student.education.formerUpn,
        learner_number: student.education.learnerNumber,
        current_nc_year: student.education.ncYear,
        part_time: student.education.partTime,
        part_time_rate: student.education.partTimeRate,
        admission_date: CALENDAR_DATE,
        leaving_date: student.education.leavingDate === null ? null : CALENDAR_DATE,
      },
    });
    expect(data.year).toEqual({
      data: expect.objectContaining({
        code: student.education.ncYear,
        name: `Year ${student.education.ncYear}`,
        type: 'YEAR',
      }) as unknown,
    });
    expect(data.extended_details).toEqual({
      data: expect.objectContaining({ sen_status: student.extended.senStatus }) as unknown,
    });
    const contacts = (data.contacts as { data: WireObject[] }).data;
    expect(contacts.map((contact) => contact.id)).toEqual(
      student.contactLinks.map((link) => link.contactId),
    );
    const [first] = contacts as [WireObject];
    expect(first.relationship).toEqual({
      relationship: student.contactLinks[0]!.relationship.relationship,
      parental_responsibility: student.contactLinks[0]!.relationship.parentalResponsibility,
      priority: student.contactLinks[0]!.relationship.priority,
      lives_with_pupil: student.contactLinks[0]!.relationship.livesWithPupil,
      bill_payer: student.contactLinks[0]!.relationship.billPayer,
      email_bills: student.contactLinks[0]!.relationship.emailBills,
      copy_bills: student.contactLinks[0]!.relationship.copyBills,
      court_order: student.contactLinks[0]!.relationship.courtOrder,
      pupil_report: student.contactLinks[0]!.relationship.pupilReport,
      email_summary: student.contactLinks[0]!.relationship.emailSummary,
    });
    const contact = school.contacts.find((candidate) => candidate.id === first.id)!;
    expect(first.contact_details).toEqual({
      data: {
        phones: contact.contactDetails.phones,
        emails: contact.contactDetails.emails,
        addresses: {
          home: expect.objectContaining({
            postcode: contact.contactDetails.addresses.home?.postcode,
          }) as unknown,
          work: expect.objectContaining({
            house_number: null,
            street: null,
            postcode: null,
          }) as unknown,
          postal: expect.objectContaining({ postcode: null }) as unknown,
        },
        salutation: contact.contactDetails.salutation,
      },
    });
  });

  it('includes contacts without contact details when only contacts is asked for', async () => {
    const student = pupilWithTwoContacts();
    const { data } = await one(`/schools/${school.id}/students/${student.id}?include=contacts`);
    const contacts = (data.contacts as { data: WireObject[] }).data;
    expect(contacts).toHaveLength(2);
    expect(contacts[0]).not.toHaveProperty('contact_details');
    expect(data).not.toHaveProperty('education_details');
  });

  it('sends employees with employment details, roles and next of kin', async () => {
    const employee = school.employees.find((candidate) => candidate.nextOfKin.length > 0)!;
    const { data } = await one(
      `/schools/${school.id}/employees/${employee.id}?include=employment_details,roles,next_of_kin,contact_details`,
    );
    expect(data.employment_details).toEqual({
      data: expect.objectContaining({
        role_text: employee.employment.roleText,
        current: employee.employment.current,
        teaching_staff: employee.employment.teachingStaff,
        employment_start_date: CALENDAR_DATE,
      }) as unknown,
    });
    const roles = (data.roles as { data: WireObject[] }).data;
    expect(roles[0]).toMatchObject({
      role: employee.roles[0]!.role,
      contract: employee.roles[0]!.contractId,
      created_at: TIMESTAMP,
    });
    const kin = (data.next_of_kin as { data: WireObject[] }).data;
    expect(kin.map((entry) => entry.name)).toEqual(employee.nextOfKin.map((entry) => entry.name));
    expect(kin[0]).toEqual(
      expect.objectContaining({
        telephone_primary: employee.nextOfKin[0]!.telephonePrimary,
        email_primary: employee.nextOfKin[0]!.emailPrimary,
      }),
    );
    expect((data.contact_details as { data: { emails: WireObject } }).data.emails.work).toBe(
      employee.contactDetails.emails.work,
    );
  });

  it('lists contacts with their pupils and relationships', async () => {
    const student = pupilWithTwoContacts();
    const contactId = student.contactLinks[0]!.contactId;
    const { data } = await one(
      `/schools/${school.id}/contacts/${contactId}?include=students,contact_details`,
    );
    const pupils = (data.students as { data: WireObject[] }).data;
    expect(pupils.map((pupil) => pupil.id)).toContain(student.id);
    expect(pupils.find((pupil) => pupil.id === student.id)?.relationship).toMatchObject({
      relationship: student.contactLinks[0]!.relationship.relationship,
    });
  });

  it('sends fields outside the granted scopes as null', async () => {
    const student = pupilWithTwoContacts();
    sim.controls.setDeniedFields(school.id, [
      'students.date_of_birth',
      'students.gender',
      'students.education_details',
      'students.contacts',
    ]);
    try {
      const { data } = await one(
        `/schools/${school.id}/students/${student.id}?include=education_details,contacts`,
      );
      expect(data.date_of_birth).toBeNull();
      expect(data.gender).toBeNull();
      expect(data.forename).toBe(student.forename);
      const education = (data.education_details as { data: WireObject }).data;
      expect(Object.keys(education)).toContain('current_nc_year');
      expect(Object.values(education).every((value) => value === null)).toBe(true);
      expect(data.contacts).toEqual({ data: [] });
    } finally {
      sim.controls.setDeniedFields(school.id, []);
    }
    const { data } = await one(`/schools/${school.id}/students/${student.id}`);
    expect(data.gender).toBe(student.gender);
  });

  it('sends the school object, its meta and counts', async () => {
    const { data, meta } = await one(`/schools/${school.id}`);
    expect(meta.includes).toEqual(['cbds']);
    expect(data).toMatchObject({
      id: school.id,
      name: school.name,
      urn: school.urn,
      establishment_number: school.establishmentNumber,
      phase_of_education: 'SECONDARY',
      la_code: school.laCode,
      timezone: 'Europe/London',
      address: {
        address_postcode: school.address.postcode,
        address_country: { code: 'GBR', name: 'United Kingdom' },
      },
      region: {
        domain: new URL(sim.origin).host,
        school_url: `${sim.url}/schools/${school.id}`,
        identifiers: { urn: school.urn },
      },
    });
    const counts = await one(
      `/schools/${school.id}/counts?include=students,employees,contacts,unknown`,
    );
    expect(counts.data).toEqual({
      students: { data: { count: school.students.length } },
      employees: { data: { count: school.employees.length } },
      contacts: { data: { count: school.contacts.length } },
    });
  });

  it('accepts trailing slashes on every path', async () => {
    for (const path of [
      '/schools/',
      `/schools/${school.id}/`,
      `/schools/${school.id}/students/`,
      `/meta/schools/${school.id}/`,
      `/schools/${school.id}/deletions//`,
    ]) {
      const response = await getJson<ListPage>(`${sim.url}${path}`, sim.partnerToken);
      expect(response.status, path).toBe(200);
    }
  });
});

describe('updated_after', () => {
  const studentsAfter = async (value: string): Promise<{ status: number; body: ListPage }> =>
    getJson<ListPage>(
      `${sim.url}/schools/${school.id}/students?per_page=200&updated_after=${value}`,
      sim.partnerToken,
    );

  it('reads both the documented and the ISO 8601 forms as the same instant', async () => {
    const times = school.students.map((student) => student.updatedAt).sort();
    const cut = times[Math.floor(times.length / 2)]!;
    const cutDate = new Date(Date.parse(cut) - (Date.parse(cut) % 1000));
    const iso = cutDate.toISOString();
    const expected = school.students
      .filter((student) => student.updatedAt > iso)
      .map((student) => student.id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(school.students.length);
    const documented = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
    const shifted = new Date(cutDate.getTime() + 3_600_000).toISOString().slice(0, 19);
    for (const form of [
      encodeURIComponent(documented),
      documented.replace(' ', '%20'),
      iso,
      iso.slice(0, 19),
      `${shifted}%2B01:00`,
      `${shifted}+01:00`,
    ]) {
      const { status, body } = await studentsAfter(form);
      expect(status, form).toBe(200);
      expect(body.data.map((item) => item.id as string).sort(), form).toEqual(expected);
    }
  });

  it('answers 422 for a value that is not a date', async () => {
    for (const bad of ['yesterday', '2025-13-01', '2025-02-30 00:00:00', '12/01/2025']) {
      const { status, body } = await studentsAfter(encodeURIComponent(bad));
      expect(status, bad).toBe(422);
      expect(body).toMatchObject({ error: 'validation_error' });
    }
  });
});
