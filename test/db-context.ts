/** Which engine the suite runs on: TEST_DB=pglite (the default) or TEST_DB=postgres. */
export function testEngine(): 'pglite' | 'postgres' {
  const engine = process.env.TEST_DB ?? 'pglite';
  if (engine !== 'pglite' && engine !== 'postgres') {
    throw new Error(`TEST_DB must be pglite or postgres, not "${engine}"`);
  }
  return engine;
}

/** The URL of a database on the test server (TEST_DATABASE_URL, default the local one). */
export function postgresUrlFor(database: string): string {
  const url = new URL(
    process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  );
  url.pathname = `/${database}`;
  return url.toString();
}

export type TestDbContext =
  { engine: 'pglite'; templatePath: string } | { engine: 'postgres'; template: string };
