import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type {
  CreateIncidentInputSchema,
  Incident,
  IncidentHistoryEntry,
  IncidentListQuerySchema,
  IncidentSummary,
  UpdateIncidentInputSchema,
  ChangeStatusInputSchema,
} from '../../../shared/incidents-api';
import type { Db } from '../../db/client';
import { AppError, invalidField, notFound, uniqueViolationOf } from '../../lib/errors';
import { londonDate } from '../../lib/london-time';
import type { Actor, Scope } from '../../access/scope';
import { findLocationOfSchool } from '../locations/locations.service';
import { findPersonInScope } from '../people/people.service';
import { findSchoolInScope, requireSchool } from '../../access/schools';
import {
  countIncidentRows,
  filterConditions,
  findByIdempotencyKey,
  findChildren,
  findIncident,
  insertHistory,
  insertIncident,
  listHistory,
  listIncidentRows,
  nextIncidentNumber,
  replaceActions,
  replaceInjuries,
  updateIncidentRow,
  type IncidentDetailRow,
  type IncidentListFilters,
  type IncidentRow,
  type NewIncident,
} from './incidents.repo';
import { assessRiddor } from './riddor';
import { changesBetween, presentIncident, presentSummary } from './incidents.view';
import { authorize, authorizeIncidentEdit, can } from '../../access/policy';

export type CreateIncident = z.output<typeof CreateIncidentInputSchema>;
export type UpdateIncident = z.output<typeof UpdateIncidentInputSchema>;
export type ChangeStatus = z.output<typeof ChangeStatusInputSchema>;
export type ListQuery = z.output<typeof IncidentListQuerySchema>;

/** Clocks on phones and office PCs drift; an incident a few minutes "ahead" is not refused. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

function checkOccurredAt(iso: string, path = 'occurredAt'): Date {
  const at = new Date(iso);
  if (at.getTime() > Date.now() + FUTURE_TOLERANCE_MS)
    throw invalidField(path, 'must not be in the future');
  if (at.getUTCFullYear() < 2000) throw invalidField(path, 'is too long ago');
  return at;
}

/** The person columns of an incident; every choice of person sets each of them. */
async function resolvePerson(
  db: Db,
  scope: Scope,
  schoolId: string,
  person: CreateIncident['person'],
) {
  if (person.kind !== 'directory') {
    // Someone entered by hand, or named offline to match: only the name (and a visitor's
    // contact) is known; a match later fills in the rest from the directory.
    return {
      personKind: person.personType,
      personId: null,
      personName: person.name,
      personYearGroup: null,
      personOccupation: null,
      personContact: person.kind === 'manual' ? person.contact : null,
      personUnmatched: person.kind === 'unmatched',
    };
  }
  const found = await findPersonInScope(db, scope, person.personId);
  if (!found) throw invalidField('person.personId', 'is not a person in your schools');
  // The right child is one of this school's: a namesake at another school of the trust is not.
  if (found.schoolId !== schoolId) {
    throw invalidField('person.personId', 'is not a pupil or member of staff of this school');
  }
  return {
    personKind: found.type,
    personId: found.id,
    personName: `${found.firstName} ${found.lastName}`.trim(),
    personYearGroup: found.type === 'pupil' ? found.ncYear : null,
    personOccupation: found.type === 'staff' ? found.occupation : null,
    personContact: null,
    personUnmatched: false,
  };
}

async function resolveLocation(
  db: Db,
  scope: Scope,
  schoolId: string,
  locationId: string | null | undefined,
  locationDetail: string | null | undefined,
) {
  if (locationId) {
    const location = await findLocationOfSchool(db, scope, schoolId, locationId);
    if (!location) throw invalidField('locationId', 'is not a place of this school');
  } else if (!locationDetail) {
    throw invalidField('locationId', 'choose a place or describe where it happened');
  }
  return { locationId: locationId ?? null, locationDetail: locationDetail ?? null };
}

type RiddorColumns = Pick<
  NewIncident,
  | 'workRelated'
  | 'workRelatedReason'
  | 'takenDirectlyToHospital'
  | 'specifiedInjury'
  | 'incapacityStartDate'
  | 'incapacityDays'
  | 'riddorDecision'
  | 'riddorReference'
  | 'riddorReportedOn'
  | 'riddorReportedBy'
  | 'riddorSuggestion'
  | 'riddorDeadline'
