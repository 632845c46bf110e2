/**
 * The simulator's clock for record changes. It never runs backwards and never repeats a
 * timestamp, so a change made after a delta sync always has a strictly later `updated_at`, even
 * when the generated data describes a day after the machine's date or two changes share a
 * millisecond.
 */
export type SimClock = {
  /** A fresh, strictly increasing ISO timestamp for a change. */
  tick(): string;
  /** Today's date (`YYYY-MM-DD`, UTC) according to the clock. */
  today(): string;
};

export function createSimClock(now: () => Date, floorIso: string): SimClock {
  let lastMs = Date.parse(floorIso);
  return {
    tick() {
      lastMs = Math.max(now().getTime(), lastMs + 1);
      return new Date(lastMs).toISOString();
    },
    today() {
      return new Date(Math.max(now().getTime(), lastMs)).toISOString().slice(0, 10);
    },
  };
}
