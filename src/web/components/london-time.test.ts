import { describe, expect, it } from 'vitest';
import { addDays, formatDate, isDateOnly, londonDateAndTime, londonInstant } from './london-time';

describe('londonInstant', () => {
  it('reads a winter time as GMT and a summer time as BST', () => {
    expect(londonInstant('2026-01-15', '12:30')?.toISOString()).toBe('2026-01-15T12:30:00.000Z');
    expect(londonInstant('2026-07-15', '12:30')?.toISOString()).toBe('2026-07-15T11:30:00.000Z');
  });

  it('takes the earlier moment in the hour the clocks go back', () => {
    // 25 October 2026: 01:30 happens in BST, then again in GMT.
    expect(londonInstant('2026-10-25', '01:30')?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('reads the hour skipped when the clocks go forward as before the change', () => {
    // 29 March 2026: 01:00 GMT becomes 02:00 BST; 01:30 never shows on a London clock.
    expect(londonInstant('2026-03-29', '01:30')?.toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(londonInstant('2026-03-29', '02:30')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('refuses dates and times that do not exist', () => {
    expect(londonInstant('2026-02-30', '10:00')).toBeNull();
    expect(londonInstant('2026-02-10', '24:10')).toBeNull();
    expect(londonInstant('', '10:00')).toBeNull();
  });
});

describe('londonDateAndTime', () => {
  it('gives the London calendar day, which can differ from UTC', () => {
    expect(londonDateAndTime('2026-06-30T23:30:00.000Z')).toEqual({
      date: '2026-07-01',
      time: '00:30',
    });
    expect(londonDateAndTime('2026-12-31T23:30:00.000Z')).toEqual({
      date: '2026-12-31',
      time: '23:30',
    });
  });

  it('round-trips with londonInstant', () => {
    const instant = londonInstant('2026-05-04', '08:05');
    expect(instant && londonDateAndTime(instant)).toEqual({ date: '2026-05-04', time: '08:05' });
  });
});

describe('calendar dates', () => {
  it('checks, formats and counts days without time zones', () => {
    expect(isDateOnly('2024-02-29')).toBe(true);
    expect(isDateOnly('2025-02-29')).toBe(false);
    expect(formatDate('2026-03-03')).toBe('3 Mar 2026');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
});
