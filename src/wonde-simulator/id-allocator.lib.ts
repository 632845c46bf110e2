import type { SeededRandom } from './seeded-random.lib';

export type IdAllocator = {
  /** A fresh Wonde id: `A` followed by 10 digits, unique within this allocator. */
  nextWondeId(): string;
  /** A 32-hex Wonde person identifier. */
  nextUpi(): string;
  /** Marks ids as taken, e.g. those of an existing dataset. */
  reserve(id: string): void;
};

export function createIdAllocator(rng: SeededRandom): IdAllocator {
  const used = new Set<string>();
  return {
    nextWondeId() {
      // 10^10 ids make birthday collisions likely past ~100,000 people, so check each one.
      for (;;) {
        const id = `A${rng.int(1, 9)}${rng.digits(9)}`;
        if (!used.has(id)) {
          used.add(id);
          return id;
        }
      }
    },
    nextUpi: () => rng.hex(32),
    reserve(id) {
      used.add(id);
    },
  };
}
