import { createHash } from 'node:crypto';
import path from 'node:path';
import { CODECS, DEFAULT_LEVEL, LEVEL_RANGE, packExtension } from '../../snapshot/codec.js';
import { ChangedError, IntegrityError, isIndexVaultError, ValidationError } from '../../shared/errors.js';
import { CheckedPacks, type ListedStamp } from '../../fs-safety/checked-packs.js';
import { checkFormatChoice, checkFormatOptions, selectIndexFiles } from '../../formats/detect.js';
import type { FormatOptions, IndexFormat } from '../../formats/index-format.js';
import { BUILT_IN_FORMATS } from '../../formats/registry.js';
import { isVanished, type IndexSelection } from '../../formats/selection.js';
import { defaultCacheDir, HashCache, nowNs, sameStamp, type FileStamp, type ReadFiles } from '../../fs-safety/hash-cache.js';
import { hashFilesHere, HashPool } from '../../workers/hash-workers.js';
import { acquireOrUse, type DirectoryLock } from '../../fs-safety/lock.js';
import { LISTING_BUDGET, LISTING_FRAME, listingBytes } from '../../snapshot/pack-limits.js';
import { silentLogger, type Logger, type ProgressCallback } from '../../shared/logger.js';
import {
  parseManifest,
  sealManifestEntries,
  FORMAT_VERSION,
  MANIFEST_FORMAT,
  MAX_MANIFEST_BYTES,
  META_DIR,
  type Codec,
  type Entry,
  type FileEntry,
  type Manifest,
  type PackInfo,
  type SnapshotKind,
  type Totals,
} from '../../snapshot/manifest.js';
import { readManifestHead } from '../../snapshot/manifest-stream.js';
import { ManifestCheckThread } from '../../workers/manifest-check.js';
import { PackedChunks } from '../packed-chunks.js';
import { ParentContents, type ScannedPaths } from './parent-contents.js';
import { ShaRows } from './sha-rows.js';
import { ContentsWriter, contentsFileFor } from '../contents-index.js';
import { readContentsFile } from './parent-contents-file.js';
import { recordOptionsOf } from '../record-options.js';
import { WrittenFiles } from './written-files.js';
import { FileHashes } from './file-hashes.js';
import { writePack, type PackItem } from './pack-writer.js';
import { checkPortability, formatPortabilityProblems, PORTABILITY_MODES, type PortabilityMode } from '../../fs-safety/portability.js';
import { PortabilityError } from '../../shared/errors.js';
import { isScannedFile, replacedError } from '../../fs-safety/scanned-file.js';
import { assertApart } from '../../fs-safety/placement.js';
import { onStop, uninterrupted } from '../../shared/interrupt.js';
import { sweepStaleTemporaries } from '../stale-temporaries.js';
import { absPathOf, scanTree, type ScanResult } from './scan.js';
import type { ScanEntries } from './scan-entries.js';
import { refuseTree, treeProblems } from '../../snapshot/tree-rules.js';
import {
  assertPacksPresent,
  listSnapshotIds,
  listSnapshots,
  loadManifestHeadHashed,
  packKey,
  putManifest,
  storedManifestSha256,
} from '../series.js';
import {
  lastSnapshotFile,
  readLastSnapshot,
  writeLastSnapshot,
  type LastSnapshot,
  type SnapshotHead,
} from '../../fs-safety/last-snapshot.js';
import { TreeDigest } from '../tree-digest.js';
import { namesDigest, scannedTreeDigest } from './tree-digest.js';
import { assertSeriesName, assertSnapshotId, isSnapshotId, newSnapshotId, seriesNameFor } from '../../snapshot/snapshot-id.js';
import { readBackPack } from './read-back.js';
import { verifyPlaces } from '../verify/verify.js';
import { ReadHasher } from '../../workers/read-hasher.js';
import { TOOL } from '../../shared/version.js';
import type { Store } from '../../storage/store.js';
import type { SigningOptions } from '../../snapshot/signature.js';
import { assertSigned, putSignature, signing } from '../signatures.js';

/** Options of a backup; those of `FormatOptions` are passed on to the index formats. */
export interface BackupOptions extends FormatOptions {
  source: string;
  store: Store;
  /** Series name; defaults to one derived from the source directory's name. */
  series?: string;
  codec?: Codec;
  level?: number;
  portability?: PortabilityMode;
  followLinks?: boolean;
  /** Read back what was stored (as it is written, where the store can) and check it before reporting success (default true). */
  verify?: boolean;
  /** Uncompressed file bytes per pack before a new pack is started (default 256 MiB). */
  packBytes?: number;
  /** Estimated listing bytes per pack before a new pack is started (default LISTING_BUDGET, see pack-limits.ts); lowered by tests. */
  listingBytes?: number;
  /** `auto` (default): incremental when the series has a healthy latest snapshot and a chain shorter than maxChain. */
  mode?: BackupMode;
  /** Longest chain of snapshots `auto` builds before taking a full one again (default 10). */
  maxChain?: number;
  /** Take the hash of a file whose size, mtime and exec bit equal the parent's from the parent instead of reading it. */
  trustMtime?: boolean;
  /** Keep file hashes by stat in a local cache (see hash-cache.ts), so an incremental reads only files that changed (default true). */
  hashCache?: boolean;
  /** Where this machine keeps the hash caches and the record of checked packs (default: `defaultCacheDir()`, `~/.cache/index-vault`). */
  cacheDir?: string;
  /** What the directory holds: `auto` (default) detects one of `formats`, a format's name asks for it, `dir` stores every file. */
  format?: string;
  /** The index formats `format` may name or detect (default: the built-in ones, see formats/registry.ts). */
  formats?: readonly IndexFormat[];
  /** Wait this long for another backup or restore of the same directory (default: fail at once). */
  lockWaitMs?: number;
  /** The source's lock, already held by the caller (a guarded command): used instead of taking it, and not released. */
  heldLock?: DirectoryLock;
  /**
   * For a reproducible store (the committed known-good fixture): the new snapshot's id, its
   * creation time and the writer named in it, instead of a random id, the clock and this version.
   */
  snapshotId?: string;
  createdAt?: Date;
  tool?: string;
  /** Sign the snapshot with the first key; build only on a parent (and chain) signed with one of them. */
  signing?: SigningOptions;
  logger?: Logger;
  onProgress?: ProgressCallback;
}

/**
 * What a backup did. `manifest` is the new snapshot's; an `unchanged` answer stores none and
 * reads the manifest of the snapshot it names only when this machine has no record of that
 * snapshot (last-snapshot.ts), so it carries none: `loadManifest(store, series, id)` reads it.
 */
export type BackupResult =
  (BackupFacts & { kind: 'full' | 'incremental'; manifest: Manifest }) | (BackupFacts & { kind: 'unchanged'; manifest?: undefined });

/** What every backup result says, stored or not. */
export interface BackupFacts {
  /** The new snapshot's id; for `unchanged`, the id of the snapshot that already holds this tree. */
  id: string;
  series: string;
  kind: 'full' | 'incremental' | 'unchanged';
  /** The snapshot an incremental builds on; for `unchanged`, that of the snapshot named by `id` (never `id` itself). */
  parent: string | null;
  files: number;
  dirs: number;
  symlinks: number;
  /** Source bytes (sum of file sizes). */
  bytes: number;
  /** Compressed bytes this snapshot added to the store. */
  storedBytes: number;
  packs: number;
  /** Every pack the snapshot needs was read back and checked (never with verify off). */
  verified: boolean;
  /**
   * What `verified` rests on: packs this run wrote and read back, packs of the chain it builds on
   * that it read whole and checked, and those a record on this machine says were already checked.
   */
  verifiedPacks: VerifiedPacks;
  durationMs: number;
  /** Files an incremental read to hash them (a full backup hashes while packing: 0). */
  hashedFiles: number;
  /** Files whose hash an incremental took from the local hash cache instead of reading them. */
  cachedHashes: number;
  /** Paths in the directory left out as transient or as another version of its index, with why. */
  excluded: ExcludedPath[];
}

export interface VerifiedPacks {
  written: number;
  reused: number;
  reusedFromRecord: number;
}

export interface ExcludedPath {
  path: string;
  reason: string;
}

/** Packs of 256 MiB: one is read back while the next is written, and remote stores move them in parallel. */
export const DEFAULT_PACK_BYTES = 256 * 1024 * 1024;
export type BackupMode = 'auto' | 'full' | 'incremental';
export const BACKUP_MODES: readonly BackupMode[] = ['auto', 'full', 'incremental'];

