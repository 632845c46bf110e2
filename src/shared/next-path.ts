/**
 * The page of Plaster to return to after signing in (`next`): a path on this site and nothing
 * else. The server checks it before an SSO sign-in begins and the web app before it follows it.
 */

export const NEXT_PATH_MAX_LENGTH = 500;

/**
 * One leading `/`, then only the characters of a URL's path and query (RFC 3986: letters,
 * digits, `-._~!$&'()*+,;=:@/?` and `%XX` escapes): no whitespace, control characters,
 * backslashes, fragments or characters a browser would have to encode.
 */
const PATH_AND_QUERY = /^\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*$/;

/** `//host` and `/\host` are another site to a browser. */
const ANOTHER_SITE = /^\/[/\\]/;

/** Characters a browser drops or reads as a separator when it meets them in an address. */
const UNSAFE_DECODED = /[\p{Cc}\u2028\u2029\\]/u;

/** Escapes decoded in turn before giving up: real paths need one or two. */
const MAX_DECODING_ROUNDS = 4;

/** Decodes every run of escapes that is valid UTF-8 and leaves any other `%` as it is. */
const decodeEscapes = (text: string) =>
  text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });

/**
 * The value when it is a path on this site, or null: another site (`//host`, `/\host`, the same
 * behind `%2F` or `%5C`), an absolute URL (`https://…`, `javascript:`), whitespace or control
 * characters (raw or escaped), or more than 500 characters.
 */
export function safeNextPath(next: unknown): string | null {
  if (typeof next !== 'string' || next.length > NEXT_PATH_MAX_LENGTH) return null;
  if (!PATH_AND_QUERY.test(next) || ANOTHER_SITE.test(next)) return null;
  let current = next;
  for (let round = 0; round < MAX_DECODING_ROUNDS; round++) {
    const decoded = decodeEscapes(current);
    if (decoded === current) return next;
    if (ANOTHER_SITE.test(decoded) || UNSAFE_DECODED.test(decoded)) return null;
    current = decoded;
  }
  return null;
}
