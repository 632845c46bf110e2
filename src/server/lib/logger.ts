import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { serializeError } from './error-log';

/**
 * Paths that may carry secrets. Fastify logs no headers or bodies, and nothing of Plaster's logs
 * them; this is the second line of defence should one ever be logged.
 */
const redactPaths = [
  'password',
  '*.password',
  'newPassword',
  '*.newPassword',
  'currentPassword',
  '*.currentPassword',
  'passwordHash',
  '*.passwordHash',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'clientSecret',
  '*.clientSecret',
  'csrfToken',
  '*.csrfToken',
  'params',
  '*.params',
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'req.headers["x-webhook-secret"]',
  'res.headers["set-cookie"]',
];

/** Query parameters whose values are secrets (the Wonde webhook's shared secret). */
const SECRET_QUERY = /([?&](?:secret|token)=)[^&#\s"]*/gi;

/**
 * A request as the log keeps it: its path, and that it had a query string but not what was in
 * it (searches hold names; the webhook's deprecated form its secret).
 */
function requestForLog(request: {
  method?: string;
  url?: string;
  ip?: string;
  socket?: { remotePort?: number };
}) {
  const url = request.url ?? '';
  const query = url.indexOf('?');
  return {
    method: request.method,
    url: query < 0 ? url : `${url.slice(0, query)}?[redacted]`,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/**
 * JSON lines for a log collector; on a terminal (stdout a TTY, and no other destination) one
 * readable line each, through pino-pretty, after the same redaction.
 */
export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  const destination =
    options.destination ??
    (process.stdout.isTTY
      ? pretty({ colorize: true, singleLine: true, ignore: 'pid,hostname,reqId' })
      : undefined);
  return pino(
    {
      level: options.level,
      redact: { paths: redactPaths, censor: '[redacted]' },
      // Errors keep what failed, never the values they failed with (SQL parameters, rows).
      serializers: { err: serializeError, req: requestForLog },
      // Every line is checked, whatever logged it (a message may quote a URL).
      hooks: {
        streamWrite: (line) => line.replace(SECRET_QUERY, '$1[redacted]'),
      },
    },
    destination,
  );
}

export type { Logger };