export function checkLevel(codec: Codec, level: number): number {
  const [lo, hi] = LEVEL_RANGE[codec];
  if (!Number.isInteger(level) || level < lo || level > hi) {
    throw new ValidationError(`compression level ${level} is out of range for ${codec}`, {
      hint: `use a whole number from ${lo} to ${hi}`,
    });
  }
  return level;
}

/** A run's checked settings, and the keys of packs written for a snapshot not published yet. */
interface Run {
  options: BackupOptions;
  logger: Logger;
  source: string;
  series: string;
  codec: Codec;
  level: number;
  packBytes: number;
  listingBudget: number;
  mode: BackupMode;
  maxChain: number;
  formats: readonly IndexFormat[];
  formatChoice: string;
  cacheDir: string | undefined;
  tool: string;
  started: number;
  written: string[];
}

/** Checks the options before anything is read or locked: a bad one fails at once. */
function settle(options: BackupOptions): Run {
  const started = Date.now();
  const logger = options.logger ?? silentLogger;
  const source = path.resolve(options.source);
  const series = assertSeriesName(options.series ?? seriesNameFor(path.basename(source)));
  const codec = options.codec ?? 'zstd';
  if (!CODECS.includes(codec))
    throw new ValidationError(`invalid codec ${JSON.stringify(codec)}`, { hint: `valid values: ${CODECS.join(', ')}` });
  const level = checkLevel(codec, options.level ?? DEFAULT_LEVEL[codec]);
  const packBytes = options.packBytes ?? DEFAULT_PACK_BYTES;
  if (!(packBytes > 0)) throw new ValidationError('pack size must be positive');
  const listingBudget = Math.min(options.listingBytes ?? LISTING_BUDGET, LISTING_BUDGET);
  if (!(listingBudget > 0)) throw new ValidationError('listing size must be positive');
  const mode = options.mode ?? 'auto';
  if (!BACKUP_MODES.includes(mode))
    throw new ValidationError(`invalid mode ${JSON.stringify(mode)}`, { hint: `valid values: ${BACKUP_MODES.join(', ')}` });
  const maxChain = options.maxChain ?? 10;
  if (!Number.isInteger(maxChain) || maxChain < 1) throw new ValidationError('--max-chain must be a whole number of at least 1');
  if (options.snapshotId !== undefined) assertSnapshotId(options.snapshotId);
  if (
    options.createdAt !== undefined &&
    !(options.createdAt instanceof Date && Number.isFinite(options.createdAt.getTime()) && isSnapshotId(newSnapshotId(options.createdAt)))
  ) {
    throw new ValidationError('createdAt must be a valid date from year 0 to 9999');
  }
  const tool = options.tool ?? TOOL;
  if (typeof tool !== 'string' || tool.length === 0) throw new ValidationError('tool must be a non-empty string');
  const formats = options.formats ?? BUILT_IN_FORMATS;
  const formatChoice = options.format ?? 'auto';
  checkFormatChoice(formatChoice, formats);
  checkFormatOptions(options, formats);
  if (options.portability !== undefined && !PORTABILITY_MODES.includes(options.portability))
    throw new ValidationError(`invalid portability ${JSON.stringify(options.portability)}`, {
      hint: `valid values: ${PORTABILITY_MODES.join(', ')}`,
    });
  return {
    options,
    logger,
    source,
    series,
    codec,
    level,
    packBytes,
    listingBudget,
    mode,
    maxChain,
    formats,
    formatChoice,
    cacheDir: options.cacheDir ?? defaultCacheDir(),
    tool,
    started,
    written: [],
  };
}

/**
 * Takes a snapshot of a directory into a store: full, or incremental against the newest snapshot
 * of the series (only content no snapshot of the chain holds is stored). Packs are published under
 * their final names only when complete, then verified, and only then is the manifest written:
 * a snapshot is visible exactly when everything it needs is stored and checked.
 */
export async function backup(options: BackupOptions): Promise<BackupResult> {
  const run = settle(options);
  const { logger, source, written } = run;

  if (options.store.localRoot !== undefined)
    assertApart({ path: source, role: 'the source directory' }, { path: options.store.localRoot, role: 'the store' });

  const releaseLock = await acquireOrUse(source, options.heldLock, { operation: 'backup', logger, waitMs: options.lockWaitMs });
  // Stopped by a signal: packs of the snapshot that was not published go (the lock goes by itself).
  const forgetPacks = onStop(async () => {
    for (const key of written.splice(0)) await options.store.delete(key).catch(() => {});
  });
  try {
    await sweepStaleTemporaries(options.store, logger);
    for (let attempt = 1; ; attempt++) {
      try {
        return await snapshotOnce(run, false);
      } catch (err) {
        // The index moved on under us (a cleanup removed a file we pinned): pin the newer version and go again.
        if (attempt >= 5 || !isVanished(err)) throw err;
        for (const key of written) await options.store.delete(key).catch(() => {});
        written.length = 0;
        logger.info(`${(err as Error).message}; taking the snapshot again on the newer version (attempt ${attempt + 1})`);
      }
    }
  } catch (err) {
    // Packs of a snapshot that never got its manifest are garbage: take them away again.
    for (const key of written) await options.store.delete(key).catch(() => {});
    throw err;
  } finally {
    forgetPacks();
    await releaseLock();
  }
}

/** What the new snapshot stores, and where the content it does not store already is. */
interface Plan {
  selection: IndexSelection | undefined;
  scan: ScanResult;
  /** The snapshot an incremental builds on (its entries as `contents`); none for a full one. */
  parent: SnapshotHead | undefined;
  contents: ParentContents | undefined;
  hashes: FileHashes;
  /** How many contents this snapshot stores that the chain does not hold (an incremental's). */
  newContents: number;
  /**
   * Where an incremental's files find their content, by index in the scan's entries: a row of the
   * parent's contents (>= 0), the file's own record in the new packs (-1), or the record of file
   * `-(v + 2)`, the first of this snapshot with the same content. The manifest is made from these
   * and the written files, so the scanned hashes are let go once the packs are written.
   */
  sources: Int32Array | undefined;
  /** Indexes of the parent's packs holding content the new tree takes from the chain instead of storing it. */
  reusedPacks: Set<number>;
  /** The scan's entries the new packs hold, by index. */
  toWrite: Int32Array;
}