>;

/** The stored RIDDOR answers and the assessment they lead to, kept in step on every write. */
function riddorColumns(
  row: Omit<RiddorColumns, 'riddorSuggestion' | 'riddorDeadline'> & {
    personKind: IncidentRow['personKind'];
    occurredAt: Date;
    outcome: string;
  },
): RiddorColumns {
  const assessment = assessRiddor(
    {
      personKind: row.personKind,
      accidentDate: londonDate(row.occurredAt),
      outcome: row.outcome,
      workRelated: row.workRelated ?? null,
      takenDirectlyToHospital: row.takenDirectlyToHospital ?? null,
      specifiedInjury: row.specifiedInjury ?? null,
      incapacityDays: row.incapacityDays ?? null,
      decision: row.riddorDecision ?? 'undecided',
      reportedOn: row.riddorReportedOn ?? null,
    },
    londonDate(),
  );
  return {
    workRelated: row.workRelated ?? null,
    workRelatedReason: row.workRelatedReason ?? null,
    takenDirectlyToHospital: row.takenDirectlyToHospital ?? null,
    specifiedInjury: row.specifiedInjury ?? null,
    incapacityStartDate: row.incapacityStartDate ?? null,
    incapacityDays: row.incapacityDays ?? null,
    riddorDecision: row.riddorDecision ?? 'undecided',
    riddorReference: row.riddorReference ?? null,
    riddorReportedOn: row.riddorReportedOn ?? null,
    riddorReportedBy: row.riddorReportedBy ?? null,
    riddorSuggestion: assessment.suggestion,
    riddorDeadline: assessment.deadline,
  };
}

function riddorInputColumns(riddor: Partial<CreateIncident['riddor']>) {
  return {
    ...(riddor.workRelated !== undefined ? { workRelated: riddor.workRelated } : {}),
    ...(riddor.workRelatedReason !== undefined
      ? { workRelatedReason: riddor.workRelatedReason }
      : {}),
    ...(riddor.takenDirectlyToHospital !== undefined
      ? { takenDirectlyToHospital: riddor.takenDirectlyToHospital }
      : {}),
    ...(riddor.specifiedInjury !== undefined ? { specifiedInjury: riddor.specifiedInjury } : {}),
    ...(riddor.incapacityStartDate !== undefined
      ? { incapacityStartDate: riddor.incapacityStartDate }
      : {}),
    ...(riddor.incapacityDays !== undefined ? { incapacityDays: riddor.incapacityDays } : {}),
    ...(riddor.decision !== undefined ? { riddorDecision: riddor.decision } : {}),
    ...(riddor.reference !== undefined ? { riddorReference: riddor.reference } : {}),
    ...(riddor.reportedOn !== undefined ? { riddorReportedOn: riddor.reportedOn } : {}),
    ...(riddor.reportedBy !== undefined ? { riddorReportedBy: riddor.reportedBy } : {}),
  };
}

/** The incident as the API shows it, in summary (no injuries or actions read). */
export async function getIncidentSummary(
  db: Db,
  scope: Scope,
  id: string,
): Promise<IncidentSummary> {
  const row = await findIncident(db, scope, id);
  if (!row) throw notFound('Incident');
  return presentSummary(row);
}

export async function getIncident(db: Db, scope: Scope, id: string): Promise<Incident> {
  const row = await findIncident(db, scope, id);
  if (!row) throw notFound('Incident');
  return presentIncident(row, await findChildren(db, scope, id));
}

/** Unique indexes of incidents (schema.ts) a create can run into. */
const NUMBER_TAKEN = 'incidents_organisation_number_key';
const KEY_USED = 'incidents_idempotency_key';

type Idempotency = { key: string; fingerprint: string };

/**
 * What tells a retry from a different request under the same key: a SHA-256 of the validated
 * body. zod builds its output in the schema's key order, so the same request always hashes the
 * same, whatever order its JSON came in.
 */
function fingerprintOf(input: CreateIncident): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

