import { ValidationError } from '../shared/errors.js';
import type { Manifest } from '../snapshot/manifest.js';
import type { IndexFormat } from './index-format.js';
import { detectLance, selectLance, type LanceTableFacts } from './lancedb.js';
import { deepVerifyLance } from './lancedb-deep-verify.js';
import { DEFAULT_LANCE_VERSIONS, LANCE_VERSION_MODES } from './selection.js';

/** A LanceDB database (tables `*.lance` inside) or a single table directory. */
export const lancedbFormat: IndexFormat = {
  name: 'lancedb',
  async detect(dir) {
    return (await detectLance(dir)) !== undefined;
  },
  checkOptions(options) {
    const mode = options.lanceVersions;
    if (mode !== undefined && !LANCE_VERSION_MODES.includes(mode)) {
      throw new ValidationError(`invalid lanceVersions ${JSON.stringify(mode)}`, {
        hint: `valid values: ${LANCE_VERSION_MODES.join(', ')}`,
      });
    }
  },
  async select(dir, options) {
    const tables = await detectLance(dir);
    if (!tables) {
      throw new ValidationError(`${dir} holds no LanceDB table (no *.lance directory with _versions/)`, {
        hint: 'point at the database directory or a table directory, or let the format be detected',
        details: { remedy: 'format-auto' },
      });
    }
    return selectLance(dir, tables, options.lanceVersions ?? DEFAULT_LANCE_VERSIONS);
  },
  async deepVerify(staging, manifest: Manifest) {
    const tables = (manifest.source.facts?.tables ?? []) as LanceTableFacts[];
    // A single table is restored under the name it had at the source.
    const single = tables.length === 1 && tables[0]!.table === '' ? manifest.source.name.replace(/\.lance$/, '') : undefined;
    await deepVerifyLance(staging, single !== undefined ? [{ ...tables[0]!, table: single }] : tables, single);
  },
  subtreesFor(name, manifest: Manifest) {
    const tables = (manifest.source.facts?.tables ?? []) as LanceTableFacts[];
    const wanted = name.replace(/\.lance$/, '');
    // A snapshot of a single table directory is that table as a whole.
    if (tables.length === 1 && tables[0]!.table === '') return manifest.source.name.replace(/\.lance$/, '') === wanted ? [''] : [];
    return tables.some((t) => t.table === wanted) ? [`${wanted}.lance`] : [];
  },
};