/** One attempt: scan, hash against the parent, check the chain, store what is new, publish. */
async function snapshotOnce(run: Run, forceFull: boolean): Promise<BackupResult> {
  const { options, logger, series, mode, started } = run;
  const { selection, excluded, scan } = await scanSource(run);
  const withParent = mode !== 'full' && !forceFull;
  let cache = options.hashCache === false ? undefined : await HashCache.open(run.source, logger, run.cacheDir);
  // The record of the last snapshot stands for the parent's tree when the hash cache proves every file unchanged since.
  const recorded = cache?.file !== undefined ? await recogniseTree(run, scan, selection, cache, cache.file, withParent) : undefined;
  const { namesClean, names } = checkOrRecall(run, scan, recorded);
  const chosen = withParent
    ? await chooseParent(options.store, series, mode, run.maxChain, logger, options.signing, {
        known: recorded?.match?.last,
        last: recorded?.last,
        contentsFile: recorded?.contentsFile,
        hash: recorded !== undefined,
        trustMtime: options.trustMtime === true,
        scanned: scan.entries,
      })
    : undefined;
  const lastRecord = recordMaker(run, recorded, chosen, namesClean, names);
  if (chosen?.head) {
    const match = recorded!.match!;
    logger.debug(`snapshot ${chosen.head.id} is the one this machine last recorded of this tree: its manifest is not read`);
    return answerUnchanged(run, chosen.head, chosen.vouched, {
      cache,
      hashing: match.hashing,
      excluded,
      record: lastRecord(() => match.last.tree, match.last.manifest),
    });
  }
  const parent = chosen?.manifest;
  const hashes = new FileHashes(scan.stamps.length);

  // Every file is read (to hash or to pack) after this instant, and was stat'ed before it.
  const readAfter = nowNs();
  // An incremental needs every file's hash before it knows what is new; a full one hashes while packing.
  // Only --trust-mtime needs the parent's entries for that; otherwise they are read once the cache is
  // saved and let go, so the two tables (~100 and ~120 bytes a file) are never in memory together.
  let contents = options.trustMtime ? await chosen?.contents() : undefined;
  const fresh = parent && cache ? new Uint8Array(scan.entries.length) : undefined;
  const hashing = parent ? await hashAgainstParent(run, contents, scan, selection, hashes, cache, fresh) : NOTHING_HASHED;
  if (parent && cache) {
    await cache.saveRead(freshReads(scan, hashes, fresh!), readAfter);
    cache = undefined;
  }
  contents ??= await chosen?.contents();
  // Pinned files count as they were read when the selection was made.
  hashPinned(scan, selection, hashes);
  // The parent's very tree (same paths, content and modes) holds no new content: nothing to plan.
  // (Its digest equals the scan's exactly when sameTree would find the two trees equal.)
  const scanned = contents ? scannedTreeDigest(scan.entries, (i) => hashes.get(scan.entries.stamp(i))) : undefined;
  if (parent !== undefined && scanned === contents!.treeDigestOf()) {
    return answerUnchanged(run, parent, chosen!.vouched, { hashing, excluded, record: lastRecord(() => scanned, chosen?.stored) });
  }
  const plan: Plan = { selection, scan, parent, contents, hashes, ...planContent(scan.entries, contents, hashes) };

  const verify = options.verify ?? true;
  // The snapshot will need these packs of the chain: it is verified only once they are checked too.
  const verifiedPacks: VerifiedPacks = { written: 0, reused: 0, reusedFromRecord: 0 };
  if (parent && verify) {
    const reused = [...plan.reusedPacks].sort((a, b) => a - b).map((i) => parent.packs[i]!);
    const fellBack = await checkChainOrFallBack(run, parent, reused, verifiedPacks, chosen!.vouched);
    if (fellBack) return fellBack;
  }

  const now = options.createdAt ?? new Date();
  const id = options.snapshotId ?? newSnapshotId(now);
  const createdAt = now.toISOString();
  // A chosen id must not write over another snapshot's packs, nor sort before the newest snapshot.
  if (options.snapshotId !== undefined) {
    const newest = (await listSnapshotIds(options.store, series)).sort().at(-1);
    if (newest !== undefined && newest >= id) {
      throw new ValidationError(`snapshot id ${id} is not newer than ${newest}, the newest snapshot of ${series}`, {
        hint: 'choose a later id, or leave it to the backup',
      });
    }
  }
  const kind: SnapshotKind = parent ? 'incremental' : 'full';
  const { newPacks, written, settled } = await storePacks(run, plan, { id, createdAt, kind, verify });
  // An incremental's new tree is the scanned one (its digest taken above) when every file it wrote
  // has the scanned hash, mode and exec: the record then takes that digest, not one of every entry again.
  const asScanned = recorded && scanned !== undefined && writtenAsScanned(plan, written) ? scanned : undefined;
  // A full backup hashed every file as it packed it, between two stats equal to the scan's:
  // remember those hashes (not the pinned files', whose bytes were read before the scan's stat).
  // The cache holds facts about files, true whether or not the snapshot is published: it is
  // saved (and let go) before the manifest is made, so the two are never in memory together.
  if (!parent && cache) await cache.saveRead(provenReads(plan.scan, written), readAfter);
  // eslint-disable-next-line no-useless-assignment -- no reference keeps the cache's columns alive while the manifest is made
  cache = undefined;
  // So are the stamps and the hashes: they served the packs' reads and the cache (64 bytes a file).
  scan.stamps.release();
  hashes.release();
  // The record's digest of the tree (unless known), and the index of the contents, taken from the entries as they are written.
  const tree = recorded && asScanned === undefined ? new TreeDigest() : undefined;
  const index = recorded ? await ContentsWriter.open(recorded.contentsFile, logger) : undefined;
  const { manifest, stored } = await sealAndPublish(
    run,
    plan,
    { id, createdAt, kind },
    { newPacks, written, settled },
    verify,
    [tree, index],
    recorded !== undefined,
  );
  // Written and read back whole just now: that is the check an incremental would pay for again.
  if (verify && options.hashCache !== false && newPacks.length > 0)
    await recordChecked(options.store, series, newPacks, await CheckedPacks.open(logger, run.cacheDir), logger);
  const treeDigest = asScanned ?? tree?.digest();
  // Before the record that names the snapshot: an index the record does not name yet is never used.
  if (index && stored) await index.commit({ snapshot: id, manifest: stored }, treeDigest!);
  else await index?.abort();
  await writeRecord(
    run,
    manifest,
    lastRecord(() => treeDigest!, stored),
  );
  const storedBytes = manifest.totals.storedBytes;
  logger.info(
    `stored ${kind} snapshot ${id} of ${series}: ${manifest.totals.files} files, ${manifest.totals.bytes} bytes; ${plan.parent ? plan.newContents : manifest.totals.files} new content(s) in ${newPacks.length} pack(s), ${storedBytes} bytes stored`,
  );
  if (verify) verifiedPacks.written = newPacks.length;
  return { ...facts(manifest, kind, storedBytes, newPacks.length, verify, verifiedPacks, started, hashing, excluded), kind, manifest };
}

/** The files a full backup read with a stat equal to the scan's before and after: what its hash cache records. */
function provenReads({ entries, stamps }: ScanResult, written: WrittenFiles): ReadFiles {
  return {
    count: entries.length,
    table: () => stamps,
    path: (i) => entries.path(i),
    stampRow: (i) => entries.stamp(i),
    sha256: (i) => (written.proven(i) ? written.sha256BytesOf(i) : undefined),
  };
}

/** The sha256 and length of a manifest's bytes as stored. */
type StoredManifest = LastSnapshot['manifest'];

/**
 * Builds the manifest (its entries also given to the sinks: the record's tree digest, the index
 * of contents) and publishes it once the packs are settled; with the length and sha256 of its
 * stored bytes when a record will name it (`recorded`).
 */
async function sealAndPublish(
  run: Run,
  plan: Plan,
  snap: NewSnapshot,
  packs: { newPacks: PackInfo[]; written: WrittenFiles; settled: Promise<void> },
  verify: boolean,
  [tree, index]: [TreeDigest | undefined, ContentsWriter | undefined],
  recorded: boolean,
): Promise<{ manifest: Manifest; stored: StoredManifest | undefined }> {
  // An incremental's manifest is checked on the other core as it is sealed (see CHECK_ON_THREAD).
  const n = plan.scan.entries.length;
  const check =
    plan.parent && n >= CHECK_ON_THREAD.from && n < CHECK_ON_THREAD.below
      ? new ManifestCheckThread(`manifest of new snapshot ${snap.id}`, PackedChunks.pieceBytes)
      : undefined;
  try {
    // The manifest is built and checked while the last packs are still being flushed (and read
    // back, from a store that cannot check as it writes); it is published only once they are.
    const sealed = buildManifest(run, plan, snap, packs.newPacks, packs.written, [tree, index], check);
    // What the entries were made of (~200 bytes a file after a change) is let go before the manifest is read back and stored.
    plan.scan.entries.release();
    plan.contents?.release();
    const sha256 = await publish(run, sealed, verify, packs.settled, check);
    if (!recorded) return { manifest: sealed.manifest, stored: undefined };
    return { manifest: sealed.manifest, stored: { size: sealed.size, sha256 } };
  } catch (err) {
    await index?.abort();
    throw err;
  } finally {
    check?.close();
    await packs.settled.catch(() => {}); // nothing outlives a failed attempt: its packs are deleted next
  }
}

/**
 * The entries of an incremental whose manifest is checked on a worker as it is sealed. Its main
 * thread is then the one busy (a full backup's other core compresses packs). Below, the check
 * costs less than the worker's start; from the top, the worker (~20 MB) would take a backup past
 * its memory budget, and it falls behind the seal anyway.
 */
const CHECK_ON_THREAD = { from: 20_000, below: 400_000 };

/** A record of the last snapshot to write once the backup has its answer (see last-snapshot.ts). */
interface NewRecord {
  file: string;
  tree: () => string;
  stored: StoredManifest;
  namesClean: boolean;
  names: string;
  placesChecked: boolean;
}

/** How the record of the last snapshot is made once the backup has its answer: none without a hash cache file to put it beside. */
function recordMaker(
  run: Run,
  recorded: Recognised | undefined,
  chosen: Chosen | undefined,
  namesClean: boolean,
  names: string | undefined,
): (tree: () => string, stored: StoredManifest | undefined) => NewRecord | undefined {
  // The snapshot's places are checked when its parent's were vouched for, or are checked now (with verify).
  const placesChecked = !chosen || chosen.vouched || (run.options.verify ?? true);
  return (tree, stored) =>
    recorded && stored ? { file: recorded.file, tree, stored, namesClean, names: names!, placesChecked } : undefined;
}

