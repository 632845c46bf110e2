import type { z } from 'zod';
import {
  AccessBodySchema,
  AddContactBodySchema,
  AddEmployeeBodySchema,
  AddStudentBodySchema,
  ApproveBodySchema,
  DeniedFieldsBodySchema,
  FaultBodySchema,
  LatencyBodySchema,
  LeaveBodySchema,
  PersonPatchBodySchema,
  ReasonBodySchema,
} from './control-api.schemas';
import type { PersonKind } from './sim-state.store';
import { SimControlError } from './sim-controls.service';
import type { WondeSimControls } from './sim-controls.service';
import type { Json } from './wonde-json.presenter';
import { errorResponse } from './wonde-api.routes';
import type { SimRequest, SimResponse } from './wonde-api.routes';

const KIND_SEGMENTS: Readonly<Record<string, PersonKind>> = {
  students: 'student',
  employees: 'employee',
  contacts: 'contact',
};

class BadBodyError extends Error {}

function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map(
    (issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`,
  );
  throw new BadBodyError(issues.join('; '));
}

/** Plain dataset objects are JSON already; this only tells the type checker so. */
function json(value: unknown): Json {
  return value as Json;
}

const ok = (body: unknown, status = 200): SimResponse => ({ status, body: json(body) });

type ControlHandler = (
  controls: WondeSimControls,
  req: SimRequest,
) => SimResponse | Promise<SimResponse>;

function route(segments: readonly string[], method: string): ControlHandler | null {
  const [first, schoolId, second, personId, action, extra] = segments;
  if (extra !== undefined) return null;

  if (first === 'schools' && schoolId === undefined && method === 'GET')
    return (c) => ok(c.listSchools());
  if (first === 'faults' && schoolId === undefined) {
    if (method === 'GET') return (c) => ok(c.listFaults());
    if (method === 'POST')
      return (c, req) => ok(c.injectFault(parseBody(FaultBodySchema, req.body)), 201);
    if (method === 'DELETE') return (c) => (c.clearFaults(), ok({ cleared: true }));
  }
  if (first === 'latency' && schoolId === undefined && method === 'PUT') {
    return (c, req) => {
      const { ms } = parseBody(LatencyBodySchema, req.body);
      c.setLatency(ms);
      return ok({ ms });
    };
  }
  if (first === 'webhooks' && schoolId === undefined && method === 'GET')
    return (c) => ok(c.webhookDeliveries());
  if (first === 'requests' && schoolId === undefined) {
    if (method === 'GET') return (c) => ok(c.requestLog());
    if (method === 'DELETE') return (c) => (c.clearRequestLog(), ok({ cleared: true }));
  }
  if (first !== 'schools' || schoolId === undefined || second === undefined) return null;

  if (personId === undefined && method === 'POST') {
    if (second === 'approve')
      return async (c, req) =>
        ok(await c.approveSchool(schoolId, parseBody(ApproveBodySchema, req.body)));
    if (second === 'decline')
      return async (c, req) =>
        ok(await c.declineSchool(schoolId, parseBody(ReasonBodySchema, req.body)));
    if (second === 'revoke')
      return async (c, req) =>
        ok(await c.revokeSchool(schoolId, parseBody(ReasonBodySchema, req.body)));
  }
  if (personId === undefined && method === 'PUT') {
    if (second === 'access') {
      return (c, req) => {
        const { state } = parseBody(AccessBodySchema, req.body);
        c.setAccessState(schoolId, state);
        return ok({ id: schoolId, access: state, token: c.getSchoolToken(schoolId) });
      };
    }
    if (second === 'denied-fields') {
      return (c, req) => {
        const { fields } = parseBody(DeniedFieldsBodySchema, req.body);
        c.setDeniedFields(schoolId, fields);
        return ok({ id: schoolId, deniedFields: fields });
      };
    }
  }

  const kind = KIND_SEGMENTS[second];
  if (!kind) return null;
  if (personId === undefined) {
    if (method !== 'POST') return null;
    if (kind === 'student')
      return (c, req) => ok(c.addStudent(schoolId, parseBody(AddStudentBodySchema, req.body)), 201);
    if (kind === 'employee')
      return (c, req) =>
        ok(c.addEmployee(schoolId, parseBody(AddEmployeeBodySchema, req.body)), 201);
    return (c, req) => ok(c.addContact(schoolId, parseBody(AddContactBodySchema, req.body)), 201);
  }
  if (action === undefined) {
    if (method === 'GET') {
      return (c) => {
        const person = c.getPerson(schoolId, kind, personId);
        return person
          ? ok(person)
          : errorResponse(404, 'not_found', `No ${kind} with id ${personId}`);
      };
    }
    if (method === 'PATCH')
      return (c, req) =>
        ok(c.updatePerson(schoolId, kind, personId, parseBody(PersonPatchBodySchema, req.body)));
    if (method === 'DELETE') return (c) => ok(c.deletePerson(schoolId, kind, personId));
    return null;
  }
  if (method !== 'POST') return null;
  if (action === 'restore') return (c) => ok(c.restorePerson(schoolId, kind, personId));
  if (action === 'leave' && kind !== 'contact') {
    return (c, req) =>
      ok(c.markLeaver(schoolId, kind, personId, parseBody(LeaveBodySchema, req.body)));
  }
  return null;
}

/**
 * The control API under `/control`: JSON in and out, for driving the simulator from outside a
 * test process (demos, manual runs of the sync). The routes are listed in the README.
 */
export async function handleControlRequest(
  controls: WondeSimControls,
  req: SimRequest,
): Promise<SimResponse> {
  const segments = req.path
    .replace(/^\/control\/?/, '')
    .split('/')
    .filter((segment) => segment !== '');
  const handler = route(segments, req.method);
  if (!handler)
    return errorResponse(404, 'not_found', `No control route for ${req.method} ${req.path}`);
  try {
    return await handler(controls, req);
  } catch (error) {
    if (error instanceof BadBodyError) return errorResponse(400, 'validation_error', error.message);
    if (error instanceof SimControlError)
      return errorResponse(error.code === 'not_found' ? 404 : 400, error.code, error.message);
    throw error;
  }
}
