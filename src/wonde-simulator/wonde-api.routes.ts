import type { SimEmployee, SimPersonBase, SimRelationship, SimStudent } from './dataset.types';
import { paginate, parseUpdatedAfter } from './list-query.lib';
import { authenticate } from './request-auth.lib';
import type {
  AccessRequestContact,
  AccessState,
  Caller,
  PersonKind,
  SchoolRecord,
  SimState,
} from './sim-state.store';
import {
  CONTACT_INCLUDES,
  EMPLOYEE_INCLUDES,
  SCHOOL_INCLUDES,
  STUDENT_INCLUDES,
  parseIncludes,
  presentContact,
  presentDeletion,
  presentEmployee,
  presentSchool,
  presentStudent,
  studentsByContact,
} from './wonde-json.presenter';
import type { Json, JsonObject, PresentContext } from './wonde-json.presenter';

export type SimRequest = {
  method: string;
  /** Path without query and without trailing slashes, e.g. `/v1.0/schools/A1234567890/students`. */
  path: string;
  query: URLSearchParams;
  /** The query string as received (without `?`), so that pagination links keep it intact. */
  rawQuery: string;
  authorization: string | undefined;
  /** `http://host:port` as the client addressed the simulator. */
  origin: string;
  /** The parsed JSON body, or `undefined` when there was none or it was not JSON. */
  body: unknown;
};

export type SimResponse = { status: number; body: Json; headers?: Record<string, string> };

/** Error bodies are not documented by Wonde; this shape is the simulator's choice. */
export function errorResponse(status: number, error: string, description: string): SimResponse {
  return { status, body: { error, error_description: description } };
}

const SCHOOL_LISTS: Readonly<Record<string, (record: SchoolRecord) => boolean>> = {
  '': (record) => record.access === 'approved',
  audited: (record) => record.access === 'approved' && record.audited,
  pending: (record) => record.access === 'pending',
  declined: (record) => record.access === 'declined',
  revoked: (record) => record.access === 'revoked',
};

const PERSON_SEGMENTS: Readonly<Record<string, PersonKind>> = {
  students: 'student',
  employees: 'employee',
  contacts: 'contact',
};

type Handler = (state: SimState, req: SimRequest, caller: Caller) => SimResponse;

function updatedAfterFilter(
  req: SimRequest,
): { ok: true; after: string | null } | { ok: false; response: SimResponse } {
  const raw = req.query.get('updated_after');
  if (raw === null || raw.trim() === '') return { ok: true, after: null };
  const ms = parseUpdatedAfter(raw);
  if (ms === null) {
    return {
      ok: false,
      response: errorResponse(
        422,
        'validation_error',
        'updated_after must be a date such as 2024-01-31 13:45:00 or 2024-01-31T13:45:00Z',
      ),
    };
  }
  // Stored timestamps are all toISOString() output, so string order is time order.
  return { ok: true, after: new Date(ms).toISOString() };
}

function listBody<T>(
  req: SimRequest,
  items: readonly T[],
  present: (item: T) => Json,
  includes: readonly string[],
): SimResponse {
  const page = paginate(items, req, present);
  return {
    status: 200,
    body: { data: page.data, meta: { pagination: page.pagination, includes: [...includes] } },
  };
}

/** Finds the school and checks the caller may read its data: 404 unknown, 403 not approved. */
function schoolForData(
  state: SimState,
  caller: Caller,
  schoolId: string,
): { record: SchoolRecord } | { response: SimResponse } {
  const record = state.schoolsById.get(schoolId);
  if (!record)
    return { response: errorResponse(404, 'not_found', `No school with id ${schoolId}`) };
  if (caller.kind === 'school' && caller.schoolId !== schoolId) {
    return { response: errorResponse(403, 'forbidden', 'This token belongs to another school') };
  }
  if (record.access !== 'approved') {
    return {
      response: errorResponse(
        403,
        'forbidden',
        `Access to school ${schoolId} is not approved (${record.access})`,
      ),
    };
  }
  return { record };
}

