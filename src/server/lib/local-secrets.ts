import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const SecretsSchema = z.object({ sessionSecret: z.string().min(32) });
export type LocalSecrets = z.infer<typeof SecretsSchema>;

/**
 * Secrets for the embedded default, kept beside its database in DATA_DIR so sessions survive a
 * restart without anyone having to set SESSION_SECRET. Created once, readable by the owner only.
 */
export function loadOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const parsed = SecretsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file} is damaged; remove it to create new secrets.`);
    return parsed.data;
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets: LocalSecrets = { sessionSecret: randomBytes(32).toString('base64url') };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}