/** What a record is written for and compared with: the source, the store, the series and the options. */
function writeRecord(run: Run, snapshot: SnapshotHead, record: NewRecord | undefined): Promise<void> {
  if (!record) return Promise.resolve();
  const { id, series, digest, depth, parent, packs, totals } = snapshot;
  return writeLastSnapshot(
    record.file,
    {
      source: run.source,
      store: run.options.store.description,
      series: run.series,
      options: recordOptions(run),
      tree: record.tree(),
      namesClean: record.namesClean,
      names: record.names,
      manifest: record.stored,
      placesChecked: record.placesChecked,
      snapshot: { id, series, digest, depth, parent, packs, totals },
    },
    run.logger,
  );
}

/** The digest of the options that decide the scan (record-options.ts) for this run. */
function recordOptions(run: Run): string {
  const { options } = run;
  return recordOptionsOf({
    formatChoice: run.formatChoice,
    formats: run.formats,
    lanceVersions: options.lanceVersions,
    portability: options.portability,
    followLinks: options.followLinks,
  });
}

/** The hashes an unchanged tree would take from the cache, when the record of the last snapshot says it is that tree. */
interface Recognised {
  file: string;
  /** The index of the last snapshot's contents (parent-contents-file.ts), beside the record. */
  contentsFile: string;
  /** The record, when it is of this source, store, series and options (whether or not the tree is still its tree). */
  last?: LastSnapshot;
  match?: { last: LastSnapshot; hashing: Pick<BackupResult, 'hashedFiles' | 'cachedHashes'> };
}

/**
 * Whether the tree is the one this machine last recorded a snapshot of, for the same store,
 * series and options: every file's hash from the cache (no file read) and the tree's digest
 * equal to the record's. Cache lookups have no effect but keeping the entries they trusted.
 * A full snapshot (`withParent` false) is given the record alone, for its names.
 */
async function recogniseTree(
  run: Run,
  scan: ScanResult,
  selection: IndexSelection | undefined,
  cache: HashCache,
  cacheFile: string,
  withParent: boolean,
): Promise<Recognised> {
  const file = lastSnapshotFile(cacheFile);
  const contentsFile = contentsFileFor(cacheFile);
  const last = await readLastSnapshot(file, run.logger);
  if (
    !last ||
    last.source !== run.source ||
    last.store !== run.options.store.description ||
    last.series !== run.series ||
    last.options !== recordOptions(run)
  )
    return { file, contentsFile };
  // A full snapshot takes nothing from the record but what it says of the names (checkOrRecall).
  if (!withParent) return { file, contentsFile, last };
  // The digest scannedTreeDigest would give, taken as the hashes are looked up.
  const tree = new TreeDigest();
  let cachedHashes = 0;
  const { entries } = scan;
  for (let i = 0; i < entries.length; i++) {
    const type = entries.type(i);
    const path = entries.path(i);
    if (type === 'dir') tree.dir(path, entries.mode(i));
    else if (type === 'symlink') tree.symlink(path, entries.target(i));
    else {
      const cached = cache.lookupRow(path, scan.stamps, entries.stamp(i));
      if (cached === undefined) return { file, contentsFile, last };
      cachedHashes++;
      // Pinned files count as they were read when the selection was made.
      const pinned = selection?.pinned.get(path);
      tree.file(path, pinned ? createHash('sha256').update(pinned).digest('hex') : cached, entries.exec(i), entries.mode(i));
    }
  }
  if (tree.digest() !== last.tree) return { file, contentsFile, last };
  return { file, contentsFile, last, match: { last, hashing: { hashedFiles: 0, cachedHashes } } };
}

/**
 * The answer for a tree equal to the newest snapshot's: nothing is stored, the packs that
 * snapshot needs are checked (or found in the record of checked packs), and the record of the
 * last snapshot is written again.
 */
async function answerUnchanged(
  run: Run,
  parent: SnapshotHead,
  vouched: boolean,
  how: {
    cache?: HashCache;
    hashing: Pick<BackupResult, 'hashedFiles' | 'cachedHashes'>;
    excluded: ExcludedPath[];
    record: NewRecord | undefined;
  },
): Promise<BackupResult> {
  const { options, logger, series, started } = run;
  const verify = options.verify ?? true;
  const verifiedPacks: VerifiedPacks = { written: 0, reused: 0, reusedFromRecord: 0 };
  if (verify) {
    const fellBack = await checkChainOrFallBack(run, parent, parent.packs, verifiedPacks, vouched);
    if (fellBack) return fellBack;
  }
  logger.info(`no change since snapshot ${parent.id} of ${series}: nothing stored`);
  await how.cache?.save();
  await writeRecord(run, parent, how.record);
  return { ...facts(parent, 'unchanged', 0, 0, verify, verifiedPacks, started, how.hashing, how.excluded), kind: 'unchanged' };
}

/**
 * Checks the packs of the chain the new snapshot needs (see checkChainPacks), and, unless the
 * parent's manifest is `vouched` for (this machine made it or checked its places, or a configured
 * key signed it), where it places its files in them (checkChainPlaces); a damaged pack or a
 * place that does not hold makes `auto` take a full snapshot instead, whose result is returned.
 */
async function checkChainOrFallBack(
  run: Run,
  parent: SnapshotHead,
  reused: PackInfo[],
  verifiedPacks: VerifiedPacks,
  vouched: boolean,
): Promise<BackupResult | undefined> {
  const { options, logger, mode } = run;
  const checked = options.hashCache === false ? undefined : await CheckedPacks.open(logger, run.cacheDir);
  try {
    const check = vouched ? checkChainPacks : checkChainPlaces;
    Object.assign(verifiedPacks, await check(options.store, parent, reused, checked));
  } catch (err) {
    if (mode === 'incremental' || !isIndexVaultError(err, 'E_INTEGRITY') || err.details.chainPack !== true) throw err;
    logger.warn(`${err.message}; taking a full snapshot instead`);
    return snapshotOnce(run, true);
  }
  return undefined;
}

/** Selects the index's files and scans the directory, refusing a tree no reader would accept. */
async function scanSource(run: Run): Promise<{ selection: IndexSelection | undefined; excluded: ExcludedPath[]; scan: ScanResult }> {
  const { options, logger, source } = run;
  const selection = await selectIndexFiles(source, run.formatChoice, options, run.formats);
  const excluded: ExcludedPath[] = [];
  const scan = await scanTree(source, {
    followLinks: options.followLinks,
    logger,
    exclude: selection ? recordExclusions(selection, excluded) : undefined,
  });
  for (const x of excluded) logger.debug(`excluded ${x.path}: ${x.reason}`);
  if (selection) {
    const found = new Set(scan.entries.allPaths());
    for (const f of selection.files.keys()) {
      if (!found.has(f)) throw new ChangedError(`${f} vanished while the index was being read`, { details: { path: f, vanished: true } });
    }
  }
  return { selection, excluded, scan };
}

/**
 * The tree rules and the name checks (checkScan), unless the record of the last snapshot shows
 * these names passed the tree rules: a tree it matches, or whose names are the ones it recorded
 * (contents changed in place). The names then need checking only if they broke a name rule then.
 * Returns that and, for the record, the digest of the names (taken now, while the scan is held).
 */
function checkOrRecall(run: Run, scan: ScanResult, recorded: Recognised | undefined): { namesClean: boolean; names: string | undefined } {
  const names = recorded ? (recorded.match?.last.names ?? namesDigest(scan.entries)) : undefined;
  const known = recorded?.match?.last ?? (recorded?.last?.names !== undefined && recorded.last.names === names ? recorded.last : undefined);
  if (!known) return { namesClean: checkScan(run, scan), names };
  if (!recorded?.match) run.logger.debug(`the names are those of snapshot ${known.snapshot.id}: the tree rules are not checked again`);
  return { namesClean: known.namesClean || checkNames(scan.entries, run.options.portability ?? 'error', run.logger), names };
}

/** Refuses a tree no reader would accept, and checks its names; true when no name broke a portability rule. */
function checkScan(run: Run, scan: ScanResult): boolean {
  checkTree(scan.entries, run.source);
  return checkNames(scan.entries, run.options.portability ?? 'error', run.logger);
}

