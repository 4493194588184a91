import { listSeries, listSnapshotIds, loadManifestHead } from '../engine/series.js';
import { isIndexVaultError } from '../shared/errors.js';
import { formatBytes } from '../shared/units.js';
import { COMMON, type CommandSpec } from './command.js';
import { oneSeries } from './one-series.js';
import { withStore, type StoreInvocation } from './with-store.js';

export const listCommand: CommandSpec = {
  usage: 'index-vault list --store <dir> [--name N] [--json]',
  about: 'List the snapshots in a store.',
  options: { ...COMMON },
  positionals: 0,
  run: (inv) => withStore(inv, runList),
};

async function runList({ values, store, name, out }: StoreInvocation): Promise<number> {
  const seriesList = name ? [await oneSeries(store, values, name, undefined)] : await listSeries(store);
  const rows = [];
  for (const s of seriesList) {
    for (const sid of await listSnapshotIds(store, s)) {
      try {
        // Checked as every reader checks it, without holding its entries.
        const m = await loadManifestHead(store, s, sid);
        rows.push({
          series: s,
          id: sid,
          kind: m.kind,
          parent: m.parent?.id ?? null,
          files: m.totals.files,
          bytes: m.totals.bytes,
          storedBytes: m.totals.storedBytes,
          createdAt: m.createdAt,
        });
      } catch (err) {
        rows.push({ series: s, id: sid, error: isIndexVaultError(err) ? err.code : 'E_INTEGRITY' });
      }
    }
  }
  const text = [
    ['SERIES', 'ID', 'KIND', 'PARENT', 'FILES', 'BYTES', 'STORED', 'CREATED'].join('\t'),
    ...rows.map((r) =>
      'error' in r
        ? `${r.series}\t${r.id}\tunreadable (${r.error})`
        : [r.series, r.id, r.kind, r.parent ?? '-', r.files, formatBytes(r.bytes), formatBytes(r.storedBytes), r.createdAt].join('\t'),
    ),
  ].join('\n');
  out({ ok: true, store: store.description, snapshots: rows }, rows.length === 0 ? `no snapshots in ${store.description}` : text);
  return 0;
}
