import type { IndexVaultError } from '../shared/errors.js';
import { remedyOf, type Remedy } from '../shared/remedy.js';

/** Each remedy in the words of action.yml: the input that does it, or undefined where a workflow has none. */
const ACTION: Record<Remedy, (err: IndexVaultError) => string | undefined> = {
  // The action restores with force: true always; a target not empty never stops it.
  force: () => undefined,
  'full-snapshot': () =>
    'the chain is broken (evicted or expired): take a full snapshot (incremental: false), or restore an older snapshot',
  verify: () =>
    'the stored snapshot is damaged: run this action with mode: verify to see which snapshots are sound, and take a full snapshot (incremental: false)',
  portability: () => 'rename them, or set portability: warn (or off) if the snapshot only needs to restore on this OS',
  'follow-links': () => 'remove them from the directory before the backup',
  series: () => 'set name: to the series',
  store: () => 'check name and backend (and github-token/run-id for another run)',
  'format-auto': () => 'point path: at the index directory, or set format: auto',
  'format-dir': (e) => e.hint?.replace(/back it up as plain files$/, 'set format: dir') ?? 'set format: dir',
  'format-aware': () => 'something is writing to the index: back up after the writer has finished (or set format: to the index type)',
  'lock-wait': () => 'another step or process is using the directory; run the steps one after the other',
  'no-deep-verify': () => 'add @lancedb/lancedb to the project, or set deep-verify: false',
};

/**
 * What to do about an error, in the action's inputs. The core's errors name a remedy
 * (`details.remedy`) or say what happened in their code and `details`; this says it in the words
 * of action.yml.
 */
export function actionHint(err: IndexVaultError): string | undefined {
  const d = err.details as { pack?: string; series?: string; key?: string };
  switch (err.code) {
    case 'E_NOT_FOUND':
      if (d.pack)
        return 'a pack of the chain was evicted from the cache or its artifact expired: the chain is broken; set incremental: false on the next backup to start a new chain, or restore an older snapshot';
      if (d.key && /\/packs\//.test(d.key)) return 'the chain is broken (evicted or expired): take a full snapshot (incremental: false)';
      break;
    case 'E_INTEGRITY':
      return ACTION.verify(err);
  }
  const remedy = remedyOf(err);
  if (remedy) return ACTION[remedy](err);
  if (err.code === 'E_CHANGED') return ACTION['format-aware'](err);
  if (err.code === 'E_LOCKED') return ACTION['lock-wait'](err);
  // A core hint that names a CLI flag or command would mislead in a workflow: keep only plain ones.
  return err.hint && !/(^|\s)--[a-z]|`index-vault /.test(err.hint) ? err.hint : undefined;
}
