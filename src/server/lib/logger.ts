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

export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    { level: options.level, redact: { paths: redactPaths, censor: '[redacted]' } },
    options.destination,
  );
}

export type { Logger };
