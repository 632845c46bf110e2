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
  /** Hands a queued sync run to the job queue. */
  enqueueSync(run: { id: string; schoolId: string }): Promise<void>;
  /** Checked against each webhook delivery's secret; null refuses every delivery. */
  webhookSecret: string | null;
  /**
   * Days a school's directory is kept after Wonde confirmed its access revoked or declined;
   * then the directory is removed and the Wonde school released for another request.
   */
  releaseAfterDays: number;
};
