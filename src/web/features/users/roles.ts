import type { Role } from '../../../shared/api';

export const roles: readonly Role[] = ['admin', 'manager', 'reporter', 'viewer'];

export const roleLabels: Record<Role, string> = {
  admin: 'Administrator',
  manager: 'Manager',
  reporter: 'Reporter',
  viewer: 'Viewer',
};

export const roleDescriptions: Record<Role, string> = {
  admin: 'Manages users, schools and settings, and reads the audit log.',
  manager: 'Sees every incident in their schools; handles RIDDOR, reports and exports.',
  reporter: 'Logs incidents and sees those of their schools.',
  viewer: 'Reads incidents in their schools without changing anything.',
};
