import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleControlRequest } from './control-api.routes';
import { generateWondeDataset } from './dataset.generator';
import type { GenerateWondeDatasetOptions } from './dataset.generator';
import type { WondeDataset } from './dataset.types';
import { createFaultInjector } from './fault-injector.lib';
import type { FaultRule } from './fault-injector.lib';
import { createSeededRandom } from './seeded-random.lib';
import { createSimControls } from './sim-controls.service';
import type { RequestLogEntry, WondeSimControls } from './sim-controls.service';
import { createSimState } from './sim-state.store';
import type { AccessState, InitialAccess } from './sim-state.store';
import { errorResponse, handleWondeApiRequest } from './wonde-api.routes';
import type { SimRequest, SimResponse } from './wonde-api.routes';

export type WondeSimulatorOptions = GenerateWondeDatasetOptions & {
  /** Serve this dataset (the simulator takes a copy) instead of generating one from the options. */
  dataset?: WondeDataset;
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The partner (application) token; default: 40 hex characters derived from the seed. */
  partnerToken?: string;
  /** Access state of every school, or per school id (others `none`). Default `approved`. */
  initialAccess?: InitialAccess;
  /** Serve the control API under `/control`. Default false. */
  enableControlApi?: boolean;
  /** Where access webhooks are POSTed, e.g. `http://127.0.0.1:3000/api/v1/webhooks/wonde?secret=…`. */
  webhookUrl?: string | null;
  /** Headers sent with every webhook delivery (the receiver's shared secret, say). */
  webhookHeaders?: Record<string, string>;
  /** Pause between webhook attempts. Default 1000 ms. */
  webhookRetryDelayMs?: number;
  /** Per-attempt webhook timeout. Default 5000 ms. */
  webhookTimeoutMs?: number;
  /** Clock for `updated_at` of changes. Default: the system clock. */
  now?: () => Date;
  /** Called with one line per request; silent when absent. */
  log?: (line: string) => void;
};

export type SimulatedSchool = {
  id: string;
  name: string;
  urn: number;
  phase: string;
  access: AccessState;
  /** Per-school token while approved. */
  token: string | null;
};

export type WondeSimulator = {
  /** Base URL of the API, to use where Plaster expects `https://api.wonde.com/v1.0`. */
  url: string;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  /** `${origin}/control` when the control API is enabled, else `null`. */
  controlUrl: string | null;
  port: number;
  partnerToken: string;
  /** The schools as they were at start. */
  schools: SimulatedSchool[];
  controls: WondeSimControls;
  /** Stops listening, drops open connections and cancels pending webhooks. Idempotent. */
  close: () => Promise<void>;
};

const MAX_BODY_BYTES = 1_000_000;
const MAX_LOG_ENTRIES = 5_000;
const INVALID_JSON = Symbol('invalid-json');

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('error', () => resolve(undefined));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch {
        resolve(INVALID_JSON);
      }
    });
  });
}

/**
 * Starts a Wonde simulator on loopback. Quiet unless `log` is given; close it when done.
 *
 * @example
 *   const sim = await startWondeSimulator({ seed: 7, schools: 3 });
 *   // point Plaster's Wonde client at sim.url with sim.partnerToken
 *   await sim.close();
 */
