import { IntegrityError, isIndexVaultError, ValidationError } from '../shared/errors.js';
import { silentLogger, type Logger } from '../shared/logger.js';
import { listSnapshotIds, loadManifestHead, manifestKey } from './series.js';
import { withSeriesLease } from './series-lease.js';
import { signatureKey } from './signatures.js';
import { sweepStaleTemporaries } from './stale-temporaries.js';
import type { Store } from '../storage/store.js';

export interface PruneOptions {
  store: Store;
  series: string;
  /** Keep the newest K snapshots (at least 1: the newest is what the next incremental builds on). */
  keepLast: number;
  /** Also keep every snapshot younger than this. */
  keepWithinMs?: number;
  dryRun?: boolean;
  /** Packs that no snapshot lists (a killed backup) are removed only once this old (default 1 h), so a running backup keeps its packs. */
  orphanGraceMs?: number;
  logger?: Logger;
  now?: Date;
}

export interface PruneResult {
  series: string;
  kept: string[];
  deleted: string[];
  packsDeleted: string[];
  bytesFreed: number;
  dryRun: boolean;
}

/** Creation time encoded in a snapshot id (`20261122T143501123Z-…`). */
export function snapshotTime(id: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z/.exec(id)!;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!);
}

/**
 * Deletes old snapshots of a series and the packs only they needed. Every manifest lists all the
 * packs its snapshot needs (its own and those of the chain it builds on), so a pack is deleted
 * only when no kept manifest lists it: a kept snapshot always stays restorable. Manifests go
 * first, so a snapshot disappears whole before any of its packs do.
 */
export async function prune(options: PruneOptions): Promise<PruneResult> {
  // Two prunes of one series must not interleave; a dry run deletes nothing and needs no lease.
  if (options.dryRun) return pruneSeries(options);
  return withSeriesLease(options.store, options.series, 'prune', () => pruneSeries(options), { logger: options.logger });
}

async function pruneSeries(options: PruneOptions): Promise<PruneResult> {
  const logger = options.logger ?? silentLogger;
  if (!Number.isInteger(options.keepLast) || options.keepLast < 1) {
    throw new ValidationError(`--keep-last must be a whole number of at least 1 (got ${options.keepLast})`, {
      hint: 'the newest snapshot is always kept: it is what the next incremental builds on',
    });
  }
  // A NaN or negative window would keep nothing by age: the prune would delete what it was asked to keep.
  const within = options.keepWithinMs;
  if (within !== undefined && !(typeof within === 'number' && within >= 0)) {
    throw new ValidationError(`--keep-within must be a duration of 0 or more (got ${String(within)})`, {
      hint: 'give a duration such as 7d, 12h or 30m',
    });
  }
  const now = (options.now ?? new Date()).getTime();
  if (!Number.isFinite(now)) throw new ValidationError(`prune: 'now' is not a valid date`, { hint: 'pass a Date that holds a time' });
  const ids = await listSnapshotIds(options.store, options.series);
  const keep = new Set(ids.slice(-options.keepLast));
  if (options.keepWithinMs !== undefined) for (const id of ids) if (now - snapshotTime(id) <= options.keepWithinMs) keep.add(id);
  const doomed = ids.filter((id) => !keep.has(id));

  const needed = new Set<string>();
  for (const id of keep) {
    try {
      for (const p of (await loadManifestHead(options.store, options.series, id)).packs) needed.add(p.name);
    } catch (err) {
      // Without a kept manifest we cannot know which packs it needs: delete nothing.
      throw new IntegrityError(
        `cannot read kept snapshot ${id} of ${options.series}, so nothing was pruned: ${isIndexVaultError(err) ? err.message : String(err)}`,
        {
          hint: 'verify the stored snapshots and remove or repair that snapshot first',
          details: { remedy: 'verify' },
          cause: err,
        },
      );
    }
  }

  const doomedSet = new Set(doomed);
  const known = new Set(ids);
  const packs = await options.store.list(`${options.series}/packs/`);
  const packsToDelete = packs.filter((o) => {
    const name = o.key.slice(`${options.series}/packs/`.length);
    if (needed.has(name)) return false;
    const origin = name.slice(0, 28);
    if (doomedSet.has(origin)) return true;
    if (known.has(origin)) return false; // listed by its own (kept) snapshot in every case we write; leave it
    const age = o.modified ? now - o.modified.getTime() : Infinity;
    return age > (options.orphanGraceMs ?? 3_600_000);
  });

  const result: PruneResult = {
    series: options.series,
    kept: ids.filter((id) => keep.has(id)),
    deleted: doomed,
    packsDeleted: packsToDelete.map((o) => o.key.slice(`${options.series}/packs/`.length)),
    bytesFreed: packsToDelete.reduce((n, o) => n + o.size, 0),
    dryRun: options.dryRun ?? false,
  };
  if (options.dryRun) return result;
  await sweepStaleTemporaries(options.store, logger, now);
  for (const id of doomed) await options.store.delete(manifestKey(options.series, id));
  // A signature outlives its manifest harmlessly; it goes after it, as packs do.
  for (const id of doomed) await options.store.delete(signatureKey(options.series, id));
  for (const o of packsToDelete) await options.store.delete(o.key);
  logger.info(
    `pruned ${doomed.length} snapshot(s) and ${packsToDelete.length} pack(s) of ${options.series}, ${result.bytesFreed} bytes freed`,
  );
  return result;
}

/** Parses `30m`, `12h`, `7d`, `2w` (or plain seconds) into milliseconds. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d|w)?$/.exec(text.trim());
  if (!m) return undefined;
  const unit = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 }[(m[2] ?? 's') as 's'];
  return Number(m[1]) * unit * 1000;
}
