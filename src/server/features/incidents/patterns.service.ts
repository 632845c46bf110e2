import { and, gte, sql } from 'drizzle-orm';
import type { Patterns, Person } from '../../../shared/incidents-api';
import type { Db } from '../../db/client';
import { incidents } from '../../db/schema';
import { notFound } from '../../lib/errors';
import { londonDate } from '../../lib/london-time';
import type { Scope } from '../../access/scope';
import { getOrganisation } from '../organisations/organisations.service';
import { findPersonInScope } from '../people/people.service';
import { countIncidentsByPerson } from './incident-counts.repo';
import { filterConditions, repeatCounts, type IncidentListFilters } from './incidents.repo';
import { patternCounts, repeatPeopleOf } from './incidents-patterns.repo';
import { requireSchool } from '../../access/schools';

const windowStart = (days: number) => new Date(Date.now() - days * 86_400_000);

/** The dashboard's counts over the filtered incidents, and who is a repeat right now. */
export async function getPatterns(
  db: Db,
  scope: Scope,
  filters: IncidentListFilters,
): Promise<Patterns> {
  if (filters.schoolId) await requireSchool(db, scope, filters.schoolId);
  const where = filterConditions(scope, filters, londonDate());
  const organisation = await getOrganisation(db, scope.organisationId);
  const repeatWhere = and(
    filterConditions(scope, { schoolId: filters.schoolId }, londonDate()),
    gte(incidents.occurredAt, windowStart(organisation.repeatWindowDays)),
    sql`${incidents.occurredAt} <= now()`,
  );
  const [counts, repeatPeople] = await Promise.all([
    patternCounts(db, where),
    repeatPeopleOf(db, repeatWhere, organisation.repeatThreshold),
  ]);
  return {
    ...counts,
    byCategory: counts.byCategory as Patterns['byCategory'],
    repeatPeople,
  };
}

/** A directory person and their standing in the book. */
export async function getPerson(db: Db, scope: Scope, id: string): Promise<Person> {
  const person = await findPersonInScope(db, scope, id);
  if (!person) throw notFound('Person');
  const organisation = await getOrganisation(db, scope.organisationId);
  const [counts, recent] = await Promise.all([
    countIncidentsByPerson(db, scope.organisationId, [id]),
    repeatCounts(db, scope, windowStart(organisation.repeatWindowDays), 1, [id]),
  ]);
  const inWindow = recent.get(id) ?? 0;
  return {
    id: person.id,
    type: person.type,
    firstName: person.firstName,
    lastName: person.lastName,
    school: { id: person.schoolId, name: person.schoolName },
    yearGroup: person.type === 'pupil' ? person.ncYear : null,
    occupation: person.type === 'staff' ? person.occupation : null,
    status: person.status,
    removed: person.removedAt !== null,
    incidentCount: counts.get(id) ?? 0,
    repeat: {
      flagged: inWindow >= organisation.repeatThreshold,
      count: inWindow,
      threshold: organisation.repeatThreshold,
      windowDays: organisation.repeatWindowDays,
    },
  };
}
