/**
 * Names reduced to what people type: lower case, without accents, apostrophes or hyphens, so
 * "zoe" finds Zoë, "obrien" finds O'Brien and "jones" finds Smith-Jones. The same reduction is
 * applied to stored names (at sync) and to queries.
 */

// Letters that Unicode does not decompose into a base letter and a mark.
const SPECIAL: Record<string, string> = {
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ı: 'i',
};

export function foldName(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[øđðłßæœþı]/g, (c) => SPECIAL[c] ?? c)
    .replace(/['’‘`´]/g, '')
    .replace(/[^a-z0-9\s-]/g, ' ');
}

/** The words of a name; a hyphenated name also counts as one word ("smithjones"). */
export function nameTokens(...names: Array<string | null | undefined>): string[] {
  const tokens = new Set<string>();
  for (const name of names) {
    if (!name) continue;
    for (const word of foldName(name).split(/\s+/)) {
      if (!word) continue;
      const parts = word.split('-').filter(Boolean);
      for (const part of parts) tokens.add(part);
      if (parts.length > 1) tokens.add(parts.join(''));
    }
  }
  return [...tokens];
}

/** Stored beside each person: its name tokens, space-separated with a space at both ends. */
export function searchTextOf(...names: Array<string | null | undefined>): string {
  return ` ${nameTokens(...names).join(' ')} `;
}

/** The words of a query, at most five; "o'brien-smith" gives ["obriensmith"]. */
export function queryTokens(query: string): string[] {
  return foldName(query)
    .split(/\s+/)
    .map((w) => w.replace(/-/g, ''))
    .filter(Boolean)
    .slice(0, 5);
}
