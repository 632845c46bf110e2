import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users, userSchools } from '../../db/schema';

export type UserRow = typeof users.$inferSelect;
export type UserWithSchools = UserRow & { schoolIds: string[] };

const schoolIdsOf = sql<string[]>`coalesce(
  (select array_agg(${userSchools.schoolId}::text order by ${userSchools.schoolId})
     from ${userSchools} where ${userSchools.userId} = ${users.id}),
  '{}'::text[])`;

export async function listUsers(db: Db, organisationId: string): Promise<UserWithSchools[]> {
  return db
    .select({ user: users, schoolIds: schoolIdsOf })
    .from(users)
    .where(eq(users.organisationId, organisationId))
    .orderBy(asc(users.name), asc(users.email))
    .then((rows) => rows.map((r) => ({ ...r.user, schoolIds: r.schoolIds })));
}

export async function findUser(
  db: Db,
  organisationId: string,
  id: string,
): Promise<UserWithSchools | null> {
  const [row] = await db
    .select({ user: users, schoolIds: schoolIdsOf })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), eq(users.id, id)));
  return row ? { ...row.user, schoolIds: row.schoolIds } : null;
}

/** Sign-in looks users up across organisations: an email belongs to one user only. */
export async function findUserByEmail(db: Db, email: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  return row ?? null;
}

export async function insertUser(
  db: Db,
  values: {
    organisationId: string;
    email: string;
    name: string;
    role: UserRow['role'];
    allSchools: boolean;
    passwordHash: string | null;
  },
): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateUserRow(
  db: Db,
  organisationId: string,
  id: string,
  values: Partial<
    Pick<
      UserRow,
      'name' | 'role' | 'allSchools' | 'deactivatedAt' | 'passwordHash' | 'lastSignInAt'
    >
  >,
): Promise<void> {
  await db
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(users.organisationId, organisationId), eq(users.id, id)));
}

export async function replaceUserSchools(
  db: Db,
  userId: string,
  schoolIds: readonly string[],
): Promise<void> {
  await db.delete(userSchools).where(eq(userSchools.userId, userId));
  if (schoolIds.length > 0) {
    await db.insert(userSchools).values(schoolIds.map((schoolId) => ({ userId, schoolId })));
  }
}

/** Active admins of the organisation other than `exceptUserId`. */
export async function countOtherActiveAdmins(
  db: Db,
  organisationId: string,
  exceptUserId: string,
): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(
      and(
        eq(users.organisationId, organisationId),
        eq(users.role, 'admin'),
        isNull(users.deactivatedAt),
        ne(users.id, exceptUserId),
      ),
    );
  return row?.n ?? 0;
}

export async function findSchoolIdsOfUser(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .select({ schoolId: userSchools.schoolId })
    .from(userSchools)
    .where(eq(userSchools.userId, userId));
  return rows.map((r) => r.schoolId).sort();
}
