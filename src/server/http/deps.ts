import type { Db } from '../db/client';
import type { SessionSettings } from '../features/auth/sessions.service';
import type { WondeContext } from '../features/wonde/wonde-context';
import type { Logger } from '../lib/logger';

/** What route handlers need; built once in the composition root. */
export type RouteDeps = {
  db: Db;
  sessions: SessionSettings;
  /** Secure (https-only) cookies, when PUBLIC_URL is https. */
  secureCookies: boolean;
  wonde: WondeContext;
  logger: Logger;
};
