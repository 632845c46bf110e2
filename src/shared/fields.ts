/**
 * The field types every request's text and dates are declared with, on the server and in the web
 * app alike. They refuse what the database would, so bad bytes are a 400 naming the field rather
 * than a failed query:
 *
 * - NUL, which PostgreSQL's text cannot hold;
 * - half of a UTF-16 surrogate pair, which is no character: UTF-8 cannot encode it (the driver
 *   would store a replacement character instead) and jsonb, where the audit log keeps changes,
 *   refuses it;
 * - a date before 1900 or after 2100: no incident of a school's is, and PostgreSQL has no year 0.
 */
import { z } from 'zod';

/** A high surrogate not followed by a low one, or a low surrogate not after a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const isStorableText = (value: string): boolean =>
  !value.includes('\u0000') && !LONE_SURROGATE.test(value);

export const UNSTORABLE_TEXT = 'must not contain NUL or unpaired surrogate characters';

/**
 * The text with NUL left out and each unpaired surrogate made U+FFFD (the replacement
 * character), for what Plaster must keep and cannot refuse: a school's records from its MIS.
 */
export const toStorableText = (value: string): string =>
  isStorableText(value)
    ? value
    : value.replaceAll('\u0000', '').replace(new RegExp(LONE_SURROGATE.source, 'g'), '\ufffd');

/**
 * A string of a request: `z.string()` for input. Refused before any other check of the field
 * (length, format) so the caller hears the one thing that is wrong.
 */
export const text = () =>
  z.string().refine(isStorableText, { error: UNSTORABLE_TEXT, abort: true });

export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2100;

/** Malformed values are left to the format check, which names them. */
const yearInRange = (value: string) => {
  const year = /^(\d{4})-/.exec(value)?.[1];
  return year === undefined || (Number(year) >= EARLIEST_YEAR && Number(year) <= LATEST_YEAR);
};
const OUT_OF_RANGE = `must be between ${EARLIEST_YEAR} and ${LATEST_YEAR}`;

/** A calendar date, `YYYY-MM-DD`, from 1900 to 2100. */
export const dateOnly = () =>
  z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }).refine(yearInRange, OUT_OF_RANGE);

/** An instant with its offset (ISO 8601), in the years 1900 to 2100 as written. */
export const dateTime = () =>
  z.iso
    .datetime({ offset: true, error: 'must be a date and time' })
    .refine(yearInRange, OUT_OF_RANGE);
