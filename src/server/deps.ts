import type { SsoProvider } from '../shared/sso-api';
import type { Db } from './db/client';
import type { MailCatcher } from './email/mail-catcher';
import type { Mailer } from './email/mailer';
import type { WondeContext } from './features/wonde/wonde-context';
import type { Logger } from './lib/logger';
import type { SecretBox } from './lib/secret-box';

export type SessionSettings = {
  /** Key for the stored hash of session ids, so a database copy holds no usable session. */
  secret: string;
  idleMinutes: number;
  maxHours: number;
};

/** What sending needs beyond the database: the queue that delivers. */
export type NotificationsContext = {
  enqueueEmail(notificationId: string): Promise<void>;
};

/** What single sign-on reaches outside Plaster, as the operator configured it. */
export type SsoContext = {
  /**
   * OpenID issuers to use instead of Microsoft's and Google's own (a local identity provider,
   * tests). Never set by an organisation.
   */
  issuerOverrides: Readonly<Partial<Record<SsoProvider, string>>>;
  /** DNS servers to read domain proofs (TXT records) from; empty for the system's. */
  dnsServers: readonly string[];
};

/**
 * Everything Plaster's routes, services and jobs run on: built once per process by the
 * composition root (runtime.ts). A service asks only for the part it uses, as
 * `Pick<Deps, 'db' | 'wonde'>`, so its tests build no more than that.
 */
export type Deps = {
  db: Db;
  logger: Logger;
  sessions: SessionSettings;
  /** Secure (https-only) cookies, when PUBLIC_URL is https. */
  secureCookies: boolean;
  /** Where users reach this Plaster, e.g. https://plaster.example.org */
  publicUrl: string;
  /** Seals secrets kept in the database (Wonde tokens, SSO client secrets). */
  secrets: SecretBox;
  wonde: WondeContext;
  notifications: NotificationsContext;
  /** Null when no mail server is configured: deliveries then fail visibly. */
  mailer: Mailer | null;
  /** The demo's mail catcher, whose messages the Mail page shows; null outside the demo. */
  mailCatcher: MailCatcher | null;
  sso: SsoContext;
};
