import type { IndexVaultError } from '../shared/errors.js';

/**
 * What to do about an error, in the action's inputs. The core's hints may name CLI flags
 * (`--force`, `index-vault verify`), which mean nothing in a workflow; the error's code and
 * `details` say what happened, and this says it in the words of action.yml.
 */
export function actionHint(err: IndexVaultError): string | undefined {
  const d = err.details as { pack?: string; series?: string; key?: string };
  switch (err.code) {
    case 'E_NOT_FOUND':
      if (d.pack) return 'a pack of the chain was evicted from the cache or its artifact expired: the chain is broken; set incremental: false on the next backup to start a new chain, or restore an older snapshot';
      if (d.key && /\/packs\//.test(d.key)) return 'the chain is broken (evicted or expired): take a full snapshot (incremental: false)';
      break;
    case 'E_INTEGRITY':
      return 'the stored snapshot is damaged: run this action with mode: verify to see which snapshots are sound, and take a full snapshot (incremental: false)';
    case 'E_PORTABILITY':
      return 'rename them, or set portability: warn (or off) if the snapshot only needs to restore on this OS';
    case 'E_CHANGED':
      return 'something is writing to the index: back up after the writer has finished (or set format: to the index type)';
    case 'E_LOCKED':
      return 'another step or process is using the directory; run the steps one after the other';
  }
  // A core hint that names a CLI flag or command would mislead in a workflow: keep only plain ones.
  return err.hint && !/(^|\s)--[a-z]|`index-vault /.test(err.hint) ? err.hint : undefined;
}
