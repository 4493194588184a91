import fs from 'node:fs/promises';
import path from 'node:path';
import { IoError, NotFoundError, ValidationError } from '../shared/errors.js';

/**
 * A local store path that is missing or not a directory is a mistake, not an empty store: a
 * typo in `--store` must not read as "no snapshots". Only backup may create the store.
 */
export async function assertLocalStoreDir(dir: string, mayCreate: boolean): Promise<void> {
  const where = path.resolve(dir);
  let st;
  try {
    st = await fs.stat(where);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR')
      throw new ValidationError(`store ${where} lies below a file, not a directory`, { hint: 'check --store', details: { store: where } });
    if (code !== 'ENOENT')
      throw new IoError(`cannot read store ${where}: ${code ?? (err as Error).message}`, { cause: err, details: { store: where } });
    if (mayCreate) return;
    throw new NotFoundError(`store ${where} does not exist`, {
      hint: 'check --store (backup creates a store; the other commands read one)',
      details: { store: where },
    });
  }
  if (!st.isDirectory())
    throw new ValidationError(`store ${where} is a file, not a directory`, { hint: 'check --store', details: { store: where } });
}
