import { parseYmd } from './calendar.lib';
import type {
  Gender,
  NcYear,
  SimContact,
  SimEmployee,
  SimPersonBase,
  SimRelationship,
  SimStudent,
  WondeDataset,
} from './dataset.types';
import { buildEmployee } from './employee.factory';
import type { FaultInjector, FaultRule, FaultSpec } from './fault-injector.lib';
import type { SchoolContext } from './generation-context.lib';
import { createSchoolContext } from './generation-context.lib';
import { TOWNS } from './name-pools.data';
import { applyPersonPatch, PatchError } from './person-patch.lib';
import type { PersonPatch } from './person-patch.lib';
import { findOrigin, homeAddress } from './person-details.factory';
import { buildContact, buildStudent } from './pupil.factory';
import type { ContactInput } from './pupil.factory';
import type {
  AccessState,
  DeletionRecord,
  PersonKind,
  PersonOfKind,
  SchoolRecord,
  ScopedField,
  SimState,
} from './sim-state.store';
import { deliverWebhook } from './webhook.sender';
import type { WebhookDelivery, WondeWebhookPayload } from './webhook.sender';

export class SimControlError extends Error {
  constructor(
    readonly code: 'not_found' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'SimControlError';
  }
}

export type SchoolStatus = {
  id: string;
  name: string;
  urn: number;
  phase: string;
  access: AccessState;
  audited: boolean;
  /** The current per-school token, while approved. */
  token: string | null;
  deniedFields: ScopedField[];
  counts: { students: number; employees: number; contacts: number; deletions: number };
};

export type RequestLogEntry = {
  at: string;
  method: string;
  /** Path and query as received. */
  url: string;
  /** `null` when the connection was reset instead of answered. */
  status: number | null;
  fault: FaultSpec['kind'] | null;
};

export type ContactLinkInput = { contactId: string; relationship?: Partial<SimRelationship> };

export type AddStudentInput = {
  forename?: string;
  surname?: string;
  gender?: Gender;
  ncYear?: NcYear;
  contactLinks?: ContactLinkInput[];
};

export type AddEmployeeInput = {
  forename?: string;
  surname?: string;
  gender?: Gender | null;
  /** Job title (`employment_details.role_text`). */
  roleText?: string;
  teachingStaff?: boolean;
};

export type AddContactInput = ContactInput & {
  /** Pupils to link the new contact to, with the relationship (defaults: Parent with responsibility). */
  studentIds?: string[];
  relationship?: Partial<SimRelationship>;
};

/** Everything tests and the control API can do to a running simulator. */
export type WondeSimControls = {
  listSchools: () => SchoolStatus[];
  /** Approves the school with a new per-school token and sends `schoolApproved`. */
  approveSchool: (
    schoolId: string,
    options?: { audited?: boolean },
  ) => Promise<{ token: string; webhook: WebhookDelivery | null }>;
  /** The school declines the partner's request; sends `accessDeclined`. */
  declineSchool: (
    schoolId: string,
    options?: { reason?: string },
  ) => Promise<{ webhook: WebhookDelivery | null }>;
  /** The school revokes access; its token stops working; sends `accessRevoked`. */
  revokeSchool: (
    schoolId: string,
    options?: { reason?: string },
  ) => Promise<{ webhook: WebhookDelivery | null }>;
  /** Sets the access state without a webhook (e.g. to start a test from `pending`). */
  setAccessState: (schoolId: string, state: AccessState) => void;
  getSchoolToken: (schoolId: string) => string | null;
  /** Fields the school withholds from the partner; replaces the previous list. */
  setDeniedFields: (schoolId: string, fields: readonly ScopedField[]) => void;

  getPerson: <K extends PersonKind>(
    schoolId: string,
    kind: K,
    personId: string,
  ) => PersonOfKind[K] | null;
  addStudent: (schoolId: string, input?: AddStudentInput) => SimStudent;
  addEmployee: (schoolId: string, input?: AddEmployeeInput) => SimEmployee;
  addContact: (schoolId: string, input?: AddContactInput) => SimContact;
  updatePerson: <K extends PersonKind>(
    schoolId: string,
    kind: K,
    personId: string,
    patch: PersonPatch,
  ) => PersonOfKind[K];
  /** Sets a pupil's leaving date, or ends a staff member's employment (default: today). */
  markLeaver: (
    schoolId: string,
    kind: 'student' | 'employee',
    personId: string,
    options?: { date?: string },
  ) => SimStudent | SimEmployee;
  deletePerson: (schoolId: string, kind: PersonKind, personId: string) => DeletionRecord;
  /** Brings a deleted person back with the same id and `restored_at` set. */
  restorePerson: <K extends PersonKind>(
    schoolId: string,
    kind: K,
    personId: string,
  ) => PersonOfKind[K];

  injectFault: (spec: FaultSpec) => FaultRule;
  listFaults: () => FaultRule[];
  clearFaults: () => void;
  /** Delay added before every Wonde API response, in milliseconds. */
  setLatency: (ms: number) => void;

  webhookDeliveries: () => WebhookDelivery[];
  requestLog: () => RequestLogEntry[];
  clearRequestLog: () => void;
  /** A deep copy of the live data (deleted people excluded). */
  snapshot: () => WondeDataset;
};

