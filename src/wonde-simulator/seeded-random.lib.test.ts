import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './seeded-random.lib';

const draw = (seed: string | number, n = 20): number[] => {
  const rng = createSeededRandom(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('createSeededRandom', () => {
  it('repeats a sequence for a seed and differs between seeds', () => {
    expect(draw(1)).toEqual(draw(1));
    expect(draw('1')).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });

  it('stays within its ranges', () => {
    const rng = createSeededRandom(99);
    for (let i = 0; i < 5000; i += 1) {
      const value = rng.next();
      expect(value >= 0 && value < 1).toBe(true);
      const n = rng.int(-3, 3);
      expect(Number.isInteger(n) && n >= -3 && n <= 3).toBe(true);
    }
    expect(rng.hex(40)).toMatch(/^[0-9a-f]{40}$/);
    expect(rng.digits(10)).toMatch(/^\d{10}$/);
  });

  it('spreads picks and weights roughly as asked', () => {
    const rng = createSeededRandom(7);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i += 1)
      counts[
        rng.weighted([
          ['a', 3],
          ['b', 1],
        ] as const)
      ] += 1;
    expect(counts.a / 10_000).toBeGreaterThan(0.7);
    expect(counts.a / 10_000).toBeLessThan(0.8);
    const seen = new Set(Array.from({ length: 200 }, () => rng.pick(['x', 'y', 'z'])));
    expect(seen).toEqual(new Set(['x', 'y', 'z']));
    expect(rng.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(() => rng.pick([])).toThrow();
  });

  it('forks streams that depend only on the seed and the label', () => {
    const a = createSeededRandom(5);
    const b = createSeededRandom(5);
    b.next();
    b.next();
    expect(a.fork('school:1').hex(16)).toBe(b.fork('school:1').hex(16));
    expect(a.fork('school:1').hex(16)).not.toBe(a.fork('school:2').hex(16));
  });
});
