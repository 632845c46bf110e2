/**
 * Errors as they may be written down (the log, a sync run's error): what went wrong and where,
 * never the data it went wrong with. A failed query carries its SQL and every parameter (drizzle
 * puts them in its message, PGlite on its error), PostgreSQL's `detail` repeats the row's values
 * ("Key (email)=(…) already exists"), and an HTTP error keeps the body it was answered with. So
 * only fields that name things are kept, and values quoted in a message are hidden.
 */
import { DrizzleQueryError } from 'drizzle-orm';
import { AppError } from './errors';

/** Fields that say what failed, never with what: PostgreSQL's (pg and PGlite), Node's, ours. */
const NAMING_FIELDS = [
  'code',
  'severity',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'routine',
  'errno',
  'syscall',
  'kind',
  'status',
  'statusCode',
] as const;

/** Words after which PostgreSQL quotes a name (`constraint "users_email_key"`), not a value. */
const NAME_BEFORE =
  /\b(?:constraint|relation|column|table|index|schema|type|function|sequence|database|role|extension|encoding|operator|trigger|view)\s$/i;

const QUOTED = /"(?:[^"\\]|\\.)*"/g;

/**
 * The message with quoted values hidden: `invalid input syntax for type uuid: "…"`, and JSON's
 * `Unexpected token 'A', "…" is not valid JSON`. Names of constraints and tables stay.
 */
export function hideQuotedValues(message: string): string {
  return message.replace(QUOTED, (quoted, offset: number) =>
    NAME_BEFORE.test(message.slice(Math.max(0, offset - 20), offset)) ? quoted : '"…"',
  );
}

/** One line on what went wrong, fit to keep: a failed query says only what the database said. */
export function errorMessageForLog(error: unknown): string {
  if (error instanceof DrizzleQueryError) {
    const cause = error.cause instanceof Error ? `: ${errorMessageForLog(error.cause)}` : '';
    return `Failed query${cause}`;
  }
  if (error instanceof AppError) return error.message;
  if (error instanceof Error) return hideQuotedValues(error.message);
  return typeof error === 'string' ? hideQuotedValues(error) : `a thrown ${typeof error}`;
}

type LoggedError = Record<string, unknown>;

/** The pino serializer of `err`: the error's type, safe message, stack and naming fields. */
export function serializeError(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) return { message: errorMessageForLog(error) };
  const message = errorMessageForLog(error);
  const logged: LoggedError = { type: error.constructor.name, message };
  // The stack's first line repeats the message; its frames hold no data.
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  if (frames.length > 0) logged.stack = [`${error.name}: ${message}`, ...frames].join('\n');
  const fields = error as unknown as Record<string, unknown>;
  for (const field of NAMING_FIELDS) {
    const value = fields[field];
    if (typeof value === 'string' || typeof value === 'number') logged[field] = value;
  }
  if (depth < 4) {
    if (error.cause !== undefined) logged.cause = serializeError(error.cause, depth + 1);
    if (error instanceof AggregateError)
      logged.errors = (error.errors as unknown[]).map((e) => serializeError(e, depth + 1));
  }
  return logged;
}
