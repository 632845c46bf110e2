import { isIP } from 'node:net';
import { z } from 'zod';
import { SSO_PROVIDERS, type SsoProvider } from '../shared/sso-api';
import { parseEncryptionKey } from './lib/secret-box';

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
    error: 'must be one of true/false, 1/0, yes/no, on/off',
  })
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const positiveInt = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .positive('must be greater than 0');

/** `1.1.1.1`, `127.0.0.1:5353`, `[2001:db8::1]:53`: an address, never a name, and a port. */
function isDnsServer(server: string): boolean {
  // A bare IPv6 address has no port; with a port it is written in brackets.
  if (isIP(server) === 6) return true;
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/.exec(server);
  if (!match) return false;
  const [, v6, v4, port = '53'] = match;
  const family = v6 === undefined ? 4 : 6;
  return isIP(v6 ?? v4 ?? '') === family && Number(port) >= 1 && Number(port) <= 65535;
}

const dnsServers = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((server) => server.trim())
      .filter(Boolean),
  )
  .refine(
    (servers) => servers.length > 0 && servers.every(isDnsServer),
    'must be DNS server addresses separated by commas, each an IP address with an optional port (127.0.0.1:5353, [::1]:53)',
  );

/**
 * `microsoft=http://127.0.0.1:4010,google=https://idp.internal`: the OpenID issuer to use for a
 * provider instead of Microsoft's or Google's own, for a local identity provider or tests.
 */
const issuerOverrides = z.string().transform((value, context) => {
  const overrides: Partial<Record<SsoProvider, string>> = {};
  for (const pair of value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [provider = '', ...rest] = pair.split('=');
    const url = rest.join('=').trim();
    const known = SSO_PROVIDERS.find((p) => p === provider.trim());
    let protocol = '';
    try {
      protocol = new URL(url).protocol;
    } catch {
      // Reported below.
    }
    if (!known || overrides[known] || !['http:', 'https:'].includes(protocol)) {
      context.addIssue({
        code: 'custom',
        message: `must be provider=URL pairs separated by commas, each provider (${SSO_PROVIDERS.join(' or ')}) once with an http:// or https:// URL; "${pair}" is not`,
      });
      return z.NEVER;
    }
    overrides[known] = url;
  }
  return overrides;
});

const EnvSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a port number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_KEEP: z.coerce
    .number({ error: 'must be a number of backups' })
    .int('must be a whole number')
    .min(0, 'must be 0 (no nightly backups) or more')
    .max(366, 'must be at most 366')
    .default(7),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_IDLE_MINUTES: positiveInt.default(60),
  SESSION_MAX_HOURS: positiveInt.default(12),
  TRUST_PROXY: booleanFlag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WONDE_TOKEN: z.string().min(1).optional(),
  WONDE_API_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .default('https://api.wonde.com/v1.0'),
  WONDE_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  WONDE_SYNC_INTERVAL_MINUTES: z.coerce
    .number({ error: 'must be a number of minutes' })
    .refine((n) => [5, 10, 15, 20, 30, 60].includes(n), 'must be 5, 10, 15, 20, 30 or 60')
    .default(30),
  WONDE_RELEASE_AFTER_DAYS: z.coerce
    .number({ error: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1')
    .max(365, 'must be at most 365')
    .default(14),
  WONDE_SYNC_STALE_AFTER_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(4, 'must be at least 4')
    .max(60, 'must be at most 60')
    .default(60),
  ENCRYPTION_KEY: z
    .string()
    .refine((k) => parseEncryptionKey(k) !== null, 'must be 32 bytes as 64 hex digits or base64')
    .optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  MAIL_FROM: z.string().min(3).default('Plaster <no-reply@plaster.invalid>'),
  SHUTDOWN_GRACE_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(1, 'must be at least 1')
    .max(600, 'must be at most 600')
    .default(30),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  PLASTER_DEMO: booleanFlag.optional(),
  RUN_JOBS_IN_SERVE: booleanFlag.optional(),
  DNS_SERVERS: dnsServers.optional(),
  SSO_ISSUER_OVERRIDES: issuerOverrides.optional(),
});

