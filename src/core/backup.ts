import path from 'node:path';
import { DEFAULT_LEVEL, LEVEL_RANGE, packExtension } from './codec.js';
import { ValidationError } from './errors.js';
import { acquireLock } from './lock.js';
import { silentLogger, type Logger, type ProgressCallback } from './logger.js';
import { sealManifest, FORMAT_VERSION, MANIFEST_FORMAT, type Codec, type Entry, type FileEntry, type Manifest, type PackInfo } from './manifest.js';
import { writePack, type PackItem } from './pack-writer.js';
import { checkPortability, formatPortabilityProblems, type PortabilityMode } from './portability.js';
import { PortabilityError } from './errors.js';
import { scanTree, type ScannedEntry } from './scan.js';
import { manifestKey, packKey, putManifest } from './series.js';
import { assertSeriesName, newSnapshotId, seriesNameFor } from './snapshot-id.js';
import { verifyManifest } from './verify.js';
import { TOOL } from './version.js';
import type { Store } from '../storage/store.js';

export interface BackupOptions {
  source: string;
  store: Store;
  /** Series name; defaults to one derived from the source directory's name. */
  series?: string;
  codec?: Codec;
  level?: number;
  portability?: PortabilityMode;
  followLinks?: boolean;
  /** Re-read the stored snapshot and check every digest before reporting success (default true). */
  verify?: boolean;
  /** Uncompressed file bytes per pack before a new pack is started (default 1 GiB). */
  packBytes?: number;
  /** Wait this long for another backup or restore of the same directory (default: fail at once). */
  lockWaitMs?: number;
  logger?: Logger;
  onProgress?: ProgressCallback;
}

export interface BackupResult {
  id: string;
  series: string;
  kind: 'full' | 'incremental' | 'unchanged';
  files: number;
  dirs: number;
  symlinks: number;
  /** Source bytes (sum of file sizes). */
  bytes: number;
  /** Compressed bytes this snapshot added to the store. */
  storedBytes: number;
  packs: number;
  verified: boolean;
  durationMs: number;
  manifest: Manifest;
}

export const DEFAULT_PACK_BYTES = 1024 * 1024 * 1024;

export function checkLevel(codec: Codec, level: number): number {
  const [lo, hi] = LEVEL_RANGE[codec];
  if (!Number.isInteger(level) || level < lo || level > hi) {
    throw new ValidationError(`compression level ${level} is out of range for ${codec}`, { hint: `use a whole number from ${lo} to ${hi}` });
  }
  return level;
}

/**
 * Takes a full snapshot of a directory into a store. Packs are published under their final
 * names only when complete, then verified, and only then is the manifest written: a snapshot is
 * visible exactly when everything it needs is stored and checked.
 */
