import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { buildOrganisation } from '../../../test/factories';
import { users } from '../db/schema';
import { HttpStatusError } from './http-client';
import { errorMessageForLog, hideQuotedValues, serializeError } from './error-log';
import { hashPassword } from '../features/auth/password';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('hideQuotedValues', () => {
  it.each([
    [
      'invalid input syntax for type uuid: "Ada Lovelace"',
      'invalid input syntax for type uuid: "…"',
    ],
    [
      'value "99999999999" is out of range for type integer',
      'value "…" is out of range for type integer',
    ],
    [
      `Unexpected token 'A', "Ada Lovelace" is not valid JSON`,
      `Unexpected token 'A', "…" is not valid JSON`,
    ],
    [
      'duplicate key value violates unique constraint "users_email_key"',
      'duplicate key value violates unique constraint "users_email_key"',
    ],
    [
      'null value in column "name" of relation "users" violates not-null constraint',
      'null value in column "name" of relation "users" violates not-null constraint',
    ],
    [
      'invalid byte sequence for encoding "UTF8": 0x00',
      'invalid byte sequence for encoding "UTF8": 0x00',
    ],
  ])('%s', (message, logged) => {
    expect(hideQuotedValues(message)).toBe(logged);
  });
});

describe('a failed query, as logged', () => {
  it('says what the database refused, never the parameters', async () => {
    const { organisation } = await buildOrganisation(database.db, { schools: 0 });
    const passwordHash = await hashPassword('a password for nobody to read');
    const failure: unknown = await database.db
      .insert(users)
      .values({
        organisationId: organisation.id,
        email: 'ada.pupil@school.example',
        name: 'Ada\u0000Lovelace',
        role: 'viewer',
        passwordHash,
      })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(Error);
    const logged = JSON.stringify(serializeError(failure));
    const message = errorMessageForLog(failure);
    for (const text of [logged, message]) {
      expect(text).toContain('Failed query');
      for (const secret of ['$argon2id$', 'Lovelace', 'ada.pupil', organisation.id])
        expect(text).not.toContain(secret);
    }
    expect(logged).toMatch(/"code":"\w{5}"/);
  });

  it('keeps no body or address of an HTTP answer', () => {
    const error = new HttpStatusError(
      500,
      'https://api.wonde.example/v1.0/schools/A1/students?cursor=abc',
      undefined,
      '{"data":[{"forename":"Ada","surname":"Lovelace"}]}',
    );
    const logged = JSON.stringify(serializeError(error));
    expect(logged).toContain('HTTP 500 from /v1.0/schools/A1/students');
    expect(logged).not.toContain('Lovelace');
    expect(logged).not.toContain('cursor=abc');
  });
});
