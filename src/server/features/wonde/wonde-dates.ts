import type { WondeDate } from './wonde-responses';

/** The calendar date of a date-only field, as written: never shifted through UTC. */
export function wondeCalendarDate(value: WondeDate | null | undefined): string | null {
  return value ? value.date.slice(0, 10) : null;
}

/** The instant a timestamp field stands for: its wall time read in its own time zone. */
export function wondeInstant(value: WondeDate | null | undefined): Date | null {
  if (!value) return null;
  const [day = '', time = '00:00:00'] = value.date.split(/[ T]/);
  const asUtc = new Date(`${day}T${time.slice(0, 12)}Z`);
  if (Number.isNaN(asUtc.getTime())) return null;
  const zone = value.timezone ?? 'UTC';
  if (zone === 'UTC' || zone === 'Z' || zone === '+00:00') return asUtc;
  // Shift by the zone's offset at that moment (Europe/London is +1 in summer).
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(asUtc);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wallAsUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return new Date(asUtc.getTime() - (wallAsUtc - Math.floor(asUtc.getTime() / 1000) * 1000));
}