/**
 * The answer to a key this user already logged an incident with: that incident for the same
 * request, a conflict for a different one; null if the key is new. The incident is returned as
 * it is now, edits since included, and through the caller's scope like any read.
 */
async function replayOf(
  db: Db,
  actor: Actor,
  idempotency: Idempotency,
): Promise<CreatedIncident | null> {
  const earlier = await findByIdempotencyKey(
    db,
    actor.organisationId,
    actor.userId,
    idempotency.key,
  );
  if (!earlier) return null;
  if (earlier.fingerprint !== idempotency.fingerprint) {
    throw new AppError(
      'conflict',
      'This Idempotency-Key was already used for a different incident. Send a new key for a new incident.',
    );
  }
  return { incident: await getIncident(db, actor.scope, earlier.id), replayed: true };
}

export type CreatedIncident = {
  incident: Incident;
  /** True when an earlier request with the same Idempotency-Key logged it. */
  replayed: boolean;
};

export async function createIncident(
  db: Db,
  actor: Actor,
  input: CreateIncident,
  idempotencyKey?: string,
): Promise<CreatedIncident> {
  authorize(actor, 'incident.create');
  const idempotency = idempotencyKey
    ? { key: idempotencyKey, fingerprint: fingerprintOf(input) }
    : null;
  // A retry is answered before the checks below: the incident stands, whatever changed since.
  const earlier = idempotency ? await replayOf(db, actor, idempotency) : null;
  if (earlier) return earlier;
  if (!(await findSchoolInScope(db, actor.scope, input.schoolId)))
    throw invalidField('schoolId', 'is not one of your schools');
  const occurredAt = checkOccurredAt(input.occurredAt);
  const person = await resolvePerson(db, actor.scope, input.schoolId, input.person);
  const location = await resolveLocation(
    db,
    actor.scope,
    input.schoolId,
    input.locationId,
    input.locationDetail,
  );
  const values: Omit<NewIncident, 'number'> = {
    organisationId: actor.organisationId,
    schoolId: input.schoolId,
    occurredAt,
    reportedByUserId: actor.userId,
    ...location,
    ...person,
    category: input.category,
    description: input.description,
    headInjury: input.headInjury,
    firstAidGiven: input.firstAidGiven,
    firstAidBy: input.firstAidBy,
    firstAidDetails: input.firstAidDetails,
    outcome: input.outcome,
    witnesses: input.witnesses,
    immediateActions: input.immediateActions,
    ...riddorColumns({
      ...riddorInputColumns(input.riddor),
      personKind: person.personKind,
      occurredAt,
      outcome: input.outcome,
    }),
    idempotencyKey: idempotency?.key ?? null,
    idempotencyFingerprint: idempotency?.fingerprint ?? null,
  };

  // Numbers are per organisation; two reports at the same moment race for one, so retry. The
  // same key sent twice at once meets the key's index instead: the first one's answer is given.
  for (let attempt = 1; ; attempt++) {
    try {
      const id = await db.transaction(async (tx) => {
        const row = await insertIncident(tx, {
          ...values,
          number: await nextIncidentNumber(tx, actor.organisationId),
        });
        await replaceInjuries(
          tx,
          row.id,
          input.injuries.map((j) => ({ ...j, side: j.side ?? null })),
        );
        await replaceActions(
          tx,
          row.id,
          input.followUpActions.map((a) => ({
            description: a.description,
            owner: a.owner,
            dueOn: a.dueOn ?? null,
            doneAt: a.done ? new Date() : null,
          })),
        );
        await insertHistory(tx, {
          incidentId: row.id,
          actorUserId: actor.userId,
          action: 'created',
          changes: null,
        });
        return row.id;
      });
      return { incident: await getIncident(db, actor.scope, id), replayed: false };
    } catch (error) {
      const index = uniqueViolationOf(error);
      if (idempotency && index === KEY_USED) {
        const replay = await replayOf(db, actor, idempotency);
        if (replay) return replay;
      }
      if (index !== NUMBER_TAKEN || attempt >= 5) throw error;
    }
  }
}