export async function backup(options: BackupOptions): Promise<BackupResult> {
  const started = Date.now();
  const logger = options.logger ?? silentLogger;
  const source = path.resolve(options.source);
  const series = assertSeriesName(options.series ?? seriesNameFor(path.basename(source)));
  const codec = options.codec ?? 'zstd';
  const level = checkLevel(codec, options.level ?? DEFAULT_LEVEL[codec]);
  const packBytes = options.packBytes ?? DEFAULT_PACK_BYTES;
  if (!(packBytes > 0)) throw new ValidationError('pack size must be positive');

  const lock = await acquireLock(source, { operation: 'backup', logger, waitMs: options.lockWaitMs });
  const written: string[] = [];
  try {
    const scan = await scanTree(source, { followLinks: options.followLinks, logger });
    checkNames(scan.entries, options.portability ?? 'error', logger);

    const id = newSnapshotId();
    const createdAt = new Date().toISOString();
    const groups = splitIntoPacks(scan.entries, packBytes);
    const packs: PackInfo[] = [];
    const files = new Map<string, FileEntry>();
    let bytesDone = 0;
    let filesDone = 0;
    for (let i = 0; i < groups.length; i++) {
      const name = `${id}-${String(i).padStart(3, '0')}${packExtension(codec)}`;
      const key = packKey(series, name);
      written.push(key);
      const result = await writePack({
        store: options.store,
        key,
        name,
        codec,
        level,
        snapshotId: id,
        series,
        kind: 'full',
        index: i,
        createdAt,
        tool: TOOL,
        items: groups[i]!,
        onBytes: (n) => {
          bytesDone += n;
          options.onProgress?.({ phase: 'backup', bytesDone, bytesTotal: scan.bytes, filesDone, filesTotal: scan.files });
        },
      });
      packs.push(result.info);
      for (const f of result.files) {
        f.loc.pack = i;
        files.set(f.path, f);
        filesDone++;
      }
    }

    const entries: Entry[] = scan.entries.map((e) => {
      if (e.type === 'file') return files.get(e.path)!;
      if (e.type === 'dir') return { path: e.path, type: 'dir', mtimeMs: e.mtimeMs };
      return { path: e.path, type: 'symlink', target: e.target, mtimeMs: e.mtimeMs };
    });
    const fileEntries = [...files.values()];
    const storedBytes = packs.reduce((n, p) => n + p.size, 0);
    const manifest = sealManifest({
      format: MANIFEST_FORMAT,
      formatVersion: FORMAT_VERSION,
      tool: TOOL,
      id,
      series,
      kind: 'full',
      parent: null,
      createdAt,
      source: { name: path.basename(source), format: 'dir', platform: process.platform },
      packs,
      entries,
      totals: {
        files: fileEntries.length,
        dirs: entries.filter((e) => e.type === 'dir').length,
        symlinks: entries.filter((e) => e.type === 'symlink').length,
        bytes: fileEntries.reduce((n, f) => n + f.size, 0),
        packedBytes: storedBytes,
        storedBytes,
      },
    });

    const verify = options.verify ?? true;
    if (verify) await verifyManifest(options.store, manifest, { onProgress: options.onProgress, logger });
    await putManifest(options.store, manifest);
    written.push(manifestKey(series, id));
    written.length = 0; // committed: nothing to clean up from here on
    logger.info(`stored snapshot ${id} of ${series}: ${manifest.totals.files} files, ${manifest.totals.bytes} bytes in ${packs.length} pack(s), ${storedBytes} bytes stored`);
    return {
      id,
      series,
      kind: 'full',
      files: manifest.totals.files,
      dirs: manifest.totals.dirs,
      symlinks: manifest.totals.symlinks,
      bytes: manifest.totals.bytes,
      storedBytes,
      packs: packs.length,
      verified: verify,
      durationMs: Date.now() - started,
      manifest,
    };
  } catch (err) {
    // Packs of a snapshot that never got its manifest are garbage: take them away again.
    for (const key of written) await options.store.delete(key).catch(() => {});
    throw err;
  } finally {
    await lock.release();
  }
}

function checkNames(entries: ScannedEntry[], mode: PortabilityMode, logger: Logger): void {
  if (mode === 'off') return;
  const problems = checkPortability(entries.map((e) => e.path));
  if (problems.length === 0) return;
  const text = formatPortabilityProblems(problems);
  if (mode === 'warn') {
    logger.warn(`names that will not restore on every OS:\n${text}`);
    return;
  }
  throw new PortabilityError(`${problems.length} name(s) cannot be restored on every OS:\n${text}`, {
    hint: 'rename them, or pass --portability warn (or off) if the snapshot only needs to restore on this OS',
    details: { problems },
  });
}

/**
 * Cuts the tree into packs of about `packBytes` of file data. Directories and symlinks go into the
 * first pack, so extracting the packs in order with plain tar rebuilds the tree.
 */
function splitIntoPacks(entries: ScannedEntry[], packBytes: number): PackItem[][] {
  const groups: PackItem[][] = [[]];
  let size = 0;
  for (const e of entries) {
    if (e.type === 'dir') groups[0]!.push({ type: 'dir', path: e.path, mtimeMs: e.mtimeMs });
    else if (e.type === 'symlink') groups[0]!.push({ type: 'symlink', path: e.path, target: e.target, mtimeMs: e.mtimeMs });
  }
  for (const e of entries) {
    if (e.type !== 'file') continue;
    if (size > 0 && size + e.size > packBytes) {
      groups.push([]);
      size = 0;
    }
    groups[groups.length - 1]!.push({ type: 'file', path: e.path, absPath: e.absPath });
    size += e.size;
  }
  return groups;
}
