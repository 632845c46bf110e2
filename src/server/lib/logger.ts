import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Paths that may carry secrets. Fastify logs no headers or bodies by default; this is the
 * second line of defence should one ever be logged.
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
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

/** Query parameters whose values are secrets (the Wonde webhook's shared secret). */
const SECRET_QUERY = /([?&](?:secret|token)=)[^&#\s"]*/gi;

export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      redact: { paths: redactPaths, censor: '[redacted]' },
      // Every line is checked, whatever logged it (Fastify's request lines carry the URL).
      hooks: {
        streamWrite: (line) => line.replace(SECRET_QUERY, '$1[redacted]'),
      },
    },
    options.destination,
  );
}

export type { Logger };
