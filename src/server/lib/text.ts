/** Escapes LIKE's wildcards so typed text matches itself. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Trimmed text, or null for nothing (null, undefined, blank). Numbers become text. */
export function cleanText(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

/** The first value that holds any text, trimmed; null if none does. */
export const firstText = (...values: Array<string | number | null | undefined>): string | null =>
  values.map(cleanText).find((v) => v !== null) ?? null;
