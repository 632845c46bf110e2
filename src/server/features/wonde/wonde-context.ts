import type { SecretBox } from '../../lib/secret-box';
import type { WondeClient } from './wonde-client';

/** What the Wonde feature needs from the composition root. */
export type WondeContext = {
  /** Null when no Wonde partner token is configured: connecting is then unavailable. */
  client: WondeClient | null;
  /** WONDE_API_URL: Wonde's API, or the simulator standing in for it. */
  baseUrl: string;
  /** The partner (application) token; also reads the data of schools approved by polling. */
  partnerToken: string | null;
  /** Seals per-school tokens at rest. */
  secrets: SecretBox;
  /** Hands a sync run to the job queue; `jobId`, when given, is the new job's id. */
  enqueueSync(run: { id: string; schoolId: string }, jobId?: string): Promise<void>;
  /**
   * Seconds without a sign of life after which a running sync is taken to have lost its worker
   * and is resumed by another (WONDE_SYNC_STALE_AFTER_SECONDS); 60 when not given.
   */
  syncStaleAfterSeconds?: number;
  /** Checked against each webhook delivery's secret; null refuses every delivery. */
  webhookSecret: string | null;
  /**
   * Days a school's directory is kept after Wonde confirmed its access revoked or declined;
   * then the directory is removed and the Wonde school released for another request.
   */
  releaseAfterDays: number;
};
