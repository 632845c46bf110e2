/**
 * What people type into the affected-person field, generated deterministically from the names
 * in the directory: mostly the first letters of a name, then longer forms and the odd typo.
 */
import { nameTokens } from '../src/server/features/people/search-text';
import { createSeededRandom, type SeededRandom } from '../src/wonde-simulator/index';
import type { BenchPerson } from './search-data';

export const QUERY_KINDS = [
  'prefix-1',
  'prefix-2',
  'prefix-3',
  'forename3-surname',
  'full-name',
  'surname-forename',
  'typo',
] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

/** How each kind reads in the tables, with an example. */
export const KIND_LABELS: Record<QueryKind, string> = {
  'prefix-1': '1 letter ("s")',
  'prefix-2': '2 letters ("sm")',
  'prefix-3': '3 letters ("smi")',
  'forename3-surname': 'forename3 surname ("oli smi")',
  'full-name': 'full name ("oliver smith")',
  'surname-forename': 'surname forename ("smith oliver")',
  typo: 'typo ("olivr", "oliver smiht")',
};

/**
 * Shares of the mix, in percent. An autocomplete sends a request per keystroke, so short
 * prefixes dominate; a whole name, or a name in surname-first order, is rarer, and so are typos
 * noticed only after a few letters.
 */
export const MIX: Record<QueryKind, number> = {
  'prefix-1': 15,
  'prefix-2': 20,
  'prefix-3': 20,
  'forename3-surname': 15,
  'full-name': 12,
  'surname-forename': 6,
  typo: 12,
};

export type BenchQuery = { kind: QueryKind; text: string };

/** The first word of a name as it is searched ("O'Connor" → "oconnor"). */
const wordOf = (name: string): string => nameTokens(name)[0] ?? '';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One letter dropped, doubled or changed, never the first one. */
function misspell(rng: SeededRandom, word: string): string {
  const at = rng.int(1, word.length - 1);
  const letter = word[at] ?? 'e';
  const kind = rng.weighted([
    ['drop', 1],
    ['double', 1],
    ['change', 1],
  ] as const);
  if (kind === 'drop') return word.slice(0, at) + word.slice(at + 1);
  if (kind === 'double') return word.slice(0, at) + letter + word.slice(at);
  const others = [...LETTERS].filter((c) => c !== letter);
  return word.slice(0, at) + rng.pick(others) + word.slice(at + 1);
}

const plain = (word: string) => /^[a-z]{5,}$/.test(word);

function queryOf(rng: SeededRandom, kind: QueryKind, people: readonly BenchPerson[]): string {
  // Bounded: a directory of thousands always has a person fitting within a few draws.
  for (let attempt = 0; attempt < 1_000; attempt++) {
    const person = rng.pick(people);
    const forename = wordOf(person.firstName);
    const surname = wordOf(person.lastName);
    if (forename.length < 3 || surname.length < 2) continue;
    const either = rng.chance(0.5) ? forename : surname;
    switch (kind) {
      case 'prefix-1':
        return either.slice(0, 1);
      case 'prefix-2':
        return either.slice(0, 2);
      case 'prefix-3':
        if (either.length < 3) continue;
        return either.slice(0, 3);
      case 'forename3-surname':
        return `${forename.slice(0, 3)} ${surname.slice(0, rng.int(2, 4))}`;
      case 'full-name':
        return `${person.firstName} ${person.lastName}`.toLowerCase();
      case 'surname-forename':
        return `${person.lastName} ${person.firstName}`.toLowerCase();
      case 'typo': {
        const inForename = rng.chance(0.5);
        const word = inForename ? forename : surname;
        if (!plain(word)) continue;
        const typo = misspell(rng, word);
        // Half the time the typo is all that was typed; else it sits beside the other name.
        if (rng.chance(0.5)) return typo;
        return inForename ? `${typo} ${surname}` : `${forename} ${typo}`;
      }
    }
  }
  throw new Error(`no person fits a ${kind} query`);
}

/**
 * `count` queries in the proportions of {@link MIX}, shuffled, from the current people of
 * `people`; the same seed and people give the same queries.
 */
export function generateQueries(
  seed: string,
  people: readonly BenchPerson[],
  count: number,
): BenchQuery[] {
  const rng = createSeededRandom(seed);
  const current = people.filter((p) => p.status === 'current');
  const total = QUERY_KINDS.reduce((sum, kind) => sum + MIX[kind], 0);
  const kinds: QueryKind[] = [];
  for (const kind of QUERY_KINDS) {
    const n = Math.round((count * MIX[kind]) / total);
    for (let i = 0; i < n; i++) kinds.push(kind);
  }
  while (kinds.length > count) kinds.pop();
  while (kinds.length < count) kinds.push('prefix-2');
  return rng.shuffle(kinds).map((kind) => ({ kind, text: queryOf(rng, kind, current) }));
}
