import type { School, User } from '../../../shared/api';

/** "All schools", or the names of the chosen ones. */
export function describeScope(user: Pick<User, 'allSchools' | 'schoolIds'>, schools: School[]) {
  if (user.allSchools) return 'All schools';
  if (user.schoolIds.length === 0) return 'No schools';
  const names = new Map(schools.map((school) => [school.id, school.name]));
  return user.schoolIds
    .map((id) => names.get(id) ?? 'A school you cannot see')
    .sort((a, b) => a.localeCompare(b, 'en-GB'))
    .join(', ');
}
