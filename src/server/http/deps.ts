import type { Db } from '../db/client';
import type { SessionSettings } from '../features/auth/sessions.service';
import type { WondeContext } from '../features/wonde/wonde-context';
import type { Logger } from '../lib/logger';
import type { SecretBox } from '../lib/secret-box';
import type { MailCatcher } from '../email/mail-catcher';
import type { NotificationsContext } from '../features/notifications/notifications.service';

/** What route handlers need; built once in the composition root. */
export type RouteDeps = {
  db: Db;
  sessions: SessionSettings;
  /** Secure (https-only) cookies, when PUBLIC_URL is https. */
  secureCookies: boolean;
  wonde: WondeContext;
  /** Seals secrets kept in the database (Wonde tokens, SSO client secrets). */
  secrets: SecretBox;
  /** Where users reach this Plaster, e.g. https://plaster.example.org */
  publicUrl: string;
  notifications: NotificationsContext;
  /** The demo's mail catcher, whose messages the Mail page shows; null outside the demo. */
  mailCatcher: MailCatcher | null;
  logger: Logger;
};
