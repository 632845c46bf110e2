import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Removes this run's database; the next run starts from a fresh demo organisation. */
export default function globalTeardown(): void {
  const dataDir = process.env.PLASTER_E2E_DATA_DIR;
  if (!dataDir || path.dirname(dataDir) !== os.tmpdir()) return;
  if (!path.basename(dataDir).startsWith('plaster-e2e-')) return;
  fs.rmSync(dataDir, { recursive: true, force: true });
}
