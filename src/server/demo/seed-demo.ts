import type { Db } from '../db/client';
import { createUser } from '../features/users/users.service';
import { createOrganisation } from '../features/organisations/create-organisation';
import { countOrganisations } from '../features/organisations/organisations.repo';
import { insertSchool } from '../features/schools/schools.repo';

export const DEMO = {
  organisation: 'Oakfield Learning Trust',
  schools: [
    { name: 'Oakfield Primary School', urn: '100001' },
    { name: 'Oakfield Academy', urn: '100002' },
  ],
  admin: { email: 'admin@oakfield.example', name: 'Alex Morgan', password: 'oakfield-demo-2026' },
} as const;

/**
 * Creates the demo trust, its schools (those the demo's Wonde serves, so they can be connected
 * by URN) and an admin, once: only into a database that has no organisation yet. Returns
 * whether it seeded.
 */
export async function seedDemo(
  db: Db,
  schools: ReadonlyArray<{ name: string; urn: string }> = DEMO.schools,
): Promise<boolean> {
  if ((await countOrganisations(db)) > 0) return false;
  await db.transaction(async (tx) => {
    const organisation = await createOrganisation(tx, { name: DEMO.organisation, kind: 'trust' });
    for (const school of schools) {
      await insertSchool(tx, { organisationId: organisation.id, ...school, wondeSchoolId: null });
    }
    await createUser(tx, organisation.id, null, {
      ...DEMO.admin,
      role: 'admin',
      allSchools: true,
    });
  });
  return true;
}
