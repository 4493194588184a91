import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { importOptional } from './optional-module.js';
import { IntegrityError, UnsupportedError } from '../core/errors.js';
import type { LanceTableFacts } from './lancedb.js';

/**
 * Opens every restored table with LanceDB itself and checks it is at the pinned version with the
 * pinned row count. `@lancedb/lancedb` is an optional peer dependency, loaded only here.
 */
export async function deepVerifyLance(dir: string, tables: LanceTableFacts[], singleTableName?: string): Promise<void> {
  let lancedb: typeof import('@lancedb/lancedb');
  try {
    lancedb = await importOptional<typeof import('@lancedb/lancedb')>('@lancedb/lancedb');
  } catch (err) {
    throw new UnsupportedError('--deep-verify needs the @lancedb/lancedb package', { cause: err, hint: 'npm install @lancedb/lancedb, or restore without --deep-verify' });
  }
  // A single table restored into a staging directory is opened through a link with its real name.
  let linkDir: string | undefined;
  let dbDir = dir;
  if (singleTableName !== undefined) {
    linkDir = await fs.mkdtemp(path.join(os.tmpdir(), 'index-vault-verify-'));
    await fs.symlink(dir, path.join(linkDir, `${singleTableName}.lance`), 'dir');
    dbDir = linkDir;
  }
  const db = await lancedb.connect(dbDir);
  try {
    for (const t of tables) {
      const table = await db.openTable(singleTableName ?? t.table);
      try {
        const [version, rows] = [await table.version(), await table.countRows()];
        if (version !== t.version || rows !== t.rows) {
          throw new IntegrityError(`restored table ${t.table} opens at version ${version} with ${rows} rows; the snapshot pinned version ${t.version} with ${t.rows}`, {
            hint: 'the snapshot does not hold a consistent table; restore another snapshot',
          });
        }
      } finally {
        table.close();
      }
    }
  } finally {
    db.close();
    if (linkDir) await fs.rm(linkDir, { recursive: true, force: true });
  }
}
