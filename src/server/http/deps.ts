import type { Db } from '../db/client';
import type { SessionSettings } from '../features/auth/sessions.service';

/** What route handlers need; built once in the composition root. */
export type RouteDeps = {
  db: Db;
  sessions: SessionSettings;
  /** Secure (https-only) cookies, when PUBLIC_URL is https. */
  secureCookies: boolean;
};