/** RIDDOR fields a manager may still record on a closed incident: the report often comes later. */
const RIDDOR_RECORD_FIELDS = new Set(['decision', 'reference', 'reportedOn', 'reportedBy']);

function isRiddorRecordOnly(actor: Actor, input: UpdateIncident): boolean {
  if (!can(actor, 'incident.review')) return false;
  const { version: _version, riddor, ...rest } = input;
  const touched = Object.entries(rest).filter(([, v]) => v !== undefined);
  return (
    touched.length === 0 &&
    riddor !== undefined &&
    Object.entries(riddor).every(
      ([key, value]) => value === undefined || RIDDOR_RECORD_FIELDS.has(key),
    )
  );
}

const staleVersion = () =>
  new AppError(
    'conflict',
    'Someone else changed this incident since you opened it. Reload it and try again.',
  );

export async function updateIncident(
  db: Db,
  actor: Actor,
  id: string,
  input: UpdateIncident,
): Promise<Incident> {
  authorize(actor, 'incident.edit');
  const found = await findIncident(db, actor.scope, id);
  if (!found) throw notFound('Incident');
  const current = found.incident;
  authorizeIncidentEdit(actor, current);
  if (current.status === 'closed' && !isRiddorRecordOnly(actor, input)) {
    throw new AppError(
      'conflict',
      'This incident is closed; reopen it to change it (the RIDDOR report can still be recorded).',
    );
  }
  if (current.version !== input.version) throw staleVersion();

  const before = presentIncident(found, await findChildren(db, actor.scope, id));
  const occurredAt =
    input.occurredAt === undefined ? current.occurredAt : checkOccurredAt(input.occurredAt);
  const person = input.person
    ? await resolvePerson(db, actor.scope, current.schoolId, input.person)
    : null;
  const locationTouched = input.locationId !== undefined || input.locationDetail !== undefined;
  const location = locationTouched
    ? await resolveLocation(
        db,
        actor.scope,
        current.schoolId,
        input.locationId === undefined ? current.locationId : input.locationId,
        input.locationDetail === undefined ? current.locationDetail : input.locationDetail || null,
      )
    : null;
  const personKind = person?.personKind ?? current.personKind;
  const outcome = input.outcome ?? current.outcome;
  // An optional text field: absent leaves it, empty clears it.
  const text = <K extends string>(key: K, value: string | null | undefined) =>
    value === undefined ? {} : ({ [key]: value || null } as Record<K, string | null>);
  const values: Partial<NewIncident> = {
    occurredAt,
    ...(person ?? {}),
    ...(location ?? {}),
    ...(input.category !== undefined ? { category: input.category } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.headInjury !== undefined ? { headInjury: input.headInjury } : {}),
    ...(input.firstAidGiven !== undefined ? { firstAidGiven: input.firstAidGiven } : {}),
    ...text('firstAidBy', input.firstAidBy),
    ...text('firstAidDetails', input.firstAidDetails),
    ...(input.outcome !== undefined ? { outcome: input.outcome } : {}),
    ...text('witnesses', input.witnesses),
    ...text('immediateActions', input.immediateActions),
    ...riddorColumns({
      ...current,
      ...riddorInputColumns(input.riddor ?? {}),
      personKind,
      occurredAt,
      outcome,
    }),
  };

  return db.transaction(async (tx) => {
    const updated = await updateIncidentRow(tx, id, input.version, values);
    if (!updated) throw staleVersion();
    if (input.injuries) {
      await replaceInjuries(
        tx,
        id,
        input.injuries.map((j) => ({ ...j, side: j.side ?? null })),
      );
    }
    if (input.followUpActions) {
      const wasDone = new Map(before.followUpActions.map((a) => [a.description, a.done]));
      await replaceActions(
        tx,
        id,
        input.followUpActions.map((a) => ({
          description: a.description,
          owner: a.owner,
          dueOn: a.dueOn ?? null,
          doneAt: (a.done ?? wasDone.get(a.description)) ? new Date() : null,
        })),
      );
    }
    const after = await getIncident(tx, actor.scope, id);
    await insertHistory(tx, {
      incidentId: id,
      actorUserId: actor.userId,
      action: 'updated',
      changes: changesBetween(before, after),
    });
    return after;
  });
}

