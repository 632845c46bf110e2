import type { Db } from '../db/client';
import type { SessionSettings } from '../features/auth/sessions.service';
import type { WondeContext } from '../features/wonde/wonde-context';
import type { Logger } from '../lib/logger';
import type { MailCatcher } from '../email/mail-catcher';
import type { NotificationsContext } from '../features/notifications/notifications.service';

/** What route handlers need; built once in the composition root. */
export type RouteDeps = {
  db: Db;
  sessions: SessionSettings;
  /** Secure (https-only) cookies, when PUBLIC_URL is https. */
  secureCookies: boolean;
  wonde: WondeContext;
  notifications: NotificationsContext;
  /** The demo's mail catcher, whose messages the Mail page shows; null outside the demo. */
  mailCatcher: MailCatcher | null;
  logger: Logger;
};
