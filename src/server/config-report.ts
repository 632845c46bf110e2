/**
 * `plaster config`: the configuration Plaster runs with, one line per environment variable, what
 * it comes to (defaults and derived values worked out) and whether it was set or defaulted.
 * Secrets are never printed: only whether there is one, and a password in a URL is masked.
 */
import type { Config, ConfigVariable } from './config';
import { CONFIG_VARIABLES } from './config';

const MASK = '********';

/** A URL with its password (if any) masked. */
function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = MASK;
  return parsed.toString();
}

const secret = (value: unknown, whenUnset: string) => (value ? `${MASK} (set)` : whenUnset);
const orUnset = (value: string | undefined) => value ?? '(unset)';

const EFFECTIVE = {
  PORT: (c) => String(c.port),
  HOST: (c) => c.host,
  DATA_DIR: (c) => c.dataDir,
  BACKUP_DIR: (c) => (c.databaseUrl ? '(unused with DATABASE_URL)' : c.backupDir),
  BACKUP_KEEP: (c) => String(c.backupKeep),
  DATABASE_URL: (c) =>
    c.databaseUrl ? withoutPassword(c.databaseUrl) : '(unset: the embedded database)',
  PUBLIC_URL: (c) => c.publicUrl,
  SESSION_SECRET: (c) => secret(c.sessionSecret, '(generated into DATA_DIR)'),
  SESSION_IDLE_MINUTES: (c) => String(c.sessionIdleMinutes),
  SESSION_MAX_HOURS: (c) => String(c.sessionMaxHours),
  TRUST_PROXY: (c) => String(c.trustProxy),
  LOG_LEVEL: (c) => c.logLevel,
  WONDE_TOKEN: (c) => secret(c.wondeToken, '(unset: the built-in Wonde simulator)'),
  WONDE_API_URL: (c) => c.wondeApiUrl,
  WONDE_WEBHOOK_SECRET: (c) => secret(c.wondeWebhookSecret, '(generated into DATA_DIR)'),
  WONDE_SYNC_INTERVAL_MINUTES: (c) => String(c.syncIntervalMinutes),
  WONDE_RELEASE_AFTER_DAYS: (c) => String(c.wondeReleaseAfterDays),
  WONDE_SYNC_STALE_AFTER_SECONDS: (c) => String(c.syncStaleAfterSeconds),
  ENCRYPTION_KEY: (c) => secret(c.encryptionKey, '(generated into DATA_DIR)'),
  SMTP_URL: (c) =>
    c.smtpUrl
      ? withoutPassword(c.smtpUrl)
      : c.demo
        ? '(unset: emails kept in the demo mailbox)'
        : '(unset: emails cannot be sent)',
  MAIL_FROM: (c) => c.mailFrom,
  SHUTDOWN_GRACE_SECONDS: (c) => String(c.shutdownGraceSeconds),
  METRICS_TOKEN: (c) => secret(c.metricsToken, '(unset: /metrics is not served)'),
  PLASTER_DEMO: (c) => String(c.demo),
  RUN_JOBS_IN_SERVE: (c) => String(c.runJobsInServe),
  DNS_SERVERS: (c) => (c.dnsServers.length > 0 ? c.dnsServers.join(',') : "(the system's)"),
  SSO_ISSUER_OVERRIDES: (c) =>
    orUnset(
      Object.entries(c.ssoIssuerOverrides)
        .map(([provider, url]) => `${provider}=${url}`)
        .join(',') || undefined,
    ),
} satisfies Record<ConfigVariable, (config: Config) => string>;

/** The report `plaster config` prints. */
export function configReport(config: Config, env: NodeJS.ProcessEnv = process.env): string {
  const width = Math.max(...CONFIG_VARIABLES.map((name) => name.length));
  return CONFIG_VARIABLES.map((name) => {
    const source = env[name] !== undefined && env[name] !== '' ? 'set    ' : 'default';
    return `${name.padEnd(width)}  ${source}  ${EFFECTIVE[name](config)}`;
  })
    .join('\n')
    .concat('\n');
}