const TRANSITIONS: Record<IncidentRow['status'], Array<IncidentRow['status']>> = {
  open: ['under_review', 'closed'],
  under_review: ['open', 'closed'],
  closed: ['open'],
};

/** Review, close (with a manager's sign-off) or reopen an incident. */
export async function changeIncidentStatus(
  db: Db,
  actor: Actor,
  id: string,
  input: ChangeStatus,
): Promise<Incident> {
  authorize(actor, 'incident.review');
  const found = await findIncident(db, actor.scope, id);
  if (!found) throw notFound('Incident');
  const current = found.incident;
  if (current.version !== input.version) throw staleVersion();
  if (!TRANSITIONS[current.status].includes(input.status)) {
    throw invalidField('status', `cannot go from ${current.status} to ${input.status}`);
  }
  // The signed-off record must say who it was about; a name typed offline may not be them.
  if (input.status === 'closed' && current.personUnmatched)
    throw invalidField('person', 'Match the person to the school’s records before signing off.');
  if (input.status === 'closed' && !input.note)
    throw invalidField('note', 'is required to close an incident (the sign-off)');
  const closing = input.status === 'closed';
  await db.transaction(async (tx) => {
    const updated = await updateIncidentRow(tx, id, input.version, {
      status: input.status,
      closedByUserId: closing ? actor.userId : null,
      closedAt: closing ? new Date() : null,
      closureNote: closing ? input.note : null,
    });
    if (!updated) throw staleVersion();
    await insertHistory(tx, {
      incidentId: id,
      actorUserId: actor.userId,
      action: 'status_changed',
      changes: {
        status: [current.status, input.status],
        ...(input.note ? { note: [null, input.note] } : {}),
      },
    });
  });
  return getIncident(db, actor.scope, id);
}

export async function getIncidentHistory(
  db: Db,
  scope: Scope,
  id: string,
): Promise<IncidentHistoryEntry[]> {
  if (!(await findIncident(db, scope, id))) throw notFound('Incident');
  return (await listHistory(db, scope, id)).map((h) => ({
    at: h.at.toISOString(),
    actor: h.actorId && h.actorName ? { id: h.actorId, name: h.actorName } : null,
    action: h.action,
    changes: h.changes,
  }));
}

function encodeCursor(row: IncidentRow): string {
  return Buffer.from(`${row.occurredAt.toISOString()}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { occurredAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const occurredAt = new Date(at ?? '');
  if (!id || Number.isNaN(occurredAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw invalidField('cursor', 'is not a cursor from this list');
  }
  return { occurredAt, id };
}

/** Checks a school filter against the scope: another school is as unknown as any id. */
async function checkFilters(db: Db, scope: Scope, filters: IncidentListFilters): Promise<void> {
  if (filters.schoolId) await requireSchool(db, scope, filters.schoolId);
}

export async function listIncidents(
  db: Db,
  scope: Scope,
  query: ListQuery,
): Promise<{ incidents: IncidentSummary[]; nextCursor: string | null; total: number }> {
  await checkFilters(db, scope, query);
  const where = filterConditions(scope, query, londonDate());
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const [rows, total] = await Promise.all([
    listIncidentRows(db, where, { limit: query.limit + 1, after }),
    countIncidentRows(db, where),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    incidents: page.map(presentSummary),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.incident) : null,
    total,
  };
}

/** Every incident matching the filters, oldest first, for the export (in pages of 500). */
export async function* allIncidents(
  db: Db,
  scope: Scope,
  filters: IncidentListFilters,
): AsyncGenerator<{ row: IncidentDetailRow; children: Awaited<ReturnType<typeof findChildren>> }> {
  await checkFilters(db, scope, filters);
  const where = filterConditions(scope, filters, londonDate());
  let after: { occurredAt: Date; id: string } | undefined;
  for (;;) {
    const rows = await listIncidentRows(db, where, { limit: 500, after });
    for (const row of rows) yield { row, children: await findChildren(db, scope, row.incident.id) };
    const last = rows.at(-1);
    if (!last || rows.length < 500) return;
    after = { occurredAt: last.incident.occurredAt, id: last.incident.id };
  }
}