/** The hashes of the files the selection read when it was made (pinned), which stand for what the scan found. */
function hashPinned(scan: ScanResult, selection: IndexSelection | undefined, hashes: FileHashes): void {
  if (!selection || selection.pinned.size === 0) return;
  const { entries } = scan;
  for (let i = 0; i < entries.length; i++) {
    const bytes = entries.isFile(i) ? selection.pinned.get(entries.path(i)) : undefined;
    if (bytes) hashes.set(entries.stamp(i), createHash('sha256').update(bytes).digest('hex'));
  }
}

/** Whether every file of the new packs was written with its scanned hash, mode and exec: the new tree is then the scanned one. */
function writtenAsScanned({ scan, hashes, toWrite }: Plan, written: WrittenFiles): boolean {
  const { entries } = scan;
  for (const i of toWrite) {
    if (!entries.isFile(i)) continue;
    const scannedHash = hashes.bytesOf(entries.stamp(i));
    if (!written.has(i) || !written.modeAsScanned(i) || !scannedHash || Buffer.compare(scannedHash, written.sha256BytesOf(i)) !== 0)
      return false;
  }
  return true;
}

/** What a full backup hashes before it packs: nothing (it hashes as it packs). */
const NOTHING_HASHED: Readonly<Pick<BackupResult, 'hashedFiles' | 'cachedHashes'>> = { hashedFiles: 0, cachedHashes: 0 };

/** Files an incremental hashes (and records in the cache) at a time. */
const HASH_BATCH = 32_768;

/** Fills `hashes` for every file of an incremental: from the cache, from the parent (trustMtime: `parent` is given), or by reading it. */
async function hashAgainstParent(
  run: Run,
  parent: ParentContents | undefined,
  scan: ScanResult,
  selection: IndexSelection | undefined,
  hashes: FileHashes,
  cache: HashCache | undefined,
  /** Set to 1 for each file (by scan index) whose hash read here the cache may record. */
  fresh: Uint8Array | undefined,
): Promise<Pick<BackupResult, 'hashedFiles' | 'cachedHashes'>> {
  const { options } = run;
  const hashing = { hashedFiles: 0, cachedHashes: 0 };
  const { entries } = scan;
  const toHash: number[] = [];
  for (let i = 0; i < entries.length; i++) {
    if (!entries.isFile(i)) continue;
    const path = entries.path(i);
    const row = entries.stamp(i);
    const cached = cache?.lookupRow(path, scan.stamps, row);
    if (cached !== undefined) {
      hashes.set(row, cached);
      hashing.cachedHashes++;
      continue;
    }
    const prev = parent?.previous(path);
    if (prev && prev.size === entries.size(i) && prev.mtimeMs === entries.mtimeMs(i) && prev.exec === entries.exec(i))
      hashes.set(row, prev.sha256);
    else toHash.push(i);
  }
  hashing.hashedFiles = toHash.length;
  let done = 0;
  // Many bytes or files to hash: spread them over the cores; a few small files are not worth the threads.
  const hashBytes = toHash.reduce((n, i) => n + entries.size(i), 0);
  const pool = hashBytes > 64 * 1024 * 1024 || toHash.length > 2048 ? new HashPool(undefined, true) : undefined;
  const progress = (n: number) =>
    options.onProgress?.({ phase: 'scan', bytesDone: (done += n), bytesTotal: hashBytes, filesDone: 0, filesTotal: toHash.length });
  // In batches: the paths, sums and records made for each file to hash live for one batch, not
  // for every file at once (a tree that changed whole would hold ~0.5 KB a file).
  // The threads are kept from one batch to the next.
  try {
    for (let from = 0; from < toHash.length; from += HASH_BATCH) {
      const batch = toHash.slice(from, from + HASH_BATCH);
      const paths = batch.map((i) => absPathOf(scan.root, entries, i));
      const sizes = batch.map((i) => entries.size(i));
      const sums = pool ? await pool.hash(paths, progress, sizes) : await hashFilesHere(paths, progress);
      // A hash is of the file the scan found, or of nothing: what took its name since is refused
      // (a pinned file's hash is of the bytes the selection read: hashPinned).
      batch.forEach((e, k) => {
        if (!isScannedFile(sums[k]!.stamp, scan.stamps.get(entries.stamp(e))) && !selection?.pinned.has(entries.path(e)))
          throw replacedError(entries.path(e));
        hashes.set(entries.stamp(e), sums[k]!.sha256);
      });
      if (fresh) markFresh(scan, batch, sums, fresh);
    }
  } finally {
    await pool?.close();
  }
  return hashing;
}

/**
 * Marks the files of `batch` whose hash the cache may record as read after the scan: each one's
 * stat once read (of the open file, after its last byte, as hashing takes it) equal to the scan's
 * proves it.
 */
function markFresh(scan: ScanResult, batch: readonly number[], sums: ReadonlyArray<{ stamp: FileStamp }>, fresh: Uint8Array): void {
  const { entries, stamps } = scan;
  batch.forEach((e, k) => {
    if (sameStamp(sums[k]!.stamp, stamps.get(entries.stamp(e)))) fresh[e] = 1;
  });
}

/**
 * The files an incremental read and hashed, for the cache to record (`markFresh`) as it is
 * written, from the scan's columns: no row or path string is made for each beforehand.
 */
function freshReads({ entries, stamps }: ScanResult, hashes: FileHashes, fresh: Uint8Array): ReadFiles {
  return {
    count: entries.length,
    table: () => stamps,
    path: (i) => entries.path(i),
    stampRow: (i) => entries.stamp(i),
    sha256: (i) => (fresh[i] === 1 ? hashes.bytesOf(entries.stamp(i)) : undefined),
  };
}

/**
 * Content the chain already holds is referenced, not stored; new content is stored once. One pass
 * over the tree finds what the chain holds (noting the packs that hold it), and the parent's
 * contents then keep only that; a second dedupes the rest, with room made once for it.
 */
function planContent(
  scanned: ScanEntries,
  parent: ParentContents | undefined,
  hashes: FileHashes,
): Pick<Plan, 'newContents' | 'toWrite' | 'reusedPacks' | 'sources'> {
  const toWrite = new Int32Array(scanned.length);
  let count = 0;
  const reusedPacks = new Set<number>();
  if (!parent) {
    for (let i = 0; i < scanned.length; i++) toWrite[count++] = i;
    return { newContents: 0, toWrite, reusedPacks, sources: undefined };
  }
  const sources = new Int32Array(scanned.length).fill(-1);
  let misses = 0;
  for (let i = 0; i < scanned.length; i++) {
    if (!scanned.isFile(i)) continue;
    const row = parent.rowOfBytes(hashes.bytesOf(scanned.stamp(i))!);
    if (row === undefined) misses++;
    else {
      reusedPacks.add(parent.packAt(row));
      sources[i] = row;
    }
  }
  // Of the parent's contents only those the new snapshot refers to are needed from here on.
  parent.keepOnly(sources);
  // Each new content by its row, and the first file holding it (the one that stores it): ~45 bytes a content, not a Map entry and a string.
  const newContent = new ShaRows(undefined, misses);
  const storedBy = new Int32Array(misses);
  for (let i = 0; i < scanned.length; i++) {
    if (!scanned.isFile(i)) toWrite[count++] = i;
    else if (sources[i]! < 0) {
      const { row: content, added } = newContent.addBytes(hashes.bytesOf(scanned.stamp(i))!, 0);
      if (!added) sources[i] = -(storedBy[content]! + 2);
      else {
        storedBy[content] = i;
        toWrite[count++] = i;
      }
    }
  }
  return { newContents: newContent.size, toWrite: toWrite.subarray(0, count), reusedPacks, sources };
}

interface NewSnapshot {
  id: string;
  createdAt: string;
  kind: SnapshotKind;
}

