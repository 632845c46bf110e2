import { describe, expect, it } from 'vitest';
import {
  dateOnly,
  dateTime,
  isStorableText,
  text,
  toStorableText,
  UNSTORABLE_TEXT,
} from './fields';

const messagesOf = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe('text', () => {
  it('holds any character, surrogate pairs included', () => {
    for (const value of ['', 'Zoë O’Brien', '😀 emoji', '中文', 'tab\there', 'line\nbreak'])
      expect(isStorableText(value), value).toBe(true);
  });

  it('refuses NUL and either half of a surrogate pair on its own', () => {
    for (const value of [
      '\u0000',
      'a\u0000b',
      '\ud800',
      'x\udbff',
      '\udc00x',
      'a\ud83d',
      '\ude00b',
    ])
      expect(isStorableText(value), JSON.stringify(value)).toBe(false);
  });

  it('can be made storable: NUL left out, a lone surrogate replaced, pairs kept', () => {
    expect(toStorableText('A\u0000da \ud800x \udc00 😀')).toBe('Ada \ufffdx \ufffd 😀');
    expect(toStorableText('Zoë')).toBe('Zoë');
  });

  it('says so before any other check of the field', () => {
    const schema = text().trim().min(1, 'is required').max(3, 'is too long');
    expect(messagesOf(schema.safeParse('long\u0000'))).toEqual([UNSTORABLE_TEXT]);
    expect(messagesOf(schema.safeParse('long'))).toEqual(['is too long']);
  });
});

describe('dates', () => {
  it('takes 1900 to 2100', () => {
    for (const value of ['1900-01-01', '2026-02-28', '2100-12-31'])
      expect(dateOnly().safeParse(value).success, value).toBe(true);
    for (const value of ['1900-01-01T00:00:00Z', '2100-12-31T23:59:59.999+14:00'])
      expect(dateTime().safeParse(value).success, value).toBe(true);
  });

  it('refuses years outside them, and malformed dates with the format alone', () => {
    for (const value of ['0000-01-01', '1899-12-31', '2101-01-01', '9999-12-31'])
      expect(messagesOf(dateOnly().safeParse(value)), value).toEqual([
        'must be between 1900 and 2100',
      ]);
    expect(messagesOf(dateTime().safeParse('0000-01-01T00:00:00Z'))).toEqual([
      'must be between 1900 and 2100',
    ]);
    for (const value of ['2024-02-30', '+275760-09-13', 'yesterday', '2024-1-1'])
      expect(messagesOf(dateOnly().safeParse(value)), value).toEqual([
        'must be a date (YYYY-MM-DD)',
      ]);
  });
});
