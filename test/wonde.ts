import {
  startWondeSimulator,
  type SchoolSpec,
  type WondeSimulator,
} from '../src/wonde-simulator/index';
import type { SyncDeps } from '../src/server/features/wonde/sync.service';
import { createWondeClient } from '../src/server/features/wonde/wonde-client';
import type { WondeContext } from '../src/server/features/wonde/wonde-context';
import { createHttpClient } from '../src/server/lib/http-client';
import { createLogger } from '../src/server/lib/logger';
import { createSecretBox } from '../src/server/lib/secret-box';
import { createTestApp, type TestApp } from './app';

export const WEBHOOK_SECRET = 'a-webhook-secret-for-tests';

export type WondeTestbed = {
  t: TestApp;
  sim: WondeSimulator;
  wonde: WondeContext;
  /** Sync runs handed to the queue, in order; tests run them with runSync. */
  queued: Array<{ id: string; schoolId: string }>;
  deps: SyncDeps;
  close(): Promise<void>;
};

/**
 * The app listening on a real port and the Wonde simulator over real HTTP, each pointed at the
 * other: Plaster's client reads the simulator; the simulator's webhooks reach Plaster.
 */
export async function startWondeTestbed(
  schools: SchoolSpec[],
  seed = 'plaster-tests',
  appOptions: Parameters<typeof createTestApp>[0] = {},
): Promise<WondeTestbed> {
  const queued: WondeTestbed['queued'] = [];
  const logger = createLogger({ level: 'silent' });
  const wonde: WondeContext = {
    client: null,
    baseUrl: '',
    partnerToken: null,
    secrets: createSecretBox(Buffer.alloc(32, 3)),
    webhookSecret: WEBHOOK_SECRET,
    releaseAfterDays: 14,
    enqueueSync: (run) => {
      queued.push({ id: run.id, schoolId: run.schoolId });
      return Promise.resolve();
    },
  };
  const t = await createTestApp({ ...appOptions, wonde });
  const appUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const sim = await startWondeSimulator({
    seed,
    schools,
    initialAccess: 'none',
    webhookUrl: `${appUrl}/api/v1/webhooks/wonde`,
    webhookHeaders: { 'x-webhook-secret': WEBHOOK_SECRET },
    webhookRetryDelayMs: 20,
  });
  // Short waits between retries keep fault tests quick; the behaviour is the production one.
  const http = createHttpClient({
    logger,
    timeoutMs: 1_500,
    retries: 3,
    minDelayMs: 10,
    maxDelayMs: 100,
  });
  wonde.client = createWondeClient({
    http,
    baseUrl: sim.url,
    partnerToken: sim.partnerToken,
    perPage: 25,
  });
  wonde.baseUrl = sim.url;
  wonde.partnerToken = sim.partnerToken;
  return {
    t,
    sim,
    wonde,
    queued,
    deps: { db: t.db, wonde, logger },
    async close() {
      await sim.close();
      await t.close();
    },
  };
}