/** Writes the new packs (their keys noted in run.written until the manifest is published), each read back when verifying. */
async function storePacks(
  run: Run,
  plan: Plan,
  snap: NewSnapshot & { verify: boolean },
): Promise<{ newPacks: PackInfo[]; written: WrittenFiles; settled: Promise<void> }> {
  const { options, series, codec, level } = run;
  const { id, createdAt, kind, verify } = snap;
  const { toWrite, parent } = plan;
  const { entries } = plan.scan;
  let filesToWrite = 0;
  let bytesTotal = 0;
  for (const i of toWrite) {
    if (!entries.isFile(i)) continue;
    filesToWrite++;
    bytesTotal += entries.size(i);
  }
  const groups =
    filesToWrite > 0 || !parent
      ? splitIntoPacks(entries, toWrite, { packBytes: run.packBytes, listingBudget: run.listingBudget }, plan.selection)
      : [];
  const newPacks: PackInfo[] = [];
  // Files whose read proved their scanned stamp are marked so: the hash cache may take their hashes as they are.
  const written = new WrittenFiles(entries, filesToWrite);
  let bytesDone = 0;
  let filesDone = 0;
  // Each pack is read back, and flushed to disk, while the next one is compressed, so both
  // cores stay busy; all of that is awaited (`settled`) before the manifest can name the packs.
  const settling: Promise<void>[] = [];
  const reader = new ReadHasher();
  try {
    for (let i = 0; i < groups.length; i++) {
      const name = `${id}-${String(i).padStart(3, '0')}${packExtension(codec)}`;
      const key = packKey(series, name);
      run.written.push(key);
      const res = await writePack({
        store: options.store,
        key,
        name,
        codec,
        level,
        snapshotId: id,
        series,
        kind,
        index: i,
        createdAt,
        tool: run.tool,
        items: packItems(groups[i]!, plan.scan, plan.hashes, plan.selection),
        readBack: verify,
        reader,
        onBytes: (n) => {
          bytesDone += n;
          options.onProgress?.({ phase: 'backup', bytesDone, bytesTotal, filesDone, filesTotal: plan.scan.files });
        },
      });
      newPacks.push(res.info);
      settling.push(res.durable);
      // The pack's files in item order (res.files' order): a proven file's stamp is its scan row.
      const groupFiles = groups[i]!.filter((e) => entries.isFile(e));
      groups[i] = [];
      written.addPack(i, res.frameSizes);
      res.files.forEach((f, j) => {
        written.add(groupFiles[j]!, i, f, res.proven[j]! && !parent);
        filesDone++;
      });
      if (verify && !res.readBack) {
        const back = readBackPack(options.store, key, res.info);
        back.catch(() => {}); // awaited below; keeps an early failure from going unhandled
        settling.push(back);
      }
    }
  } catch (err) {
    await Promise.allSettled(settling);
    throw err;
  } finally {
    await reader.close();
  }
  // In order, the first failure: every promise is awaited, none left unhandled.
  const settled = (async () => {
    await Promise.allSettled(settling);
    for (const b of settling) await b;
  })();
  settled.catch(() => {}); // awaited by the caller
  return { newPacks, written, settled };
}

/**
 * The new snapshot's manifest: its entries, with locations in the packs of the chain it still
 * needs, then the new ones. Each entry is made, written and let go in turn (none is kept: the
 * returned manifest reads its entries from the sealed bytes if they are asked for), and `tree`,
 * when given, takes each as the record's digest of the tree.
 */
function buildManifest(
  run: Run,
  plan: Plan,
  snap: NewSnapshot,
  newPacks: PackInfo[],
  written: WrittenFiles,
  sinks: ReadonlyArray<{ entry(e: Entry): void } | undefined>,
  check: ManifestCheckThread | undefined,
): SealedManifest {
  const { source, series } = run;
  const { parent, selection } = plan;
  const placed = placeEntries(plan, newPacks, written);
  const totals: Omit<Totals, 'packedBytes' | 'storedBytes'> = { bytes: 0, dirs: 0, files: 0, symlinks: 0 };
  function* entries(): Generator<Entry> {
    for (const e of placed.entries()) {
      if (e.type === 'file') {
        totals.files++;
        totals.bytes += e.size;
      } else if (e.type === 'dir') totals.dirs++;
      else totals.symlinks++;
      for (const sink of sinks) sink?.entry(e);
      yield e;
    }
  }
  const chunks = new PackedChunks(check);
  const manifest = sealManifestEntries(
    {
      format: MANIFEST_FORMAT,
      formatVersion: FORMAT_VERSION,
      tool: run.tool,
      id: snap.id,
      series,
      kind: snap.kind,
      parent: parent ? { digest: parent.digest, id: parent.id } : null,
      depth: parent ? parent.depth + 1 : 0,
      createdAt: snap.createdAt,
      source: {
        name: path.basename(source),
        format: selection?.format ?? 'dir',
        platform: process.platform,
        ...(selection ? { facts: selection.facts } : {}),
      },
    },
    entries(),
    () => {
      const packs = placed.packs();
      const packedBytes = packs.reduce((n, p) => n + p.size, 0);
      const storedBytes = newPacks.reduce((n, p) => n + p.size, 0);
      return { packs, totals: { ...totals, packedBytes, storedBytes } };
    },
    chunks,
  );
  return { manifest: withEntriesFrom(manifest, chunks), chunks, size: chunks.size };
}

/** A new manifest and its stored text, held compressed (never whole in memory unless a reader falls back). */
interface SealedManifest {
  manifest: Manifest;
  chunks: PackedChunks;
  size: number;
}

/**
 * A manifest whose entries are parsed from its sealed bytes when first asked for: a caller that
 * needs only its head (the CLI, a record) never holds an object per entry.
 */
function withEntriesFrom(head: Omit<Manifest, 'entries'>, chunks: PackedChunks): Manifest {
  let entries: Entry[] | undefined;
  return Object.defineProperty(head, 'entries', {
    get: () => (entries ??= parseManifest(chunks.bytes()).entries),
    enumerable: true,
    configurable: true,
  }) as Manifest;
}

/**
 * The new manifest's entries in the tree's order, each made as it is asked for, and then its
 * packs: in the order the entries first use them (chain and new alike), then new ones holding no file.
 */
function placeEntries(
  plan: Plan,
  newPacks: PackInfo[],
  written: WrittenFiles,
): { entries: () => Generator<Entry>; packs: () => PackInfo[] } {
  const { parent, contents, sources } = plan;
  const packs: PackInfo[] = [];
  const packIndex = new Map<string, number>();
  const usePack = (p: PackInfo): number => {
    let i = packIndex.get(p.name);
    if (i === undefined) {
      i = packs.length;
      packs.push(p);
      packIndex.set(p.name, i);
    }
    return i;
  };
  // Keys in sorted order (as pack-writer's file entries): the manifest's canonical text is then JSON.stringify's.
  const scanned = plan.scan.entries;
  function* entries(): Generator<Entry> {
    for (let i = 0; i < scanned.length; i++) {
      const type = scanned.type(i);
      const path = scanned.path(i);
      if (type === 'dir') yield { mode: scanned.mode(i), mtimeMs: scanned.mtimeMs(i), path, type: 'dir' };
      else if (type === 'symlink') yield { mtimeMs: scanned.mtimeMs(i), path, target: scanned.target(i), type: 'symlink' };
      else {
        const own = written.has(i) ? written.entry(i) : undefined;
        // Stored elsewhere: in the chain (a location in the parent's pack list), or under another path of this snapshot.
        const source = own ? -1 : sources![i]!;
        const chain = source >= 0 ? contents!.locationAt(source) : undefined;
        const base = own ?? chain ?? written.entry(-(source + 2));
        const sha = own ? own.sha256 : chain ? contents!.shaAt(source) : (base as FileEntry).sha256;
        const { length, offset, raw, skip, span } = base.loc;
        // A file unchanged since the parent is its content's member: told by row, no name made.
        const member = chain ? (contents!.memberIsScanned(source, i) ? path : contents!.memberAt(source)) : (base as FileEntry).path;
        const pack = usePack(chain ? parent!.packs[chain.loc.pack]! : newPacks[base.loc.pack]!);
        yield {
          exec: own ? own.exec : scanned.exec(i),
          loc: member === path ? { length, offset, pack, raw, skip, span } : { length, member, offset, pack, raw, skip, span },
          mode: own ? own.mode : scanned.mode(i),
          mtimeMs: own ? own.mtimeMs : scanned.mtimeMs(i),
          path,
          sha256: sha,
          size: base.size,
          type: 'file',
        };
      }
    }
  }
  return {
    entries,
    packs: () => {
      for (const p of newPacks) usePack(p); // a pack may hold only directories
      return packs;
    },
  };
}

/**
 * Checks the manifest as a reader would, then publishes it: from here the snapshot exists.
 * Returns the sha256 of the stored bytes, taken as they were checked.
 */
