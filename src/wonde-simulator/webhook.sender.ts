/** Webhook bodies as Wonde posts them: flat JSON, no `data` wrapper. */
export type WondeWebhookPayload =
  | { payload_type: 'schoolApproved'; school_id: string; school_name: string; school_token: string }
  | { payload_type: 'accessRevoked'; school_id: string; school_name: string; revoke_reason: string }
  | {
      payload_type: 'accessDeclined';
      school_id: string;
      school_name: string;
      decline_reason: string;
    };

export type WebhookAttempt = {
  at: string;
  /** HTTP status, or `null` when the request failed before a response. */
  status: number | null;
  error: string | null;
};

export type WebhookDelivery = {
  url: string;
  payload: WondeWebhookPayload;
  attempts: WebhookAttempt[];
  delivered: boolean;
};

export type WebhookOptions = {
  /** Extra request headers, e.g. the receiver's shared secret. */
  headers?: Record<string, string>;
  maxAttempts: number;
  retryDelayMs: number;
  timeoutMs: number;
  /** Aborted when the simulator closes, so that no delivery outlives it. */
  signal: AbortSignal;
};

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * POSTs a webhook, re-delivering on a non-2xx reply or a network error, up to `maxAttempts`
 * times in all (Wonde was seen to try three times). Never throws; the outcome is in the result.
 */
export async function deliverWebhook(
  url: string,
  payload: WondeWebhookPayload,
  options: WebhookOptions,
): Promise<WebhookDelivery> {
  const delivery: WebhookDelivery = { url, payload, attempts: [], delivered: false };
  for (let attempt = 1; attempt <= options.maxAttempts && !options.signal.aborted; attempt += 1) {
    const at = new Date().toISOString();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          ...options.headers,
          'content-type': 'application/json',
          'user-agent': 'Wonde-Simulator',
        },
        body: JSON.stringify(payload),
        signal: AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]),
      });
      // Drain the body so that the connection is released.
      await response.arrayBuffer().catch(() => undefined);
      delivery.attempts.push({ at, status: response.status, error: null });
      if (response.ok) {
        delivery.delivered = true;
        return delivery;
      }
    } catch (error) {
      delivery.attempts.push({
        at,
        status: null,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    if (attempt < options.maxAttempts) await pause(options.retryDelayMs, options.signal);
  }
  return delivery;
}
