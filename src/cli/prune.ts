import { parseDuration, prune } from '../engine/prune.js';
import { listSeries } from '../engine/series.js';
import { ValidationError } from '../shared/errors.js';
import { formatBytes } from '../shared/units.js';
import { COMMON, type CommandSpec } from './command.js';
import { oneSeries } from './one-series.js';
import { integer } from './option-values.js';
import { plural } from './plural.js';
import { withStore, type StoreInvocation } from './with-store.js';

export const pruneCommand: CommandSpec = {
  usage: 'index-vault prune --store <dir> [--name N] --keep-last K [--keep-within DURATION] [--dry-run] [--json]',
  about: 'Delete old snapshots and the packs only they needed; every kept snapshot stays restorable.',
  options: { ...COMMON, 'keep-last': { type: 'string' }, 'keep-within': { type: 'string' }, 'dry-run': { type: 'boolean' } },
  positionals: 0,
  run: (inv) => withStore(inv, runPrune),
};

async function runPrune({ values, usage, store, name, logger, out }: StoreInvocation): Promise<number> {
  if (values['keep-last'] === undefined) throw new ValidationError('prune needs --keep-last K', { hint: `usage: ${usage}` });
  const keepLast = integer(values['keep-last'] as string, '--keep-last');
  let keepWithinMs: number | undefined;
  if (values['keep-within'] !== undefined) {
    keepWithinMs = parseDuration(values['keep-within'] as string);
    if (keepWithinMs === undefined)
      throw new ValidationError(`invalid --keep-within ${JSON.stringify(values['keep-within'])}`, {
        hint: 'give a duration such as 30m, 12h, 7d or 2w',
      });
  }
  const seriesList = name ? [await oneSeries(store, values, name, undefined)] : await listSeries(store);
  const results = [];
  for (const s of seriesList)
    results.push(await prune({ store, series: s, keepLast, keepWithinMs, dryRun: values['dry-run'] === true, logger }));
  const verb = values['dry-run'] ? 'would delete' : 'deleted';
  out(
    { ok: true, dryRun: values['dry-run'] === true, series: results },
    results
      .map(
        (r) =>
          `${r.series}: ${verb} ${plural(r.deleted.length, 'snapshot')} and ${plural(r.packsDeleted.length, 'pack')}, ${formatBytes(r.bytesFreed)}; kept ${r.kept.length}${r.deleted.length ? `\n  ${r.deleted.join('\n  ')}` : ''}`,
      )
      .join('\n') || `no snapshots in ${store.description}`,
  );
  return 0;
}