async function publish(
  run: Run,
  sealed: SealedManifest,
  verify: boolean,
  packsSettled: Promise<void>,
  check: ManifestCheckThread | undefined,
): Promise<string> {
  const { options, source } = run;
  const { manifest, chunks, size } = sealed;
  // The writer reads its manifest back with the very checks a restore runs, so no snapshot is
  // committed that a reader would refuse.
  if (size > MAX_MANIFEST_BYTES) {
    throw new ValidationError(`the manifest of ${source} would take ${size} bytes, more than the ${MAX_MANIFEST_BYTES} a reader accepts`, {
      hint: 'back up fewer files per snapshot (split the directory into several series)',
    });
  }
  const sha256 = await checkSealed(run, sealed, check);
  await packsSettled;
  // New packs were read back above, and the chain's packs before them: here they only need to still be there.
  if (verify) await assertPacksPresent(options.store, manifest);
  // Published whole or not at all: a stop waits for it, and then has nothing to remove.
  await uninterrupted(async () => {
    if (signing(options.signing)) run.written.push(await putSignature(options.store, manifest, options.signing));
    await putManifest(options.store, manifest, chunks);
    run.written.length = 0; // committed: nothing to clean up from here on
  });
  return sha256;
}

/**
 * Reads the sealed manifest as a reader would (readManifestHead), unless the worker that followed
 * the sealing accepted it with the very digest it holds; returns the sha256 of its stored bytes.
 */
async function checkSealed(run: Run, sealed: SealedManifest, check: ManifestCheckThread | undefined): Promise<string> {
  const { manifest, chunks, size } = sealed;
  const what = `manifest of new snapshot ${manifest.id}`;
  if (check) {
    chunks.sealStaged();
    const answer = await check.finish();
    // The digest member is not hashed: the text with the real digest passes exactly when the digests agree.
    if ('digest' in answer && answer.digest === manifest.digest) {
      run.logger.debug(`${what} was checked on a worker as it was sealed`);
      const hash = createHash('sha256');
      for (const c of chunks) hash.update(c);
      return hash.digest('hex');
    }
    run.logger.debug(
      `${what} is checked on this thread: ${'fallback' in answer ? answer.fallback : `the digest it gives is ${answer.digest}`}`,
    );
  }
  // Read as a stream of the sealed chunks: no decoded copy of the whole text (nor one buffer of it,
  // unless the stream route falls back), hashed as it passes (the stored sha256 a record binds).
  const hash = createHash('sha256');
  let hashed = 0;
  function* hashing(): Generator<Buffer> {
    for (const c of chunks) {
      hash.update(c);
      hashed += c.length;
      yield c;
    }
  }
  await readManifestHead(hashing(), what, () => chunks.bytes());
  // The stream route reads every byte; one that stopped short (never, for a text this writer made) is hashed again.
  return hashed === size ? hash.digest('hex') : createHash('sha256').update(chunks.bytes()).digest('hex');
}

/** Leaves out only what the selection proves transient or another version's, and notes each such path. */
function recordExclusions(selection: IndexSelection, out: ExcludedPath[]): (rel: string, type: 'file' | 'dir' | 'symlink') => boolean {
  return (rel, type) => {
    const reason = selection.exclude(rel, type);
    if (reason !== undefined) out.push({ path: type === 'dir' ? `${rel}/` : rel, reason });
    return reason !== undefined;
  };
}

function facts(
  m: SnapshotHead,
  kind: BackupResult['kind'],
  storedBytes: number,
  packs: number,
  verified: boolean,
  verifiedPacks: VerifiedPacks,
  started: number,
  hashing: Pick<BackupResult, 'hashedFiles' | 'cachedHashes'>,
  excluded: ExcludedPath[],
): BackupFacts {
  return {
    id: m.id,
    series: m.series,
    kind,
    parent: m.parent?.id ?? null,
    files: m.totals.files,
    dirs: m.totals.dirs,
    symlinks: m.totals.symlinks,
    bytes: m.totals.bytes,
    storedBytes,
    packs,
    verified,
    verifiedPacks,
    durationMs: Date.now() - started,
    ...hashing,
    excluded,
  };
}

/**
 * The snapshot an incremental builds on: the newest of the series, if it is readable, all its
 * packs are present, and the chain is shorter than maxChain. In `auto` mode anything else means a
 * full snapshot (with a warning when the chain is broken); in `incremental` mode a broken chain is an error.
 */
async function chooseParent(
  store: Store,
  series: string,
  mode: BackupMode,
  maxChain: number,
  logger: Logger,
  signingOptions: SigningOptions | undefined,
  record: {
    known: LastSnapshot | undefined;
    last?: LastSnapshot;
    contentsFile?: string;
    hash: boolean;
    trustMtime: boolean;
    /** The new scan's paths: the parent's contents name their members by them where they can (parent-contents.ts). */
    scanned: ScannedPaths;
  },
): Promise<Chosen | undefined> {
  const listed = (await listSnapshots(store, series)).at(-1);
  const latest = listed?.id;
  if (!latest) {
    if (mode === 'incremental') logger.warn(`series ${series} has no snapshot yet: taking a full one`);
    return undefined;
  }
  let parent: SnapshotHead;
  let chosen: Chosen;
  try {
    const { known, last } = record;
    // The record's snapshot as stored still: its contents from this machine's index of them, if it has one.
    const recordedIsLatest = async (r: LastSnapshot | undefined): Promise<boolean> =>
      r !== undefined && r.snapshot.id === latest && (await storedAsRecorded(store, series, latest, r.manifest));
    if (known && (await recordedIsLatest(known))) {
      parent = known.snapshot;
      chosen = { head: known.snapshot, vouched: known.placesChecked };
    } else if (!record.trustMtime && record.contentsFile !== undefined && (await recordedIsLatest(last))) {
      // Read when asked for (after the hash cache is let go): from this machine's index, or else from the manifest.
      const { contentsFile } = record;
      const stored = last!.manifest;
      parent = last!.snapshot;
      const contents = async (): Promise<ParentContents> => {
        const indexed = await readContentsFile(contentsFile, { snapshot: latest, manifest: stored }, logger, record.scanned);
        if (indexed) {
          logger.debug(`snapshot ${latest} is the one this machine last recorded: its contents are taken from ${contentsFile}`);
          return indexed;
        }
        const read = new ParentContents(false, undefined, undefined, record.scanned);
        const loaded = await loadManifestHeadHashed(store, series, latest, { listedSize: stored.size, hash: true, sink: read });
        // The bytes were the recorded ones a moment ago; others now mean the store is being written under this backup.
        if (loaded.sha256 !== stored.sha256 || loaded.size !== stored.size)
          throw new IntegrityError(`the manifest of snapshot ${series}/${latest} changed while this backup read it`, {
            hint: 'run the backup again once nothing else writes to the store',
          });
        return read;
      };
      chosen = { manifest: parent, contents, stored, vouched: last!.placesChecked };
    } else {
      // Its entries are taken as they are read, into what an incremental needs of them (none is kept).
      const read = new ParentContents(record.trustMtime, undefined, undefined, record.scanned);
      const loaded = await loadManifestHeadHashed(store, series, latest, { listedSize: listed.size, hash: record.hash, sink: read });
      parent = loaded.head;
      chosen = {
        vouched: false,
        manifest: loaded.head,
        contents: () => Promise.resolve(read),
        stored: loaded.sha256 === undefined ? undefined : { size: loaded.size, sha256: loaded.sha256 },
      };
    }
    // An unsigned parent could hand the new snapshot hashes and packs nobody with the key vouched for.
    if (await assertSigned(store, parent, signingOptions, logger)) chosen.vouched = true;
    await assertPacksPresent(store, parent);
  } catch (err) {
    if (mode === 'incremental' || !isIndexVaultError(err)) throw err;
    logger.warn(`cannot build on the latest snapshot ${latest} (${err.code}: ${err.message}); taking a full snapshot instead`);
    return undefined;
  }
  if (mode === 'auto' && parent.depth + 1 >= maxChain) {
    logger.info(`chain of ${series} has reached ${parent.depth + 1} snapshots (--max-chain ${maxChain}): taking a full snapshot`);
    return undefined;
  }
  return chosen;
}

/**
 * The newest snapshot as chooseParent found it: its head, and its entries as `contents` (read
 * already, or when first asked for), or only what a matching record holds of it.
 */
type Chosen = (
  | { manifest: SnapshotHead; contents: () => Promise<ParentContents>; stored: StoredManifest | undefined; head?: undefined }
  | { head: SnapshotHead; manifest?: undefined; contents?: undefined; stored?: undefined }
) & {
  /** Where its manifest places files in the packs holds: this machine checked it (see LastSnapshot.placesChecked), or a configured key signed it. */
  vouched: boolean;
};

/** Whether the manifest as stored now is the one recorded, byte for byte; any failure to read it is a no (the reader then reports it). */
async function storedAsRecorded(store: Store, series: string, id: string, recorded: StoredManifest): Promise<boolean> {
  try {
    return (await storedManifestSha256(store, series, id, recorded.size)) === recorded.sha256;
  } catch {
    return false;
  }
}