export type ConfigVariable = keyof typeof EnvSchema.shape;
/** Every environment variable Plaster reads (the README's configuration table lists each). */
export const CONFIG_VARIABLES = Object.keys(EnvSchema.shape) as ConfigVariable[];

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  /** Where the embedded database's nightly backups go: beside DATA_DIR, not in it. */
  backupDir: string;
  /** Nightly backups kept; 0: none taken. */
  backupKeep: number;
  databaseUrl: string | undefined;
  publicUrl: string;
  /** Key for hashing session ids; generated into DATA_DIR on the embedded default. */
  sessionSecret: string | undefined;
  /** AES-256 key for Wonde tokens at rest; generated into DATA_DIR on the embedded default. */
  encryptionKey: Buffer | undefined;
  wondeApiUrl: string;
  /** The Wonde partner token; unset in demo mode, where the built-in simulator stands in. */
  wondeToken: string | undefined;
  wondeWebhookSecret: string | undefined;
  syncIntervalMinutes: number;
  /** Days a directory is kept after Wonde access ended, before the Wonde school is released. */
  wondeReleaseAfterDays: number;
  /** A running sync silent this long is taken as its worker's death, and resumed elsewhere. */
  syncStaleAfterSeconds: number;
  /** Where notifications are sent through; in demo mode without one, a local catcher keeps them. */
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  trustProxy: boolean;
  logLevel: string;
  /** How long a stop (SIGTERM) may take before the process exits anyway. */
  shutdownGraceSeconds: number;
  /** Bearer token of /metrics; unset: /metrics is not served. */
  metricsToken: string | undefined;
  demo: boolean;
  /** `serve` also works the job queue; the default on the embedded database, one process in all. */
  runJobsInServe: boolean;
  /** Where SSO domain proofs (DNS TXT records) are looked up; empty for the system's servers. */
  dnsServers: readonly string[];
  /** OpenID issuers used instead of Microsoft's and Google's own: an operator's setting only. */
  ssoIssuerOverrides: Readonly<Partial<Record<SsoProvider, string>>>;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once at start; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most shells' `VAR= command`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const demo = e.PLASTER_DEMO ?? !e.WONDE_TOKEN;
  if (e.DATABASE_URL) {
    const missing = [
      !e.SESSION_SECRET &&
        'SESSION_SECRET: required when DATABASE_URL is set (at least 32 random characters, the same on every server)',
      !e.ENCRYPTION_KEY &&
        'ENCRYPTION_KEY: required when DATABASE_URL is set (32 random bytes as 64 hex digits, the same on every server)',
    ].filter((p): p is string => typeof p === 'string');
    if (missing.length > 0) throw new ConfigError(missing);
  }
  return Object.freeze({
    port: e.PORT,
    // The demo listens on this machine only; a deployment chooses its own interface.
    host: e.HOST ?? (demo ? '127.0.0.1' : '0.0.0.0'),
    dataDir: e.DATA_DIR,
    backupDir: e.BACKUP_DIR ?? `${e.DATA_DIR.replace(/\/+$/, '')}-backups`,
    backupKeep: e.BACKUP_KEEP,
    databaseUrl: e.DATABASE_URL,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    sessionSecret: e.SESSION_SECRET,
    encryptionKey: e.ENCRYPTION_KEY
      ? (parseEncryptionKey(e.ENCRYPTION_KEY) ?? undefined)
      : undefined,
    wondeApiUrl: e.WONDE_API_URL.replace(/\/+$/, ''),
    wondeToken: e.WONDE_TOKEN,
    wondeWebhookSecret: e.WONDE_WEBHOOK_SECRET,
    syncIntervalMinutes: e.WONDE_SYNC_INTERVAL_MINUTES,
    wondeReleaseAfterDays: e.WONDE_RELEASE_AFTER_DAYS,
    syncStaleAfterSeconds: e.WONDE_SYNC_STALE_AFTER_SECONDS,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
    metricsToken: e.METRICS_TOKEN,
    demo,
    runJobsInServe: e.RUN_JOBS_IN_SERVE ?? !e.DATABASE_URL,
    dnsServers: e.DNS_SERVERS ?? [],
    ssoIssuerOverrides: e.SSO_ISSUER_OVERRIDES ?? {},
  });
}
