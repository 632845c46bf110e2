import { promises as dns } from 'node:dns';

/** The DNS servers could not answer (refused, timed out, failed): not the same as "no record". */
export class DnsLookupError extends Error {
  constructor(
    readonly domain: string,
    readonly code: string | undefined,
    options: { cause: unknown },
  ) {
    super(`TXT lookup of ${domain} failed${code ? ` (${code})` : ''}`, options);
    this.name = 'DnsLookupError';
  }
}

/** Answers that say the name, or its TXT records, do not exist. */
const NO_RECORDS = new Set(['ENOTFOUND', 'ENODATA']);

/**
 * The TXT records of a name, each as one string (a record's parts joined); none when the name or
 * its TXT records do not exist. `servers` are `ip` or `ip:port`; empty for the system's.
 */
export async function readTxtRecords(name: string, servers: readonly string[]): Promise<string[]> {
  const resolver = new dns.Resolver({ timeout: 3_000, tries: 2 });
  if (servers.length > 0) resolver.setServers([...servers]);
  try {
    const records = await resolver.resolveTxt(name);
    return records.map((parts) => parts.join(''));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code && NO_RECORDS.has(code)) return [];
    throw new DnsLookupError(name, code, { cause: error });
  }
}