/**
 * Reads each pack of the chain that the new snapshot will need, unless this machine's record
 * says it was read and found intact before. A damaged or missing one is E_INTEGRITY naming it.
 */
async function checkChainPacks(
  store: Store,
  parent: Pick<Manifest, 'id' | 'series'>,
  packs: PackInfo[],
  record: CheckedPacks | undefined,
): Promise<Omit<VerifiedPacks, 'written'>> {
  let reused = 0;
  let reusedFromRecord = 0;
  const stamp = record ? await listedStamps(store, parent.series) : () => ({ size: -1, modified: null });
  try {
    for (const p of packs) {
      const key = packKey(parent.series, p.name);
      if (record?.has(store.description, key, p.sha256, stamp(key))) {
        reusedFromRecord++;
        continue;
      }
      try {
        await readBackPack(store, key, p);
      } catch (err) {
        if (!isIndexVaultError(err, 'E_INTEGRITY') && !isIndexVaultError(err, 'E_NOT_FOUND')) throw err;
        throw new IntegrityError(
          `pack ${p.name} (written by snapshot ${p.origin}), needed by the latest snapshot ${parent.id} of ${parent.series}, is damaged: ${err.message}`,
          {
            hint: 'take a full snapshot; verify the stored snapshots to see which are affected',
            details: { pack: p.name, origin: p.origin, id: parent.id, chainPack: true, remedy: 'full-snapshot' },
            cause: err,
          },
        );
      }
      record?.add(store.description, key, p.sha256, stamp(key));
      reused++;
    }
  } finally {
    await record?.save();
  }
  return { reused, reusedFromRecord };
}

/**
 * checkChainPacks for a parent whose manifest nobody here checked or signed: the new snapshot
 * takes over where it places its files, so each pack is read against it (verifyPlaces), record
 * or not. A forged manifest naming content its packs do not hold where it says is refused like
 * a damaged pack, instead of being built on and called verified.
 */
async function checkChainPlaces(
  store: Store,
  parent: SnapshotHead,
  packs: PackInfo[],
  record: CheckedPacks | undefined,
): Promise<Omit<VerifiedPacks, 'written'>> {
  if (packs.length === 0) return { reused: 0, reusedFromRecord: 0 };
  const stamp = record ? await listedStamps(store, parent.series) : () => ({ size: -1, modified: null });
  try {
    await verifyPlaces(store, parent, new Set(packs.map((p) => p.name)));
  } catch (err) {
    if (!isIndexVaultError(err, 'E_INTEGRITY') && !isIndexVaultError(err, 'E_UNSAFE_ENTRY') && !isIndexVaultError(err, 'E_NOT_FOUND'))
      throw err;
    // A damaged pack is named as checkChainPacks names it; only intact packs make it the manifest's places.
    await checkChainPacks(store, parent, packs, undefined);
    throw new IntegrityError(`the latest snapshot ${parent.id} of ${parent.series} does not match the packs it needs: ${err.message}`, {
      hint: 'take a full snapshot; verify the stored snapshots to see which are affected',
      details: { id: parent.id, chainPack: true, remedy: 'full-snapshot' },
      cause: err,
    });
  }
  if (record) {
    for (const p of packs) record.add(store.description, packKey(parent.series, p.name), p.sha256, stamp(packKey(parent.series, p.name)));
    await record.save();
  }
  return { reused: packs.length, reusedFromRecord: 0 };
}

/** The record holds for a pack as the store lists it now: rewritten in place (new size or time), it is read again. */
async function listedStamps(store: Store, series: string): Promise<(key: string) => ListedStamp> {
  const listed = new Map((await store.list(packKey(series, ''))).map((o) => [o.key, o]));
  return (key) => ({ size: listed.get(key)?.size ?? -1, modified: listed.get(key)?.modified?.getTime() ?? null });
}

/**
 * Notes packs this machine has just read whole and found intact, so the next incremental does not
 * read them again. Only an optimization: after the snapshot is published, a failure is not one.
 */
async function recordChecked(store: Store, series: string, packs: PackInfo[], record: CheckedPacks, logger: Logger): Promise<void> {
  try {
    const stamp = await listedStamps(store, series);
    for (const p of packs) record.add(store.description, packKey(series, p.name), p.sha256, stamp(packKey(series, p.name)));
    await record.save();
  } catch (err) {
    logger.debug(`could not note the packs just checked (${(err as Error).message}); the next incremental reads them`);
  }
}

/**
 * Refuses, before anything is stored, a tree that breaks a rule every reader enforces on a
 * manifest (tree-rules.ts): the same code, so the writer never stores what a restore refuses.
 */
function checkTree(entries: ScanEntries, source: string): void {
  const problems = treeProblems(entries, { reserved: META_DIR, max: 20 });
  if (problems.length > 0) refuseTree(problems, source);
}

/** Checks the names as `mode` asks; true when they were checked and none broke a rule. */
function checkNames(entries: ScanEntries, mode: PortabilityMode, logger: Logger): boolean {
  if (mode === 'off') return false;
  const problems = checkPortability(entries.allPaths());
  if (problems.length === 0) return true;
  const text = formatPortabilityProblems(problems);
  if (mode === 'warn') {
    logger.warn(`names that will not restore on every OS:\n${text}`);
    return false;
  }
  throw new PortabilityError(`${problems.length} name(s) cannot be restored on every OS:\n${text}`, {
    hint: 'rename them, or relax the portability check if the snapshot only needs to restore on this OS',
    details: { problems, remedy: 'portability' },
  });
}

/**
 * Cuts the tree into packs of about `packBytes` of file data. Directories and symlinks go into the
 * first pack, so extracting the packs in order with plain tar rebuilds the tree. A pack also ends
 * before its listing (every file's path and hash) would pass `listingBudget`: many long paths in
 * one pack would otherwise make a listing larger than readers accept (pack-limits.ts). Groups hold
 * the indexes of the scanned entries; `packItems` makes a group's items when its pack is written, so only one
 * pack's items (with their stamps and disk paths) are alive at a time.
 */
function splitIntoPacks(
  entries: ScanEntries,
  toWrite: Int32Array,
  limits: { packBytes: number; listingBudget: number },
  selection: IndexSelection | undefined,
): number[][] {
  const { packBytes, listingBudget } = limits;
  const groups: number[][] = [[]];
  for (const i of toWrite) if (!entries.isFile(i)) groups[0]!.push(i);
  let size = 0;
  let listed = LISTING_FRAME;
  let inPack = 0;
  const add = (i: number): void => {
    const record = listingBytes(entries.path(i));
    const bytes = entries.size(i);
    if ((size > 0 && size + bytes > packBytes) || (inPack > 0 && listed + record > listingBudget)) {
      groups.push([]);
      size = 0;
      listed = LISTING_FRAME;
      inPack = 0;
    }
    groups[groups.length - 1]!.push(i);
    size += bytes;
    listed += record;
    inPack++;
  };
  // Files the index commits with (a meta file naming every other) go last, after everything they point to.
  const lastSet = new Set(selection?.last ?? []);
  for (const i of toWrite) if (entries.isFile(i) && !lastSet.has(entries.path(i))) add(i);
  for (const i of toWrite) if (entries.isFile(i) && lastSet.has(entries.path(i))) add(i);
  return groups;
}

/** The items of one pack's group of scanned entries (see splitIntoPacks), made one at a time as the pack's writer takes them. */
function* packItems(
  group: readonly number[],
  scan: ScanResult,
  hashes: FileHashes,
  selection: IndexSelection | undefined,
): Generator<PackItem> {
  const { entries } = scan;
  for (const i of group) {
    const type = entries.type(i);
    const path = entries.path(i);
    if (type === 'dir') yield { type: 'dir', path, mtimeMs: entries.mtimeMs(i), mode: entries.mode(i) };
    else if (type === 'symlink') yield { type: 'symlink', path, target: entries.target(i), mtimeMs: entries.mtimeMs(i) };
    else {
      const content = selection?.pinned.get(path);
      yield content
        ? { type: 'file', path, absPath: absPathOf(scan.root, entries, i), content, mtimeMs: entries.mtimeMs(i), mode: entries.mode(i) }
        : {
            type: 'file',
            path,
            absPath: absPathOf(scan.root, entries, i),
            expectedSha256: hashes.get(entries.stamp(i)),
            stamp: scan.stamps.get(entries.stamp(i)),
          };
    }
  }
}