/** The table a kind is read from guarantees the person's shape, hence the narrowing casts. */
function presenterFor(
  kind: PersonKind,
  ctx: PresentContext,
): (person: SimPersonBase) => JsonObject {
  if (kind === 'student') return (person) => presentStudent(ctx, person as SimStudent);
  if (kind === 'employee') return (person) => presentEmployee(ctx, person as SimEmployee);
  let index: Map<string, { student: SimStudent; relationship: SimRelationship }[]> | null = null;
  // The reverse index costs a pass over the pupils; build it only when asked for.
  const linked = (contactId: string): { student: SimStudent; relationship: SimRelationship }[] => {
    index ??= studentsByContact(ctx.record);
    return index.get(contactId) ?? [];
  };
  return (person) => presentContact(ctx, person, () => linked(person.id));
}

const INCLUDES_OF: Readonly<Record<PersonKind, readonly string[]>> = {
  student: STUDENT_INCLUDES,
  employee: EMPLOYEE_INCLUDES,
  contact: CONTACT_INCLUDES,
};

function listPeople(
  state: SimState,
  req: SimRequest,
  caller: Caller,
  schoolId: string,
  segment: string,
): SimResponse {
  const found = schoolForData(state, caller, schoolId);
  if ('response' in found) return found.response;
  const { record } = found;
  const filter = updatedAfterFilter(req);
  if (!filter.ok) return filter.response;
  const isLeaverList = segment === 'students-leaver';
  const kind: PersonKind = isLeaverList ? 'student' : (PERSON_SEGMENTS[segment] ?? 'student');
  let items: readonly SimPersonBase[] = record.people[kind].live;
  if (isLeaverList) {
    const today = state.clock.today();
    items = record.people.student.live.filter(
      (student) => student.education.leavingDate !== null && student.education.leavingDate <= today,
    );
  }
  const after = filter.after;
  if (after !== null) items = items.filter((person) => person.updatedAt > after);
  const ctx: PresentContext = {
    record,
    includes: parseIncludes(req.query.getAll('include')),
    origin: req.origin,
  };
  return listBody(req, items, presenterFor(kind, ctx), INCLUDES_OF[kind]);
}

function getPerson(
  state: SimState,
  req: SimRequest,
  caller: Caller,
  schoolId: string,
  segment: string,
  personId: string,
): SimResponse {
  const found = schoolForData(state, caller, schoolId);
  if ('response' in found) return found.response;
  const kind = PERSON_SEGMENTS[segment];
  if (!kind) return errorResponse(404, 'not_found', 'Unknown resource');
  const person = found.record.people[kind].byId.get(personId);
  if (!person) return errorResponse(404, 'not_found', `No ${kind} with id ${personId}`);
  const ctx: PresentContext = {
    record: found.record,
    includes: parseIncludes(req.query.getAll('include')),
    origin: req.origin,
  };
  return {
    status: 200,
    body: { data: presenterFor(kind, ctx)(person), meta: { includes: [...INCLUDES_OF[kind]] } },
  };
}

function listDeletions(
  state: SimState,
  req: SimRequest,
  caller: Caller,
  schoolId: string,
): SimResponse {
  const found = schoolForData(state, caller, schoolId);
  if ('response' in found) return found.response;
  const filter = updatedAfterFilter(req);
  if (!filter.ok) return filter.response;
  const type = req.query.get('type');
  const after = filter.after;
  const items = [...found.record.deletions.values()].filter((deletion) => {
    if (type !== null && type !== '' && deletion.type !== type) return false;
    // A restore changes the entry too, so it counts as the entry's latest change.
    const changedAt =
      deletion.restoredAt !== null && deletion.restoredAt > deletion.deletedAt
        ? deletion.restoredAt
        : deletion.deletedAt;
    return after === null || changedAt > after;
  });
  return listBody(req, items, presentDeletion, []);
}

function counts(state: SimState, req: SimRequest, caller: Caller, schoolId: string): SimResponse {
  const found = schoolForData(state, caller, schoolId);
  if ('response' in found) return found.response;
  const data: JsonObject = {};
  for (const name of parseIncludes(req.query.getAll('include'))) {
    const kind = PERSON_SEGMENTS[name];
    if (kind) data[name] = { data: { count: found.record.people[kind].live.length } };
  }
  return { status: 200, body: { data } };
}

