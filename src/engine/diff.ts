import { isIndexVaultError, NotFoundError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { diffIndexFacts, type IndexChange } from '../formats/facts-diff.js';
import type { Manifest } from '../snapshot/manifest.js';
import { diffManifests, type ManifestDiff } from '../snapshot/manifest-diff.js';
import type { SigningOptions } from '../snapshot/signature.js';
import { isSnapshotId } from '../snapshot/snapshot-id.js';
import type { Store } from '../storage/store.js';
import { listSnapshotIds, loadManifest } from './series.js';
import { assertSigned } from './signatures.js';

/** A snapshot as a diff names it. */
export interface DiffSide {
  id: string;
  kind: Manifest['kind'];
  createdAt: string;
  files: number;
  bytes: number;
}

export interface SnapshotDiff extends ManifestDiff {
  series: string;
  /** The earlier snapshot; null when there is none (everything is added). */
  from: DiffSide | null;
  to: DiffSide;
  /** What the index format's own facts say changed (its tables, versions, segments). */
  index?: IndexChange;
}

const REF = /^latest(?:~(\d{1,6}))?$/;

/**
 * A snapshot named by id, `latest` or `latest~N` (the Nth before the newest, in the order the
 * series lists them: by creation time). Anything that names no snapshot of the series is E_NOT_FOUND.
 */
export function resolveSnapshotRef(ids: readonly string[], ref: string, series: string, where: string): string {
  const notFound = (why: string) =>
    new NotFoundError(`${why} in series ${series} of ${where}`, {
      hint: 'name a snapshot by its id (`index-vault list`), latest or latest~N',
      details: { series, ref },
    });
  const m = REF.exec(ref);
  if (m) {
    const back = Number(m[1] ?? 0);
    const id = ids[ids.length - 1 - back];
    if (id === undefined)
      throw notFound(
        ids.length === 0
          ? 'no snapshots'
          : `no snapshot ${ref}: there ${ids.length === 1 ? 'is 1 snapshot' : `are ${ids.length} snapshots`}`,
      );
    return id;
  }
  if (!isSnapshotId(ref) || !ids.includes(ref)) throw notFound(`no snapshot ${JSON.stringify(ref.slice(0, 100))}`);
  return ref;
}

export function diffSide(m: Manifest): DiffSide {
  return { id: m.id, kind: m.kind, createdAt: m.createdAt, files: m.totals.files, bytes: m.totals.bytes };
}

/** Two manifests compared: the tree's files, and the index's own facts through its format module. */
export function compareManifests(from: Manifest | undefined, to: Manifest): SnapshotDiff {
  return {
    series: to.series,
    from: from ? diffSide(from) : null,
    to: diffSide(to),
    ...diffManifests(from, to),
    index: diffIndexFacts(from ? { format: from.source.format, facts: from.source.facts } : undefined, {
      format: to.source.format,
      facts: to.source.facts,
    }),
  };
}

/**
 * The snapshot a diff compares `to` with when none is named: its parent while the store still
 * has it, else the snapshot listed before it, else none.
 */
export async function previousManifest(store: Store, to: Manifest, ids?: readonly string[]): Promise<Manifest | undefined> {
  if (to.parent) {
    try {
      return await loadManifest(store, to.series, to.parent.id);
    } catch (err) {
      if (!isIndexVaultError(err, 'E_NOT_FOUND')) throw err;
    }
  }
  const all = ids ?? (await listSnapshotIds(store, to.series));
  const before = all.filter((id) => id < to.id).at(-1);
  return before === undefined ? undefined : loadManifest(store, to.series, before);
}

export interface DiffOptions {
  store: Store;
  series: string;
  /** The earlier snapshot (id, latest, latest~N); default: the parent of `to` (see previousManifest). */
  from?: string;
  /** The later snapshot; default latest. */
  to?: string;
  /** With keys, both snapshots (and their ancestors) must be signed, as for a restore. */
  signing?: SigningOptions;
  logger?: Logger;
}

/** What changed from one snapshot of a series to another; reads two manifests, no pack. */
export async function diffSnapshots(options: DiffOptions): Promise<SnapshotDiff> {
  const { store, series } = options;
  const ids = await listSnapshotIds(store, series);
  const toId = resolveSnapshotRef(ids, options.to ?? 'latest', series, store.description);
  const fromId = options.from === undefined ? undefined : resolveSnapshotRef(ids, options.from, series, store.description);
  const to = await loadManifest(store, series, toId);
  const from = fromId === undefined ? await previousManifest(store, to, ids) : await loadManifest(store, series, fromId);
  await assertSigned(store, to, options.signing, options.logger);
  if (from) await assertSigned(store, from, options.signing, options.logger);
  return compareManifests(from, to);
}
