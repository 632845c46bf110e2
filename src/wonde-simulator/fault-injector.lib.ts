import type { SeededRandom } from './seeded-random.lib';

/**
 * - `429`: Too Many Requests with a `Retry-After` header (seconds).
 * - `500`, `503`: server errors with a JSON error body (`503` also sends `Retry-After` if set).
 * - `401`: a refusal of the token on one request, as Wonde was seen to give now and then.
 * - `slow`: the real response, after `delayMs`.
 * - `reset`: the connection is destroyed without any response.
 * - `truncated`: status 200 and a well-formed HTTP message whose JSON body stops halfway.
 */
export type FaultKind = '401' | '429' | '500' | '503' | 'slow' | 'reset' | 'truncated';

export const FAULT_KINDS: readonly FaultKind[] = [
  '401',
  '429',
  '500',
  '503',
  'slow',
  'reset',
  'truncated',
];

export type FaultSpec = {
  kind: FaultKind;
  /** Fire on at most this many matching requests. Default 1, or unlimited when `rate` is set. */
  count?: number;
  /** Fire on each matching request with this probability (0–1), drawn from a seeded generator. */
  rate?: number;
  /** Only requests whose path and query contain this text, e.g. `/students` or `page=3`. */
  pathIncludes?: string;
  /** For `429` (default 1) and `503`. */
  retryAfterSeconds?: number;
  /** For `slow` (default 2000). */
  delayMs?: number;
};

export type FaultRule = FaultSpec & { id: number; remaining: number; fired: number };

export type FaultInjector = {
  add(spec: FaultSpec): FaultRule;
  clear(): void;
  list(): FaultRule[];
  /** The rule that fires for this request, if any; consumes one of its uses. */
  take(pathAndQuery: string): FaultRule | null;
};

export function createFaultInjector(rng: SeededRandom): FaultInjector {
  let rules: FaultRule[] = [];
  let nextId = 1;
  return {
    add(spec) {
      const remaining = spec.count ?? (spec.rate === undefined ? 1 : Number.POSITIVE_INFINITY);
      const rule: FaultRule = { ...spec, id: nextId, remaining, fired: 0 };
      nextId += 1;
      rules.push(rule);
      return { ...rule };
    },
    clear() {
      rules = [];
    },
    list: () => rules.map((rule) => ({ ...rule })),
    take(pathAndQuery) {
      for (const rule of rules) {
        if (rule.remaining <= 0) continue;
        if (rule.pathIncludes !== undefined && !pathAndQuery.includes(rule.pathIncludes)) continue;
        if (rule.rate !== undefined && !rng.chance(rule.rate)) continue;
        rule.remaining -= 1;
        rule.fired += 1;
        const fired = { ...rule };
        rules = rules.filter((candidate) => candidate.remaining > 0);
        return fired;
      }
      return null;
    },
  };
}