export type ControlsDeps = {
  state: SimState;
  faults: FaultInjector;
  latency: { ms: number };
  requests: RequestLogEntry[];
  webhook: {
    url: string | null;
    headers?: Record<string, string>;
    retryDelayMs: number;
    timeoutMs: number;
    signal: AbortSignal;
  };
};

const DEFAULT_RELATIONSHIP: SimRelationship = {
  relationship: 'Parent',
  parentalResponsibility: true,
  priority: 1,
  livesWithPupil: true,
  billPayer: true,
  emailBills: true,
  copyBills: false,
  courtOrder: false,
  pupilReport: true,
  emailSummary: true,
};

function maxNumeric(values: Iterable<string | null>): number {
  let max = 0;
  for (const value of values) {
    const n = Number(value);
    if (Number.isFinite(n) && n > max) max = n;
  }
  return max;
}

export function createSimControls(deps: ControlsDeps): WondeSimControls {
  const { state, faults } = deps;
  const deliveries: WebhookDelivery[] = [];
  const contexts = new WeakMap<SchoolRecord, SchoolContext>();

  const requireSchool = (schoolId: string): SchoolRecord => {
    const record = state.schoolsById.get(schoolId);
    if (!record) throw new SimControlError('not_found', `No school with id ${schoolId}`);
    return record;
  };

  const requirePerson = <K extends PersonKind>(
    record: SchoolRecord,
    kind: K,
    personId: string,
  ): PersonOfKind[K] => {
    const person = record.people[kind].byId.get(personId);
    if (!person)
      throw new SimControlError(
        'not_found',
        `No ${kind} with id ${personId} in ${record.school.id}`,
      );
    return person;
  };

  /** A factory context for adding people to a generated school, continuing its numbering. */
  const contextFor = (record: SchoolRecord): SchoolContext => {
    const cached = contexts.get(record);
    if (cached) return cached;
    const { school } = record;
    const town = TOWNS.find((candidate) => candidate.town === school.address.town);
    const everyone: SimPersonBase[] = [...school.students, ...school.employees, ...school.contacts];
    const ctx = createSchoolContext({
      rng: state.rng,
      ids: state.ids,
      asOf: state.asOf,
      phase: school.phase,
      years: school.yearGroups.map((group) => group.ncYear),
      locality: {
        town: school.address.town,
        outwardCodes: town?.outward ?? [school.address.postcode.split(' ')[0] ?? 'AB1'],
      },
      slug: school.email.replace(/^[^@]*@/, '').replace(/\.example\.org$/, ''),
      laCode: school.laCode,
      establishmentNumber: school.establishmentNumber,
      schoolCreatedAtMs: Date.parse(school.createdAt),
      lastMisId:
        maxNumeric([
          ...everyone.map((person) => person.misId),
          ...school.yearGroups.map((group) => group.misId),
        ]) + 1000,
      lastAdmissionNumber: maxNumeric(
        school.students.map((student) => student.education.admissionNumber),
      ),
    });
    contexts.set(record, ctx);
    return ctx;
  };

  const touch = (person: SimPersonBase): void => {
    person.updatedAt = state.clock.tick();
  };

  /** New records are created "now", not in the generated past. */
  const stampNew = <T extends SimPersonBase>(person: T): T => {
    const now = state.clock.tick();
    person.createdAt = now;
    person.updatedAt = now;
    return person;
  };

  const insert = <K extends PersonKind>(
    record: SchoolRecord,
    kind: K,
    person: PersonOfKind[K],
  ): void => {
    const table = record.people[kind];
    table.live.push(person);
    table.byId.set(person.id, person);
  };

  const remove = <K extends PersonKind>(
    record: SchoolRecord,
    kind: K,
    person: PersonOfKind[K],
  ): void => {
    const table = record.people[kind];
    table.live.splice(table.live.indexOf(person), 1);
    table.byId.delete(person.id);
    table.removed.set(person.id, person);
  };

  const sendWebhook = async (payload: WondeWebhookPayload): Promise<WebhookDelivery | null> => {
    const { url, headers, retryDelayMs, timeoutMs, signal } = deps.webhook;
    if (url === null) return null;
    const delivery = await deliverWebhook(url, payload, {
      ...(headers ? { headers } : {}),
      maxAttempts: 3,
      retryDelayMs,
      timeoutMs,
      signal,
    });
    deliveries.push(delivery);
    return delivery;
  };

  const linkFor = (
    record: SchoolRecord,
    link: ContactLinkInput,
  ): { contactId: string; relationship: SimRelationship } => {
    requirePerson(record, 'contact', link.contactId);
    return {
      contactId: link.contactId,
      relationship: { ...DEFAULT_RELATIONSHIP, ...link.relationship },
    };
  };

  const checkDate = (date: string): string => {
    try {
      parseYmd(date);
    } catch {
      throw new SimControlError('invalid', `Expected a YYYY-MM-DD date, got "${date}"`);
    }
    return date;
  };

  return {
    listSchools: () =>
      state.schools.map((record) => ({
        id: record.school.id,
        name: record.school.name,
        urn: record.school.urn,
        phase: record.school.phase,
        access: record.access,
        audited: record.audited,
        token: record.access === 'approved' ? record.token : null,
        deniedFields: [...record.deniedFields],
        counts: {
          students: record.people.student.live.length,
          employees: record.people.employee.live.length,
          contacts: record.people.contact.live.length,
          deletions: record.deletions.size,
        },
      })),

    async approveSchool(schoolId, options = {}) {
      const record = requireSchool(schoolId);
      const token = state.rng.hex(40);
      record.access = 'approved';
      record.audited = options.audited ?? true;
      record.token = token;
      record.approvedAt = state.clock.tick();
      const webhook = await sendWebhook({
        payload_type: 'schoolApproved',
        school_id: record.school.id,
        school_name: record.school.name,
        school_token: token,
      });
      return { token, webhook };
    },

    async declineSchool(schoolId, options = {}) {
      const record = requireSchool(schoolId);
      record.access = 'declined';
      record.audited = false;
      record.token = null;
      const webhook = await sendWebhook({
        payload_type: 'accessDeclined',
        school_id: record.school.id,
        school_name: record.school.name,
        decline_reason: options.reason ?? 'Declined by the school',
      });
      return { webhook };
    },

    async revokeSchool(schoolId, options = {}) {
      const record = requireSchool(schoolId);
      record.access = 'revoked';
      record.audited = false;
      record.token = null;
      const webhook = await sendWebhook({
        payload_type: 'accessRevoked',
        school_id: record.school.id,
        school_name: record.school.name,
        revoke_reason: options.reason ?? 'Access revoked by the school',
      });
      return { webhook };
    },

    setAccessState(schoolId, access) {
      const record = requireSchool(schoolId);
      record.access = access;
      if (access === 'approved') {
        record.token ??= state.rng.hex(40);
        record.approvedAt ??= state.clock.tick();
      } else {
        record.token = null;
        record.audited = false;
      }
    },

    getSchoolToken: (schoolId) => {
      const record = requireSchool(schoolId);
      return record.access === 'approved' ? record.token : null;
    },

    setDeniedFields(schoolId, fields) {
      requireSchool(schoolId).deniedFields = new Set(fields);
    },

    getPerson: (schoolId, kind, personId) =>
      requireSchool(schoolId).people[kind].byId.get(personId) ?? null,

    addStudent(schoolId, input = {}) {
      const record = requireSchool(schoolId);
      const ctx = contextFor(record);
      const years = ctx.years;
      if (input.ncYear !== undefined && !years.includes(input.ncYear)) {
        throw new SimControlError(
          'invalid',
          `${record.school.name} has no NC year ${input.ncYear}`,
        );
      }
      const origin = findOrigin('british');
      const links = (input.contactLinks ?? []).map((link) => linkFor(record, link));
      const student = stampNew(
        buildStudent(ctx, {
          ncYear: input.ncYear ?? ctx.rng.pick(years),
          gender: input.gender,
          forename: input.forename,
          surname: input.surname ?? ctx.rng.pick(origin.surnames),
          origin,
          address: homeAddress(ctx.rng, ctx.locality),
          contactLinks: links,
          isLeaver: false,
        }),
      );
      // A pupil joining today was admitted today.
      student.education.admissionDate = state.clock.today();
      insert(record, 'student', student);
      return student;
    },

    addEmployee(schoolId, input = {}) {
      const record = requireSchool(schoolId);
      const ctx = contextFor(record);
      const isTeacher = input.teachingStaff ?? false;
      const roleText = input.roleText ?? (isTeacher ? 'Class Teacher' : 'Teaching Assistant');
      const employee = stampNew(
        buildEmployee(ctx, {
          job: { title: roleText, code: isTeacher ? 'TCHR' : 'SUPP', isTeacher },
          gender: input.gender,
          forename: input.forename,
          surname: input.surname,
          isLeaver: false,
        }),
      );
      const today = state.clock.today();
      employee.employment.employmentStartDate = today;
      for (const role of employee.roles) {
        role.startDate = today;
        role.createdAt = employee.createdAt;
        role.updatedAt = employee.updatedAt;
      }
      insert(record, 'employee', employee);
      return employee;
    },

    addContact(schoolId, input = {}) {
      const record = requireSchool(schoolId);
      const students = (input.studentIds ?? []).map((id) => requirePerson(record, 'student', id));
      const contact = stampNew(buildContact(contextFor(record), input));
      insert(record, 'contact', contact);
      for (const student of students) {
        const priority = student.contactLinks.length + 1;
        student.contactLinks.push({
          contactId: contact.id,
          relationship: { ...DEFAULT_RELATIONSHIP, priority, ...input.relationship },
        });
      }
      return contact;
    },

    updatePerson(schoolId, kind, personId, patch) {
      const record = requireSchool(schoolId);
      const person = requirePerson(record, kind, personId);
      if (patch.contactLinks)
        for (const link of patch.contactLinks) requirePerson(record, 'contact', link.contactId);
      for (const date of [
        patch.dateOfBirth,
        patch.education?.admissionDate,
        patch.education?.leavingDate,
      ]) {
        if (typeof date === 'string') checkDate(date);
      }
      try {
        applyPersonPatch(kind, person, patch);
      } catch (error) {
        if (error instanceof PatchError) throw new SimControlError('invalid', error.message);
        throw error;
      }
      touch(person);
      return person;
    },

    markLeaver(schoolId, kind, personId, options = {}) {
      const record = requireSchool(schoolId);
      const date = checkDate(options.date ?? state.clock.today());
      if (kind === 'student') {
        const student = requirePerson(record, 'student', personId);
        student.education.leavingDate = date;
        touch(student);
        return student;
      }
      const employee = requirePerson(record, 'employee', personId);
      employee.employment.current = false;
      employee.employment.employmentEndDate = date;
      for (const role of employee.roles) role.endDate ??= date;
      touch(employee);
      return employee;
    },

    deletePerson(schoolId, kind, personId) {
      const record = requireSchool(schoolId);
      const person = requirePerson(record, kind, personId);
      remove(record, kind, person);
      // One entry per person: a second deletion after a restore updates the same entry.
      const deletion: DeletionRecord = {
        id: person.id,
        type: kind,
        misId: person.misId,
        deletedAt: state.clock.tick(),
        restoredAt: null,
      };
      record.deletions.delete(personId);
      record.deletions.set(personId, deletion);
      return { ...deletion };
    },

    restorePerson(schoolId, kind, personId) {
      const record = requireSchool(schoolId);
      const table = record.people[kind];
      const person = table.removed.get(personId);
      if (!person)
        throw new SimControlError(
          'not_found',
          `No deleted ${kind} with id ${personId} in ${schoolId}`,
        );
      table.removed.delete(personId);
      const now = state.clock.tick();
      person.restoredAt = now;
      person.updatedAt = now;
      insert(record, kind, person);
      const deletion = record.deletions.get(personId);
      if (deletion) deletion.restoredAt = now;
      return person;
    },

    injectFault(spec) {
      if (spec.rate !== undefined && !(spec.rate >= 0 && spec.rate <= 1))
        throw new SimControlError('invalid', 'rate must be between 0 and 1');
      if (spec.count !== undefined && !(Number.isInteger(spec.count) && spec.count >= 1)) {
        throw new SimControlError('invalid', 'count must be a positive integer');
      }
      return faults.add(spec);
    },
    listFaults: () => faults.list(),
    clearFaults: () => faults.clear(),
    setLatency(ms) {
      if (!(Number.isFinite(ms) && ms >= 0))
        throw new SimControlError(
          'invalid',
          'latency must be a non-negative number of milliseconds',
        );
      deps.latency.ms = ms;
    },

    webhookDeliveries: () => structuredClone(deliveries),
    requestLog: () => deps.requests.map((entry) => ({ ...entry })),
    clearRequestLog() {
      deps.requests.length = 0;
    },
    snapshot: () =>
      structuredClone({
        seed: state.seed,
        asOf: state.asOf,
        trust: state.trust,
        schools: state.schools.map((record) => record.school),
      }),
  };
}
