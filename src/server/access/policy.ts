/**
 * Who may do what: the one table of Plaster's roles. Routes only ask who is calling
 * (`requireActor`); each service calls `authorize` before it reads or changes anything, and
 * limits its queries to the caller's schools with `inScope` (scope.ts). A rule that needs the
 * whole organisation is refused to a user of some schools, whatever their role. What an admin may
 * grant other users is in user-grants.ts.
 */
import { PERMISSIONS, type Permission, type Role } from '../../shared/api';
import { AppError } from '../lib/errors';
import type { Actor } from './scope';

type Rule = {
  roles: readonly Role[];
  /** Only for users of every school: the setting or record belongs to the whole organisation. */
  wholeOrganisation?: true;
  /** What the refusal says. */
  refusal: string;
};

const EVERYONE: readonly Role[] = ['admin', 'manager', 'reporter', 'viewer'];
const STAFF_WHO_REPORT: readonly Role[] = ['admin', 'manager', 'reporter'];
const MANAGERS: readonly Role[] = ['admin', 'manager'];
const ADMINS: readonly Role[] = ['admin'];

const RULES = {
  // Everyone signed in reads what is in their schools (their scope decides which rows): the
  // incident book, the directory, the schools, the organisation's settings and templates.
  // What more each role may do:
  'incident.create': { roles: STAFF_WHO_REPORT, refusal: 'Viewers cannot log incidents.' },
  /** Reporters change only incidents they logged; see `mayEditIncident`. */
  'incident.edit': { roles: STAFF_WHO_REPORT, refusal: 'You cannot change this incident.' },
  /** The Needs attention page: what managers and admins act on. */
  'attention.read': { roles: MANAGERS, refusal: 'Needs attention is for managers and admins.' },
  'incident.review': {
    roles: MANAGERS,
    refusal: 'Only managers and admins change the status of an incident.',
  },
  /** A family's contact details, read live from the MIS for an incident; each read is audited. */
  'contacts.read': { roles: STAFF_WHO_REPORT, refusal: 'Viewers cannot see contact details.' },
  'family.notify': { roles: STAFF_WHO_REPORT, refusal: 'Viewers cannot contact families.' },
  /** Who an email went to, and why it failed: contact details, as above. */
  'notification.recipients': {
    roles: STAFF_WHO_REPORT,
    refusal: 'Viewers cannot see who was emailed.',
  },
  // A school's settings, for admins of that school.
  'school.edit': { roles: ADMINS, refusal: 'This needs the admin role.' },
  'location.manage': { roles: ADMINS, refusal: 'This needs the admin role.' },
  'wonde.manage': { roles: ADMINS, refusal: 'This needs the admin role.' },
  'user.manage': { roles: ADMINS, refusal: 'This needs the admin role.' },
  'audit.read': { roles: ADMINS, refusal: 'This needs the admin role.' },
  // The organisation's own settings, which every school shares.
  'organisation.edit': {
    roles: ADMINS,
    wholeOrganisation: true,
    refusal: 'This needs an admin of the whole organisation.',
  },
  'school.create': {
    roles: ADMINS,
    wholeOrganisation: true,
    refusal: 'Adding a school needs an admin of the whole organisation.',
  },
  'template.edit': {
    roles: ADMINS,
    wholeOrganisation: true,
    refusal: "The organisation's email wording is changed by an admin of the whole organisation.",
  },
  'sso.manage': {
    roles: ADMINS,
    wholeOrganisation: true,
    refusal: 'Single sign-on is set by an admin of the whole organisation.',
  },
  /** The demo's caught mail: everyone, each seeing mail about incidents they can see. */
  'demo.mail': { roles: EVERYONE, refusal: 'You cannot see the demo mailbox.' },
} satisfies Record<Permission, Rule>;

export type Action = Permission;

/** Every action the actor may take: what the web app is told, to show only what works. */
export function permissionsOf(actor: Actor): Permission[] {
  return PERMISSIONS.filter((action) => can(actor, action));
}

/** Whether the actor may take the action at all (rows still come through their scope). */
export function can(actor: Actor, action: Action): boolean {
  const rule: Rule = RULES[action];
  if (!rule.roles.includes(actor.role)) return false;
  return !rule.wholeOrganisation || actor.scope.schoolIds === 'all';
}

/** Throws forbidden unless the actor may take the action. */
export function authorize(actor: Actor, action: Action): void {
  if (!can(actor, action)) throw new AppError('forbidden', RULES[action].refusal);
}

/** Managers and admins change any incident in their schools; reporters the ones they logged. */
function mayEditIncident(actor: Actor, incident: { reportedByUserId: string | null }) {
  if (!can(actor, 'incident.edit')) return false;
  return actor.role !== 'reporter' || incident.reportedByUserId === actor.userId;
}

/** Throws forbidden unless the actor may change this incident. */
export function authorizeIncidentEdit(
  actor: Actor,
  incident: { reportedByUserId: string | null },
): void {
  if (!mayEditIncident(actor, incident))
    throw new AppError('forbidden', RULES['incident.edit'].refusal);
}