function visibleTo(caller: Caller, record: SchoolRecord): boolean {
  return caller.kind === 'partner' || caller.schoolId === record.school.id;
}

function listSchools(state: SimState, req: SimRequest, caller: Caller, which: string): SimResponse {
  const predicate = SCHOOL_LISTS[which];
  if (!predicate) return errorResponse(404, 'not_found', 'Unknown school list');
  const items = state.schools.filter((record) => visibleTo(caller, record) && predicate(record));
  return listBody(req, items, (record) => presentSchool(record, req.origin), SCHOOL_INCLUDES);
}

function compactPostcode(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** Searches every school Wonde knows, whatever its relation to the partner. */
function searchAllSchools(state: SimState, req: SimRequest): SimResponse {
  const urn = req.query.get('urn');
  const postcode = req.query.get('postcode');
  const establishment = req.query.get('establishment_number');
  const laCode = req.query.get('la_code');
  const items = state.schools.filter(({ school }) => {
    if (urn !== null && urn.trim() !== String(school.urn)) return false;
    if (
      postcode !== null &&
      !compactPostcode(school.address.postcode).startsWith(compactPostcode(postcode))
    )
      return false;
    if (establishment !== null && establishment.trim() !== school.establishmentNumber) return false;
    if (laCode !== null && laCode.trim() !== school.laCode) return false;
    return true;
  });
  return listBody(req, items, (record) => presentSchool(record, req.origin), SCHOOL_INCLUDES);
}

function getSchool(
  state: SimState,
  req: SimRequest,
  caller: Caller,
  schoolId: string,
): SimResponse {
  const found = schoolForData(state, caller, schoolId);
  if ('response' in found) return found.response;
  return {
    status: 200,
    body: {
      data: presentSchool(found.record, req.origin),
      meta: { includes: [...SCHOOL_INCLUDES] },
    },
  };
}

function partnerSchool(
  state: SimState,
  caller: Caller,
  schoolId: string,
): { record: SchoolRecord } | { response: SimResponse } {
  const record = state.schoolsById.get(schoolId);
  if (!record)
    return { response: errorResponse(404, 'not_found', `No school with id ${schoolId}`) };
  if (caller.kind !== 'partner')
    return { response: errorResponse(403, 'forbidden', 'This call needs the application token') };
  return { record };
}

function readAccessContacts(body: unknown): AccessRequestContact[] {
  if (
    typeof body !== 'object' ||
    body === null ||
    !('contacts' in body) ||
    !Array.isArray(body.contacts)
  )
    return [];
  return body.contacts.filter(
    (contact): contact is AccessRequestContact => typeof contact === 'object' && contact !== null,
  );
}

function requestAccess(
  state: SimState,
  req: SimRequest,
  caller: Caller,
  schoolId: string,
): SimResponse {
  const found = partnerSchool(state, caller, schoolId);
  if ('response' in found) return found.response;
  const { record } = found;
  record.accessRequestContacts = readAccessContacts(req.body);
  if (record.access === 'approved') {
    return {
      status: 200,
      body: { success: true, state: 'approved', message: 'Access already approved' },
    };
  }
  record.access = 'pending';
  return { status: 200, body: { success: true, state: 'pending', message: 'Access requested' } };
}

function revokeAccess(
  state: SimState,
  _req: SimRequest,
  caller: Caller,
  schoolId: string,
): SimResponse {
  const found = partnerSchool(state, caller, schoolId);
  if ('response' in found) return found.response;
  const { record } = found;
  const previous: AccessState = record.access;
  if (previous === 'approved' || previous === 'pending') {
    record.access = 'revoked';
    record.token = null;
    record.audited = false;
    return { status: 200, body: { success: true, state: 'revoked', message: 'Access revoked' } };
  }
  return { status: 200, body: { success: true, state: previous, message: 'No access to revoke' } };
}

function accessMeta(state: SimState, caller: Caller, schoolId: string): SimResponse {
  const record = state.schoolsById.get(schoolId);
  if (!record) return errorResponse(404, 'not_found', `No school with id ${schoolId}`);
  if (!visibleTo(caller, record))
    return errorResponse(403, 'forbidden', 'This token belongs to another school');
  return {
    status: 200,
    body: {
      data: {
        online: true,
        approved: record.access === 'approved',
        audited: record.access === 'approved' && record.audited,
        custom_attendance_codes: false,
      },
    },
  };
}

type Route = { method: string; match: (segments: readonly string[]) => Handler | null };

const ROUTES: readonly Route[] = [
  {
    method: 'GET',
    match: ([a, b, c]) =>
      a === 'schools' && c === undefined && (b === undefined || (b in SCHOOL_LISTS && b !== ''))
        ? (s, r, caller) => listSchools(s, r, caller, b ?? '')
        : null,
  },
  {
    method: 'GET',
    match: ([a, b, c]) =>
      a === 'schools' && b === 'all' && c === undefined ? (s, r) => searchAllSchools(s, r) : null,
  },
  {
    method: 'GET',
    match: ([a, id, c]) =>
      a === 'schools' &&
      id !== undefined &&
      !(id in SCHOOL_LISTS) &&
      id !== 'all' &&
      c === undefined
        ? (s, r, caller) => getSchool(s, r, caller, id)
        : null,
  },
  {
    method: 'POST',
    match: ([a, id, c, d]) =>
      a === 'schools' && id !== undefined && c === 'request-access' && d === undefined
        ? (s, r, caller) => requestAccess(s, r, caller, id)
        : null,
  },
  {
    method: 'DELETE',
    match: ([a, id, c, d]) =>
      a === 'schools' && id !== undefined && c === 'revoke-access' && d === undefined
        ? (s, r, caller) => revokeAccess(s, r, caller, id)
        : null,
  },
  {
    method: 'GET',
    match: ([a, b, id, d]) =>
      a === 'meta' && b === 'schools' && id !== undefined && d === undefined
        ? (s, _r, caller) => accessMeta(s, caller, id)
        : null,
  },
  {
    method: 'GET',
    match: ([a, id, c, d]) =>
      a === 'schools' &&
      id !== undefined &&
      d === undefined &&
      c !== undefined &&
      (c in PERSON_SEGMENTS || c === 'students-leaver')
        ? (s, r, caller) => listPeople(s, r, caller, id, c)
        : null,
  },
  {
    method: 'GET',
    match: ([a, id, c, pid, e]) =>
      a === 'schools' &&
      id !== undefined &&
      c !== undefined &&
      c in PERSON_SEGMENTS &&
      pid !== undefined &&
      e === undefined
        ? (s, r, caller) => getPerson(s, r, caller, id, c, pid)
        : null,
  },
  {
    method: 'GET',
    match: ([a, id, c, d]) =>
      a === 'schools' && id !== undefined && c === 'deletions' && d === undefined
        ? (s, r, caller) => listDeletions(s, r, caller, id)
        : null,
  },
  {
    method: 'GET',
    match: ([a, id, c, d]) =>
      a === 'schools' && id !== undefined && c === 'counts' && d === undefined
        ? (s, r, caller) => counts(s, r, caller, id)
        : null,
  },
];

/**
 * Answers one request to the Wonde v1.0 surface. Authentication comes first, as in Wonde: an
 * unknown path with a bad token is still a 401.
 */
export function handleWondeApiRequest(state: SimState, req: SimRequest): SimResponse {
  const caller = authenticate(state, req.authorization);
  if (!caller) {
    return {
      ...errorResponse(401, 'unauthenticated', 'Missing or invalid API token'),
      headers: { 'www-authenticate': 'Bearer' },
    };
  }
  let segments: string[];
  try {
    segments = req.path
      .replace(/^\/v1\.0\/?/, '')
      .split('/')
      .filter((segment) => segment !== '')
      .map(decodeURIComponent);
  } catch {
    return errorResponse(404, 'not_found', `No route for ${req.path}`);
  }
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  let allowed = false;
  for (const route of ROUTES) {
    const handler = route.match(segments);
    if (!handler) continue;
    if (route.method === method) return handler(state, req, caller);
    allowed = true;
  }
  if (allowed) return errorResponse(405, 'method_not_allowed', `${req.method} is not allowed here`);
  return errorResponse(404, 'not_found', `No route for ${req.path}`);
}
