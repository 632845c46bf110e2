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
};

/** The action in words: "Deactivated a user" rather than user.updated. */
export function describeAction(event: AuditEvent): string {
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
};

/** Words for the values of some fields; a value not listed is shown as it comes. */
const valueLabels: Record<string, Record<string, string>> = {
  state: stateLabels,
  via: { webhook: 'Notification from Wonde', polling: 'Regular check with Wonde' },
  kind: { trust: 'Trust', school: 'Standalone school' },
};

const countFormat = new Intl.NumberFormat('en-GB');

export function describeField(field: string): string {
  const known = fieldLabels[field];
  if (known) return known;
  const words = field.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_.]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

/** A value from a change, readable: names for school ids, labels for roles, Yes/No. */
export function describeValue(
  field: string,
  value: unknown,
  schoolNames: Map<string, string>,
): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (field === 'role' && typeof value === 'string' && value in roleLabels) {
    return roleLabels[value as Role];
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
