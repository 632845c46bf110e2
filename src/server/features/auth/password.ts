import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB, two passes, one lane. @node-rs/argon2 hashes with
// argon2id unless told otherwise (its Algorithm enum is a const enum we cannot import here).
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

// Verified against when the account is unknown, so both cases cost the same time.
const decoyHash = hash('decoy password that matches nothing', options);

/** Verifies a password; with no stored hash it still spends the time a real check takes. */
export async function verifyPassword(
  storedHash: string | null,
  password: string,
): Promise<boolean> {
  try {
    const matches = await verify(storedHash ?? (await decoyHash), password);
    return storedHash !== null && matches;
  } catch {
    return false;
  }
}