export async function startWondeSimulator(
  options: WondeSimulatorOptions = {},
): Promise<WondeSimulator> {
  const dataset = options.dataset
    ? structuredClone(options.dataset)
    : generateWondeDataset(options);
  const rng = createSeededRandom(`${dataset.seed}/simulator`);
  const state = createSimState({
    dataset,
    rng,
    partnerToken: options.partnerToken,
    initialAccess: options.initialAccess,
    now: options.now ?? (() => new Date()),
  });
  const faults = createFaultInjector(rng.fork('faults'));
  const latency = { ms: 0 };
  const requests: RequestLogEntry[] = [];
  const shutdown = new AbortController();
  const controls = createSimControls({
    state,
    faults,
    latency,
    requests,
    webhook: {
      url: options.webhookUrl ?? null,
      ...(options.webhookHeaders ? { headers: options.webhookHeaders } : {}),
      retryDelayMs: options.webhookRetryDelayMs ?? 1000,
      timeoutMs: options.webhookTimeoutMs ?? 5000,
      signal: shutdown.signal,
    },
  });
  const isControlEnabled = options.enableControlApi ?? false;
  const log = options.log;

  const pending = new Set<() => void>();
  /** A delay that close() cuts short, so that no timer keeps the process alive. */
  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        pending.delete(finish);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      pending.add(finish);
    });

  const record = (req: IncomingMessage, status: number | null, fault: FaultRule | null): void => {
    requests.push({
      at: new Date().toISOString(),
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      status,
      fault: fault?.kind ?? null,
    });
    if (requests.length > MAX_LOG_ENTRIES) requests.splice(0, requests.length - MAX_LOG_ENTRIES);
    log?.(
      `${req.method ?? 'GET'} ${req.url ?? '/'} → ${status ?? 'reset'}${fault ? ` (fault ${fault.kind})` : ''}`,
    );
  };

  const send = (
    req: IncomingMessage,
    res: ServerResponse,
    response: SimResponse,
    truncate = false,
  ): void => {
    if (res.destroyed || res.writableEnded) return;
    const full = Buffer.from(JSON.stringify(response.body), 'utf8');
    // A truncated body is still a well-formed HTTP message: the client gets 200 and broken JSON.
    const body = truncate ? full.subarray(0, Math.max(1, Math.floor(full.length / 2))) : full;
    res.writeHead(response.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(body.length),
      ...response.headers,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const handleWonde = async (
    req: IncomingMessage,
    res: ServerResponse,
    simReq: SimRequest,
    pathAndQuery: string,
  ): Promise<void> => {
    if (latency.ms > 0) await wait(latency.ms);
    const fault = faults.take(pathAndQuery);
    if (fault?.kind === 'reset') {
      record(req, null, fault);
      req.socket.destroy();
      return;
    }
    let response: SimResponse;
    if (fault?.kind === '429') {
      response = {
        ...errorResponse(429, 'too_many_requests', 'Rate limit exceeded'),
        headers: { 'retry-after': String(fault.retryAfterSeconds ?? 1) },
      };
    } else if (fault?.kind === '401') {
      response = errorResponse(401, 'unauthorized', 'Unauthenticated');
    } else if (fault?.kind === '500') {
      response = errorResponse(500, 'server_error', 'Internal server error');
    } else if (fault?.kind === '503') {
      response = errorResponse(503, 'service_unavailable', 'Service temporarily unavailable');
      if (fault.retryAfterSeconds !== undefined)
        response.headers = { 'retry-after': String(fault.retryAfterSeconds) };
    } else {
      response = handleWondeApiRequest(state, simReq);
    }
    if (fault?.kind === 'slow') await wait(fault.delayMs ?? 2000);
    record(req, response.status, fault);
    send(req, res, response, fault?.kind === 'truncated');
  };

  const server = createServer((req, res) => {
    void (async () => {
      const host = req.headers.host ?? `${options.host ?? '127.0.0.1'}:${String(port)}`;
      const origin = `http://${host}`;
      const url = new URL(req.url ?? '/', origin);
      const path = url.pathname.replace(/\/+$/, '') || '/';
      const body = await readBody(req);
      const simReq: SimRequest = {
        method: req.method ?? 'GET',
        path,
        query: url.searchParams,
        rawQuery: url.search.slice(1),
        authorization: req.headers.authorization,
        origin,
        body: body === INVALID_JSON ? undefined : body,
      };
      if (path === '/v1.0' || path.startsWith('/v1.0/')) {
        await handleWonde(req, res, simReq, `${path}${url.search}`);
      } else if (isControlEnabled && (path === '/control' || path.startsWith('/control/'))) {
        const response =
          body === INVALID_JSON
            ? errorResponse(400, 'validation_error', 'The body is not valid JSON')
            : await handleControlRequest(controls, simReq);
        send(req, res, response);
      } else {
        send(req, res, errorResponse(404, 'not_found', `No route for ${path}`));
      }
    })().catch((error: unknown) => {
      log?.(`simulator error: ${error instanceof Error ? error.message : String(error)}`);
      send(req, res, errorResponse(500, 'server_error', 'Simulator error'));
    });
  });

  const listenHost = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, listenHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${listenHost}:${String(port)}`;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      shutdown.abort();
      for (const finish of [...pending]) finish();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };

  return {
    url: `${origin}/v1.0`,
    origin,
    controlUrl: isControlEnabled ? `${origin}/control` : null,
    port,
    partnerToken: state.partnerToken,
    schools: state.schools.map((entry) => ({
      id: entry.school.id,
      name: entry.school.name,
      urn: entry.school.urn,
      phase: entry.school.phase,
      access: entry.access,
      token: entry.access === 'approved' ? entry.token : null,
    })),
    controls,
    close,
  };
}
