import type { Json, JsonObject } from './wonde-json.presenter';

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 200;

function positiveInt(raw: string | null): number | null {
  if (raw === null || !/^\d+$/.test(raw.trim())) return null;
  const value = Number(raw.trim());
  return value >= 1 ? value : null;
}

export type PageRequest = { page: number; perPage: number };

/** Missing or unusable `page`/`per_page` fall back to the defaults instead of failing. */
export function parsePageRequest(query: URLSearchParams): PageRequest {
  const page = positiveInt(query.get('page')) ?? 1;
  const perPage = Math.min(positiveInt(query.get('per_page')) ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
  return { page, perPage };
}

/** Keeps the caller's query byte for byte (encoding and order) and only replaces `page`. */
function pageUrl(origin: string, path: string, rawQuery: string, page: number): string {
  const kept = rawQuery
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '' && !/^page(=|$)/.test(pair));
  kept.push(`page=${String(page)}`);
  return `${origin}${path}?${kept.join('&')}`;
}

/**
 * One page of `items` with Wonde's `meta.pagination`: absolute `next`/`previous` URLs that keep
 * the caller's query (includes, filters, per_page) and only change `page`. No totals, as in Wonde.
 */
export function paginate<T>(
  items: readonly T[],
  request: { origin: string; path: string; query: URLSearchParams; rawQuery: string },
  present: (item: T) => Json,
): { data: Json[]; pagination: JsonObject } {
  const { page, perPage } = parsePageRequest(request.query);
  const start = (page - 1) * perPage;
  const data = items.slice(start, start + perPage).map(present);
  const more = start + perPage < items.length;
  return {
    data,
    pagination: {
      next: more ? pageUrl(request.origin, request.path, request.rawQuery, page + 1) : null,
      previous: page > 1 ? pageUrl(request.origin, request.path, request.rawQuery, page - 1) : null,
      more,
      per_page: perPage,
      current_page: page,
    },
  };
}

const WALL_TIME =
  /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?))?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses `updated_after` in Wonde's documented `YYYY-MM-DD HH:MM:SS` form or ISO 8601
 * (`toISOString()`, with or without an offset). A time without an offset is UTC, like
 * `updated_at`. Returns epoch milliseconds, or `null` if the value is not a date.
 */
export function parseUpdatedAfter(raw: string): number | null {
  // An unencoded `+01:00` in a query string arrives as ` 01:00`; read it back as an offset.
  const value = raw
    .trim()
    .replace(/^(\S+[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$/, '$1+$2');
  const match = WALL_TIME.exec(value);
  if (!match) return null;
  const [, day, time = '00:00:00', zone = 'Z'] = match;
  const [hms = time, fraction = ''] = time.split('.');
  const fullTime = hms.length === 5 ? `${hms}:00` : hms;
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  const ms = Date.parse(`${day}T${fullTime}.${millis}${offset}`);
  if (Number.isNaN(ms)) return null;
  // Date.parse rolls 2025-02-30 over to March; a date that does not round-trip is rejected.
  if (offset === 'Z' && new Date(ms).toISOString().slice(0, 10) !== day) return null;
  return ms;
}
