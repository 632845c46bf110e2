import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DATA_DIR_MODE, DATA_FILE_MODE } from './data-dir';

const SecretsSchema = z.object({
  sessionSecret: z.string().min(32),
  /** 32 bytes, base64url. */
  encryptionKey: z.string().min(43),
  webhookSecret: z.string().min(16),
});
export type LocalSecrets = z.infer<typeof SecretsSchema>;

/**
 * Secrets for the embedded default, kept beside its database in DATA_DIR so sessions survive a
 * restart without anyone having to set SESSION_SECRET. Created once, readable by the owner only.
 */
export function loadOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, 'secrets.json');
  const stored: unknown = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const fresh: LocalSecrets = {
    sessionSecret: randomBytes(32).toString('base64url'),
    encryptionKey: randomBytes(32).toString('base64url'),
    webhookSecret: randomBytes(24).toString('base64url'),
  };
  // Keep what exists (sessions and sealed tokens depend on it); add what a newer version needs.
  const parsed = SecretsSchema.partial().safeParse(stored);
  if (!parsed.success) throw new Error(`${file} is damaged; remove it to create new secrets.`);
  const secrets = { ...fresh, ...parsed.data };
  if (Object.keys(parsed.data).length < Object.keys(fresh).length) {
    mkdirSync(dataDir, { recursive: true, mode: DATA_DIR_MODE });
    writeFileSync(file, JSON.stringify(secrets), { mode: DATA_FILE_MODE });
    // The mode given above is for a new file only.
    chmodSync(file, DATA_FILE_MODE);
  }
  return secrets;
}
