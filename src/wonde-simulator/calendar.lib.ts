import type { NcYear } from './dataset.types';

/** Every NC year in school order, nursery first. */
export const NC_YEARS: readonly NcYear[] = [
  'N1',
  'N2',
  'R',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '10',
  '11',
  '12',
  '13',
];

const DAY_MS = 86_400_000;

/** Reception is year 0; nursery years come before it. */
export function ncYearOffset(year: NcYear): number {
  if (year === 'N1') return -2;
  if (year === 'N2') return -1;
  if (year === 'R') return 0;
  return Number(year);
}

export function ncYearName(year: NcYear): string {
  if (year === 'N1') return 'Nursery 1';
  if (year === 'N2') return 'Nursery 2';
  if (year === 'R') return 'Reception';
  return `Year ${year}`;
}

export function parseYmd(ymd: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!match) throw new Error(`Expected a YYYY-MM-DD date, got "${ymd}"`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(ms) || formatYmd(ms) !== ymd) throw new Error(`Not a calendar date: "${ymd}"`);
  return ms;
}

export function formatYmd(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(ymd: string, days: number): string {
  return formatYmd(parseYmd(ymd) + days * DAY_MS);
}

export function daysBetween(fromYmd: string, toYmd: string): number {
  return Math.round((parseYmd(toYmd) - parseYmd(fromYmd)) / DAY_MS);
}

/** The calendar year in which the academic year containing `ymd` started (September). */
export function academicYearStart(ymd: string): number {
  const year = Number(ymd.slice(0, 4));
  const month = Number(ymd.slice(5, 7));
  return month >= 9 ? year : year - 1;
}

/**
 * First and last birthdays for an NC year in the academic year starting in September of
 * `startYear`: a Reception child turns five during that year.
 */
export function birthRangeFor(year: NcYear, startYear: number): { from: string; to: string } {
  const first = startYear - 5 - ncYearOffset(year);
  return { from: `${first}-09-01`, to: `${first + 1}-08-31` };
}

/** The first day of autumn term in a given year; close enough to the real dates for test data. */
export function termStart(year: number): string {
  return `${year}-09-03`;
}
