import type { FastifyError, FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { AppError, type ErrorCode } from '../lib/errors';
import { databaseUnavailableReason } from '../db/unavailable';

const statusOf: Record<ErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  upstream_failed: 502,
  unavailable: 503,
  internal: 500,
};

const codeOfStatus = (status: number): ErrorCode =>
  (Object.entries(statusOf).find(([, s]) => s === status)?.[0] as ErrorCode | undefined) ??
  (status >= 500 ? 'internal' : 'validation');

type Detail = { path: string; message: string };

/** Header names reach the schema lower-cased; errors name them as they are written. */
const headerName = (name: string) =>
  name.replace(
    /(^|-)([a-z])/g,
    (_match, dash: string, letter: string) => dash + letter.toUpperCase(),
  );

/** Turns every error into `{ error: { code, message, details? } }` with the right status. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (!error.expected) request.log.error({ err: error }, error.message);
      if (error.retryAfter !== undefined)
        void reply.header('retry-after', String(error.retryAfter));
      return reply.status(statusOf[error.code]).send({
        error: {
          code: error.code,
          message: error.message,
          ...(error.details === undefined ? {} : { details: error.details }),
        },
      });
    }

    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const details: Detail[] = error.validation.map((v) => {
        const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        return {
          path: (where === 'headers' ? headerName(path) : path) || where,
          message: v.message ?? 'is invalid',
        };
      });
      const message = details.map((d) => `${d.path}: ${d.message}`).join('; ');
      return reply.status(400).send({ error: { code: 'validation', message, details } });
    }

    const unreachable = databaseUnavailableReason(error);
    if (unreachable) {
      request.log.error({ reason: unreachable }, 'the database cannot be reached');
      return reply
        .status(503)
        .header('retry-after', '5')
        .send({
          error: {
            code: 'unavailable',
            message:
              'Plaster cannot reach its database just now; nothing was changed. Try again in a moment.',
          },
        });
    }

    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return reply
        .status(500)
        .send({ error: { code: 'internal', message: 'Something went wrong on our side.' } });
    }

    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'unhandled error');
      return reply
        .status(500)
        .send({ error: { code: 'internal', message: 'Something went wrong on our side.' } });
    }
    // Fastify's own client errors: malformed JSON, an empty body, an unsupported type, too large.
    const message =
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
        ? `The request body is not valid JSON: ${error.message}`
        : error.message;
    return reply.status(status).send({ error: { code: codeOfStatus(status), message } });
  });
}
