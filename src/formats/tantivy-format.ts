import fs from 'node:fs/promises';
import path from 'node:path';
import { ioError, ValidationError } from '../shared/errors.js';
import type { IndexFormat } from './index-format.js';
import { readTantivyMeta, selectTantivy, tantivyManagedFiles } from './tantivy.js';

/** A Tantivy index directory: meta.json and the segment files it lists. */
export const tantivyFormat: IndexFormat = {
  name: 'tantivy',
  async detect(dir) {
    return (await readTantivyMeta(dir)) !== undefined;
  },
  async select(dir) {
    const meta = await readTantivyMeta(dir);
    if (!meta)
      throw new ValidationError(`${dir} has no Tantivy meta.json`, {
        hint: 'point at the index directory, or let the format be detected',
        details: { remedy: 'format-auto' },
      });
    return selectTantivy(dir, meta);
  },
  async afterRestore(staging, manifest) {
    // Tantivy garbage-collects only files listed in .managed.json: list the index files restored, never the user's own.
    const listed = tantivyManagedFiles(manifest.entries.filter((e) => e.type === 'file').map((e) => e.path));
    const file = path.join(staging, '.managed.json');
    await fs.writeFile(file, JSON.stringify(listed), { flag: 'wx' }).catch((err) => {
      throw ioError(err, 'cannot write', file);
    });
  },
};
