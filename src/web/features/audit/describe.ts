import type { AuditEvent, Role } from '../../../shared/api';
import { roleLabels } from '../users/roles';
import { stateLabels } from '../wonde/describe';

const actions: Record<string, string> = {
  'auth.sign_in': 'Signed in',
  'auth.sign_in_failed': 'Failed to sign in',
  'auth.sign_out': 'Signed out',
  'auth.password_changed': 'Changed their password',
  'user.created': 'Added a user',
  'user.updated': 'Changed a user',
  'school.created': 'Added a school',
  'school.updated': 'Changed a school',
  'organisation.created': 'Created the organisation',
  'organisation.updated': 'Changed the organisation',
  'wonde.access_requested': 'Requested Wonde access',
  'wonde.approved': 'Wonde access approved',
  'wonde.declined': 'Wonde access declined',
  'wonde.access_lost': 'Wonde access revoked',
  'wonde.disconnected': 'Disconnected from Wonde',
  'sso.connection_saved': 'Changed single sign-on',
  'sso.connection_removed': 'Removed single sign-on',
  'sso.settings_updated': 'Changed sign-in rules',
  'sso.domain_added': 'Added a sign-in domain',
  'sso.domain_verified': 'Verified a sign-in domain',
  'sso.domain_removed': 'Removed a sign-in domain',
};

const providerNames: Record<string, string> = { microsoft: 'Microsoft', google: 'Google' };

/** How someone signed in, when not with a password: "microsoft" in `via` of auth.sign_in. */
function signedInVia(event: AuditEvent): string | null {
  if (event.action !== 'auth.sign_in') return null;
  const via = event.changes?.via?.[1];
  return typeof via === 'string' ? (providerNames[via] ?? via) : null;
}

/** The action in words: "Deactivated a user" rather than user.updated. */
export function describeAction(event: AuditEvent): string {
  const via = signedInVia(event);
  if (via) return `Signed in with ${via}`;
  if (event.action === 'user.updated' && event.changes) {
    const fields = Object.keys(event.changes);
    const active = event.changes.active;
    if (active && fields.length === 1) {
      return active[1] === false ? 'Deactivated a user' : 'Reactivated a user';
    }
    if (fields.length === 1 && fields[0] === 'password') return 'Reset a user’s password';
  }
  return actions[event.action] ?? event.action;
}

/** The changes to list; how someone signed in is already said by the action. */
export function visibleChanges(event: AuditEvent): AuditEvent['changes'] {
  if (!signedInVia(event) || !event.changes) return event.changes;
  const { via: _via, ...rest } = event.changes;
  return Object.keys(rest).length > 0 ? rest : null;
}

/** The thing a single sign-on event is about: "Microsoft sign-in". */
export function describeSsoTarget(provider: string): string {
  return `${providerNames[provider] ?? provider} sign-in`;
}

const fieldLabels: Record<string, string> = {
  name: 'Name',
  email: 'Email',
  role: 'Role',
  allSchools: 'All schools',
  schoolIds: 'Schools',
  active: 'Active',
  password: 'Password',
  urn: 'URN',
  wondeSchoolId: 'Wonde school id',
  kind: 'Kind',
  reason: 'Reason',
  state: 'Wonde connection',
  via: 'Approval received by',
  directory: 'People in the directory',
  provider: 'Sign-in with',
  clientId: 'Client ID',
  clientSecret: 'Client secret',
  tenantId: 'Tenant ID',
  allowedDomains: 'Allowed email domains',
  issuerUrl: 'Issuer URL',
  jitEnabled: 'Create accounts on first sign-in',
  jitRole: 'Role for new accounts',
  enabled: 'Turned on',
  enforced: 'Single sign-on required',
  breakGlassUserId: 'Break-glass administrator',
  domain: 'Domain',
  verified: 'Verified',
};

/** Fields whose values are never shown, only that they changed. */
export const secretFields = new Set(['password', 'passwordHash', 'clientSecret']);

/** Words for the values of some fields; a value not listed is shown as it comes. */
const valueLabels: Record<string, Record<string, string>> = {
  state: stateLabels,
  via: { webhook: 'Notification from Wonde', polling: 'Regular check with Wonde' },
  kind: { trust: 'Trust', school: 'Standalone school' },
  provider: providerNames,
};

/** Names for the ids a change may hold. */
export type AuditNames = { schools: Map<string, string>; users: Map<string, string> };

const countFormat = new Intl.NumberFormat('en-GB');

export function describeField(field: string): string {
  const known = fieldLabels[field];
  if (known) return known;
  const words = field.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_.]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

/** A value from a change, readable: names for school and user ids, labels for roles, Yes/No. */
export function describeValue(field: string, value: unknown, names: AuditNames): string {
  const schoolNames = names.schools;
  if (value === null || value === undefined || value === '') return 'none';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (
    (field === 'role' || field === 'jitRole') &&
    typeof value === 'string' &&
    value in roleLabels
  ) {
    return roleLabels[value as Role];
  }
  if (field === 'breakGlassUserId' && typeof value === 'string') {
    return names.users.get(value) ?? 'A user no longer listed';
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    return value
      .map((item) =>
        typeof item === 'string' ? (schoolNames.get(item) ?? item) : JSON.stringify(item),
      )
      .join(', ');
  }
  if (typeof value === 'string') return valueLabels[field]?.[value] ?? value;
  if (typeof value === 'number') return countFormat.format(value);
  return JSON.stringify(value);
}
