import { describe, expect, it } from 'vitest';
import { paginate, parsePageRequest, parseUpdatedAfter } from './list-query.lib';

describe('parseUpdatedAfter', () => {
  it.each([
    ['2024-06-24 00:00:00', '2024-06-24T00:00:00.000Z'],
    ['2024-06-24 13:45:07', '2024-06-24T13:45:07.000Z'],
    ['2024-06-24T13:45:07Z', '2024-06-24T13:45:07.000Z'],
    ['2024-06-24T13:45:07.123Z', '2024-06-24T13:45:07.123Z'],
    ['2024-06-24T13:45:07.123456Z', '2024-06-24T13:45:07.123Z'],
    ['2024-06-24T13:45:07', '2024-06-24T13:45:07.000Z'],
    ['2024-06-24T14:45:07+01:00', '2024-06-24T13:45:07.000Z'],
    ['2024-06-24T14:45:07+0100', '2024-06-24T13:45:07.000Z'],
    ['2024-06-24T14:45:07 01:00', '2024-06-24T13:45:07.000Z'],
    ['2024-06-24T08:45:07-05:00', '2024-06-24T13:45:07.000Z'],
    ['2024-06-24 13:45', '2024-06-24T13:45:00.000Z'],
    ['2024-06-24', '2024-06-24T00:00:00.000Z'],
    [' 2024-06-24 13:45:07 ', '2024-06-24T13:45:07.000Z'],
  ])('reads %j as %s (UTC unless an offset is given)', (raw, iso) => {
    expect(new Date(parseUpdatedAfter(raw) ?? Number.NaN).toISOString()).toBe(iso);
  });

  it.each([
    '',
    'now',
    '24/06/2024',
    '2024-6-24',
    '2024-02-30 00:00:00',
    '2024-06-24 25:00:00',
    '2024-06-24T13:45:07+25:00x',
  ])('rejects %j', (raw) => {
    expect(parseUpdatedAfter(raw)).toBeNull();
  });
});

describe('parsePageRequest', () => {
  it.each([
    ['', 1, 50],
    ['page=3&per_page=10', 3, 10],
    ['per_page=200', 1, 200],
    ['per_page=201', 1, 200],
    ['per_page=0&page=0', 1, 50],
    ['per_page=ten&page=two', 1, 50],
    ['per_page=2.5', 1, 50],
  ])('reads %j as page %i of %i', (query, page, perPage) => {
    expect(parsePageRequest(new URLSearchParams(query))).toEqual({ page, perPage });
  });
});

describe('paginate', () => {
  const items = Array.from({ length: 5 }, (_, i) => i);
  const request = (rawQuery: string) => ({
    origin: 'http://127.0.0.1:9',
    path: '/v1.0/x',
    query: new URLSearchParams(rawQuery),
    rawQuery,
  });

  it('sends Wonde pagination meta with absolute links that keep the query', () => {
    expect(paginate(items, request('include=a,b&per_page=2&page=2'), (n) => n)).toEqual({
      data: [2, 3],
      pagination: {
        next: 'http://127.0.0.1:9/v1.0/x?include=a,b&per_page=2&page=3',
        previous: 'http://127.0.0.1:9/v1.0/x?include=a,b&per_page=2&page=1',
        more: true,
        per_page: 2,
        current_page: 2,
      },
    });
    expect(paginate(items, request('per_page=2&page=3'), (n) => n).pagination).toMatchObject({
      next: null,
      more: false,
    });
    expect(paginate([], request(''), (n) => n)).toEqual({
      data: [],
      pagination: { next: null, previous: null, more: false, per_page: 50, current_page: 1 },
    });
  });
});
