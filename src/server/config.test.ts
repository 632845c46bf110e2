import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('runs the embedded demo with no configuration at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: './data',
      databaseUrl: undefined,
      publicUrl: 'http://localhost:3000',
      demo: true,
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/plaster' }, 'DATABASE_URL'],
    [{ PUBLIC_URL: 'ftp://plaster.example' }, 'PUBLIC_URL'],
    [{ SESSION_SECRET: 'too short' }, 'SESSION_SECRET'],
    [{ SESSION_IDLE_MINUTES: '0' }, 'SESSION_IDLE_MINUTES'],
    [{ PLASTER_DEMO: 'maybe' }, 'PLASTER_DEMO'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [
      { DATABASE_URL: 'postgres://db.example/plaster', ENCRYPTION_KEY: 'ab'.repeat(32) },
      'SESSION_SECRET',
    ],
    [
      { DATABASE_URL: 'postgres://db.example/plaster', SESSION_SECRET: 'x'.repeat(32) },
      'ENCRYPTION_KEY',
    ],
    [{ ENCRYPTION_KEY: 'not a key' }, 'ENCRYPTION_KEY'],
    [{ WONDE_SYNC_INTERVAL_MINUTES: '7' }, 'WONDE_SYNC_INTERVAL_MINUTES'],
    [{ WONDE_API_URL: 'api.wonde.com' }, 'WONDE_API_URL'],
    [{ DNS_SERVERS: 'dns.example' }, 'DNS_SERVERS'],
    [{ DNS_SERVERS: '127.0.0.1:99999' }, 'DNS_SERVERS'],
    [{ DNS_SERVERS: ',' }, 'DNS_SERVERS'],
    [{ SSO_ISSUER_OVERRIDES: 'okta=https://idp.example' }, 'SSO_ISSUER_OVERRIDES'],
    [{ SSO_ISSUER_OVERRIDES: 'microsoft=ftp://idp.example' }, 'SSO_ISSUER_OVERRIDES'],
    [{ SSO_ISSUER_OVERRIDES: 'microsoft' }, 'SSO_ISSUER_OVERRIDES'],
    [
      { SSO_ISSUER_OVERRIDES: 'google=https://a.example,google=https://b.example' },
      'SSO_ISSUER_OVERRIDES',
    ],
  ])('refuses %o, naming %s', (env, variable) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${variable}: `));
  });

  it('names every bad variable at once', () => {
    expect(problemsOf({ PORT: 'x', LOG_LEVEL: 'loud' }).map((p) => p.split(':')[0])).toEqual([
      'PORT',
      'LOG_LEVEL',
    ]);
  });

  it('takes PostgreSQL with its secret, and leaves demo mode off once Wonde is configured', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://plaster@db.example:5432/plaster',
      SESSION_SECRET: 'x'.repeat(40),
      ENCRYPTION_KEY: 'ab'.repeat(32),
      WONDE_TOKEN: 'abc',
      PUBLIC_URL: 'https://plaster.example/',
    });
    expect(config).toMatchObject({
      demo: false,
      host: '0.0.0.0',
      publicUrl: 'https://plaster.example',
    });
  });

  it('reads the DNS servers for domain proofs and the SSO issuers set by the operator', () => {
    expect(loadConfig({})).toMatchObject({ dnsServers: [], ssoIssuerOverrides: {} });
    expect(
      loadConfig({
        DNS_SERVERS: '127.0.0.1:5353, [::1]:53,1.1.1.1',
        SSO_ISSUER_OVERRIDES: 'microsoft=http://127.0.0.1:4010, google=https://idp.example/google',
      }),
    ).toMatchObject({
      dnsServers: ['127.0.0.1:5353', '[::1]:53', '1.1.1.1'],
      ssoIssuerOverrides: {
        microsoft: 'http://127.0.0.1:4010',
        google: 'https://idp.example/google',
      },
    });
  });
});

describe('the README', () => {
  it('lists every environment variable of the configuration in its table, and no other', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(
      readme.indexOf('## Configuration'),
      readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1),
    );
    const listed = [...section.matchAll(/^\| `([A-Z_]+)`/gm)].map((match) => match[1]);
    expect([...listed].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });
});
