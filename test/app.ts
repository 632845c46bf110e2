import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Db } from '../src/server/db/client';
import { buildApp } from '../src/server/http/app';
import type { Operations } from '../src/server/http/operations.routes';
import type { WondeContext } from '../src/server/features/wonde/wonde-context';
import type { NotificationsContext, SessionSettings, SsoContext } from '../src/server/deps';
import type { JobDeps } from '../src/server/jobs/job';
import { createLogger } from '../src/server/lib/logger';
import { createSecretBox } from '../src/server/lib/secret-box';
import { createTestDatabase } from './db';
import type { MailCatcher } from '../src/server/email/mail-catcher';

export const testSessions: SessionSettings = {
  secret: 'a-test-only-session-secret-of-enough-length',
  idleMinutes: 60,
  maxHours: 12,
};

export type TestApp = {
  app: FastifyInstance;
  db: Db;
  /** Every line the server logged, as written. */
  logs: string[];
  /** Closes the database under the running app, as an outage would take it away. */
  closeDatabase(): Promise<void>;
  close(): Promise<void>;
};

/** The real app on a fresh database of its own, with its log output captured. */
/** A Wonde context with no Wonde configured, for tests that do not touch Wonde. */
export const unusedWonde: WondeContext = {
  client: null,
  baseUrl: 'http://127.0.0.1:9/v1.0',
  partnerToken: null,
  secrets: createSecretBox(Buffer.alloc(32, 7)),
  webhookSecret: null,
  releaseAfterDays: 14,
  enqueueSync: () => Promise.reject(new Error('no job queue in this test')),
};

/**
 * Single sign-on reaching nothing outside: the real issuers (unreachable from tests) and a DNS
 * server on a port where none listens. Tests of SSO give their own identity provider and DNS.
 */
export const unusedSso: SsoContext = { issuerOverrides: {}, dnsServers: ['127.0.0.1:9'] };

/** Emails handed to the queue; tests deliver them with deliverNotification. */
export function recordingNotifications(): NotificationsContext & { queued: string[] } {
  const queued: string[] = [];
  return {
    queued,
    enqueueEmail: (id) => {
      queued.push(id);
      return Promise.resolve();
    },
  };
}

/** What a job handler is given, for tests that call handlers directly. */
export function testJobDeps(db: Db, overrides: Partial<JobDeps> = {}): JobDeps {
  return {
    db,
    sessions: testSessions,
    logger: createLogger({ level: 'silent' }),
    secureCookies: false,
    publicUrl: 'http://127.0.0.1',
    secrets: unusedWonde.secrets,
    wonde: unusedWonde,
    mailer: null,
    mailCatcher: null,
    notifications: recordingNotifications(),
    sso: unusedSso,
    ...overrides,
  };
}

export async function createTestApp(
  options: {
    notifications?: NotificationsContext;
    publicUrl?: string;
    secureCookies?: boolean;
    sessions?: Partial<SessionSettings>;
    wonde?: WondeContext;
    /** The demo's mail server, whose catch GET /api/v1/demo/mail shows. */
    mailCatcher?: MailCatcher;
    /** The identity providers and DNS server single sign-on uses. */
    sso?: SsoContext;
    /** How much the app logs into `logs` (debug unless said). */
    logLevel?: string;
    requestLogLevel?: 'info' | 'debug';
    operations?: Operations;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const logs: string[] = [];
  const logger = createLogger({
    level: options.logLevel ?? 'debug',
    destination: { write: (line) => logs.push(line) },
  });
  const app = await buildApp({
    db: database.db,
    sessions: { ...testSessions, ...options.sessions },
    secureCookies: options.secureCookies ?? false,
    trustProxy: false,
    wonde: options.wonde ?? unusedWonde,
    notifications: options.notifications ?? recordingNotifications(),
    mailer: null,
    mailCatcher: options.mailCatcher ?? null,
    sso: options.sso ?? unusedSso,
    secrets: unusedWonde.secrets,
    publicUrl: options.publicUrl ?? 'http://127.0.0.1',
    logger,
    webRoot: '/nonexistent-web-root',
    ...(options.requestLogLevel ? { requestLogLevel: options.requestLogLevel } : {}),
    ...(options.operations ? { operations: options.operations } : {}),
  });
  await app.ready();
  let closed = false;
  return {
    app,
    db: database.db,
    logs,
    async closeDatabase() {
      if (closed) return;
      closed = true;
      await database.close();
    },
    async close() {
      await app.close();
      if (!closed) await database.close();
    },
  };
}

/** A signed-in browser: its session cookie and CSRF token. */
export type Client = {
  cookie: string;
  csrfToken: string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
};

export function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name.endsWith('plaster_session'));
  if (!cookie) throw new Error(`no session cookie in the response (status ${response.statusCode})`);
  return `${cookie.name}=${cookie.value}`;
}

export async function signIn(
  app: FastifyInstance,
  email: string,
  password: string,
): Promise<Client> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
  });
  if (response.statusCode !== 200) {
    throw new Error(`sign-in failed with ${response.statusCode}: ${response.body}`);
  }
  const cookie = sessionCookieOf(response);
  const csrfToken = response.json<{ csrfToken: string }>().csrfToken;
  return {
    cookie,
    csrfToken,
    request: (options) =>
      app.inject({
        ...options,
        headers: { cookie, 'x-csrf-token': csrfToken, ...options.headers },
      }),
  };
}
