/**
 * Dates and times as a UK school keeps them: wall-clock time in Europe/London, whatever the
 * device's own time zone, and calendar dates (`YYYY-MM-DD`) that never shift with it.
 */

const TIME_ZONE = 'Europe/London';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const dateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'medium' });
const longDateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

type WallClock = { year: number; month: number; day: number; hour: number; minute: number };

function wallClockOf(instant: number): WallClock & { second: number } {
  const parts: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** How far London is ahead of UTC at this instant, in milliseconds (0 or one hour). */
function londonOffset(instant: number): number {
  const wall = wallClockOf(instant);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/** The London calendar date and clock time of an instant: `{ date: '2026-03-03', time: '14:05' }`. */
export function londonDateAndTime(value: string | Date): { date: string; time: string } {
  const instant = typeof value === 'string' ? new Date(value).getTime() : value.getTime();
  const wall = wallClockOf(instant);
  return {
    date: `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`,
    time: `${pad(wall.hour)}:${pad(wall.minute)}`,
  };
}

/** Today's date in London. */
export function todayInLondon(): string {
  return londonDateAndTime(new Date()).date;
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const timePattern = /^(\d{2}):(\d{2})(?::\d{2})?$/;

export function isDateOnly(value: string): boolean {
  const match = datePattern.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1;
}

/**
 * The instant a London date and clock time name, or null when either is not valid. In the hour
 * the clocks go back, the earlier of the two moments; in the hour that does not exist when they
 * go forward, the time is read as it would be before the change.
 */
export function londonInstant(date: string, time: string): Date | null {
  const timeMatch = timePattern.exec(time);
  const dateMatch = datePattern.exec(date);
  if (!dateMatch || !timeMatch || !isDateOnly(date)) return null;
  const hour = Number(timeMatch[1]);
  const minute = Number(timeMatch[2]);
  if (hour > 23 || minute > 59) return null;
  const asUtc = Date.UTC(
    Number(dateMatch[1]),
    Number(dateMatch[2]) - 1,
    Number(dateMatch[3]),
    hour,
    minute,
  );
  const earlier = asUtc - londonOffset(asUtc - 3_600_000);
  if (londonDateAndTime(new Date(earlier)).time === time.slice(0, 5)) return new Date(earlier);
  return new Date(asUtc - londonOffset(asUtc));
}

/** A calendar date in words: "3 Mar 2026". */
export function formatDate(dateOnly: string): string {
  if (!isDateOnly(dateOnly)) return dateOnly;
  const [year, month, day] = dateOnly.split('-').map(Number);
  return dateFormat.format(new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)));
}

/** A calendar date with its weekday: "Tue, 3 Mar 2026". */
export function formatDateWithWeekday(dateOnly: string): string {
  if (!isDateOnly(dateOnly)) return dateOnly;
  const [year, month, day] = dateOnly.split('-').map(Number);
  return longDateFormat.format(new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)));
}

/** The date `days` after (or before, when negative) a calendar date. */
export function addDays(dateOnly: string, days: number): string {
  const [year, month, day] = dateOnly.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + days));
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}
