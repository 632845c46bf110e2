import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-path';

describe('safeNextPath', () => {
  it.each([
    '/',
    '/incidents',
    '/incidents?status=open&schoolId=6f1d2a52-3c1e-4c61-9a55-0d4c1f7c3b11',
    '/people?q=ada+lovelace',
    '/people?q=Ren%C3%A9e',
    '/incidents?q=100%25',
    `/${'a'.repeat(499)}`,
  ])('keeps the path %s', (path) => {
    expect(safeNextPath(path)).toBe(path);
  });

  it.each([
    ['a tab', '/\t/127.0.0.1:3394/pwned'],
    ['an escaped tab', '/%09/127.0.0.1:3394/pwned'],
    ['a backslash', '/\\evil.example'],
    ['a backslash in the middle', '/incidents\\x'],
    ['an escaped backslash', '/%5Cevil.example'],
    ['a carriage return', '/incidents\r\nSet-Cookie: x=1'],
    ['a line feed', '/incidents\nx'],
    ['an escaped line break', '/incidents%0D%0ASet-Cookie:%20x=1'],
    ['a space', '/incidents x'],
    ['two slashes', '//evil.example/x'],
    ['a slash and a backslash', '/\\evil.example/x'],
    ['an escaped second slash', '/%2F/evil.example'],
    ['an escaped second slash, escaped again', '/%252F/evil.example'],
    ['an escaped second slash, lower case', '/%2f%2fevil.example'],
    ['an absolute URL', 'https://evil.example/'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'incidents'],
    ['a fragment', '/incidents#x'],
    ['a character that needs escaping', '/incidents/<script>'],
    ['a raw non-ASCII character', '/people/René'],
    ['a broken escape', '/incidents%zz'],
    ['a Unicode line separator, escaped', '/incidents%E2%80%A8x'],
    ['more than 500 characters', `/${'a'.repeat(500)}`],
    ['nothing', ''],
    ['not text', ['/a', '/b']],
  ])('refuses %s', (_label, value) => {
    expect(safeNextPath(value)).toBeNull();
  });
});
