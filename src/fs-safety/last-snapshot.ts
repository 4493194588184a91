import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../shared/logger.js';
import { CODECS } from '../snapshot/codec.js';
import type { Manifest, PackInfo } from '../snapshot/manifest.js';
import { makePrivateDir, PRIVATE_FILE_MODE } from './private-files.js';

const VERSION = 1;
/** Far more than a record of the largest snapshot's packs takes. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** What an unchanged backup reads of the snapshot it names: no entry, only what the manifest says about itself. */
export type SnapshotHead = Pick<Manifest, 'id' | 'series' | 'digest' | 'depth' | 'parent' | 'packs' | 'totals'>;

/**
 * The last snapshot this machine took or confirmed of one source tree, so that a backup of a tree
 * that has not changed since need not read and parse that snapshot's manifest (tens of MB at
 * 100,000 files). It binds the store, the series, the options that decide what a scan is and how
 * it is checked, a digest of the tree exactly as an unchanged backup compares it, and the
 * manifest's stored bytes (their sha256): it is used only while the store's newest snapshot is
 * that one and its manifest still hashes to those bytes, so whoever can write the store cannot
 * get past it. Like the hash cache beside it, it is local, owner-only and only an optimization:
 * a missing, damaged or foreign record means the manifest is read as before.
 */
export interface LastSnapshot {
  /** The source directory (absolute), the store (`Store.description`) and the series. */
  source: string;
  store: string;
  series: string;
  /** sha256 of the options that decide the scan and its checks (see backup.ts `recordOptions`). */
  options: string;
  /** sha256 of the tree as an unchanged backup compares it (tree-digest.ts). */
  tree: string;
  /** The tree broke no portability rule (false when the rule was not checked): the names need no check again. */
  namesClean: boolean;
  /**
   * sha256 of the tree's names as the tree rules and the name checks read them (tree-digest.ts
   * `namesDigest`), which passed the tree rules; absent where this machine did not check them
   * (a restore): a tree of the same names, whatever its content, needs neither check again.
   */
  names?: string;
  /** The manifest as stored: its length and the sha256 of its bytes. */
  manifest: { size: number; sha256: string };
  /**
   * Where the manifest places each file in the packs was checked on this machine against the
   * packs themselves: it made the snapshot (its own packs, and its parent's places it had checked
   * or could vouch for), or restored every file from the packs. Absent in older records: false.
   * An incremental built on a snapshot whose places nobody here checked checks them first.
   */
  placesChecked: boolean;
  snapshot: SnapshotHead;
}

/** The record of the tree whose hash cache is `cacheFile` (`<hash of the root>.bin`): beside it, named alike. */
export function lastSnapshotFile(cacheFile: string): string {
  return cacheFile.replace(/\.bin$/, '.last.json');
}

/** The record kept at `file`, or undefined when there is none or it is unreadable, damaged or of another version. */
export async function readLastSnapshot(file: string, logger: Logger): Promise<LastSnapshot | undefined> {
  try {
    const fh = await fs.open(file, 'r');
    let text: string;
    try {
      const { size } = await fh.stat();
      if (size > MAX_FILE_BYTES) throw new Error(`${size} bytes, more than a record can hold`);
      text = await fh.readFile('utf8');
    } finally {
      await fh.close();
    }
    const record = checkRecord(JSON.parse(text) as unknown);
    if (!record) throw new Error('not a record of the last snapshot');
    return record;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      logger.debug(`ignoring ${file} (${(err as Error).message}): the newest manifest will be read`);
    return undefined;
  }
}

/** Writes the record atomically. Never throws: a failure only means the next backup reads the manifest. */
export async function writeLastSnapshot(file: string, record: LastSnapshot, logger: Logger): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await makePrivateDir(path.dirname(file));
    await fs.writeFile(tmp, `${JSON.stringify({ version: VERSION, ...record })}\n`, { flag: 'wx', mode: PRIVATE_FILE_MODE });
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => {});
    logger.debug(`could not save ${file} (${(err as Error).message}); the next backup reads the newest manifest`);
  }
}

const HEX64 = /^[0-9a-f]{64}$/;
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The record if every field has its type, as written by `writeLastSnapshot`; anything else is not one. */
function checkRecord(v: unknown): LastSnapshot | undefined {
  if (!isObject(v) || v.version !== VERSION) return undefined;
  const { source, store, series, options, tree, namesClean, names, manifest, placesChecked, snapshot } = v;
  if (!isText(source) || !isText(store) || !isText(series) || typeof namesClean !== 'boolean') return undefined;
  if (names !== undefined && (typeof names !== 'string' || !HEX64.test(names))) return undefined;
  if (typeof options !== 'string' || !HEX64.test(options) || typeof tree !== 'string' || !HEX64.test(tree)) return undefined;
  if (!isObject(manifest) || !isCount(manifest.size) || typeof manifest.sha256 !== 'string' || !HEX64.test(manifest.sha256))
    return undefined;
  const head = checkHead(snapshot);
  if (!head || head.series !== series) return undefined;
  return {
    source,
    store,
    series,
    options,
    tree,
    namesClean,
    ...(names !== undefined ? { names } : {}),
    manifest: { size: manifest.size, sha256: manifest.sha256 },
    placesChecked: placesChecked === true,
    snapshot: head,
  };
}

function checkHead(v: unknown): SnapshotHead | undefined {
  if (!isObject(v)) return undefined;
  const { id, series, digest, depth, parent, packs, totals } = v;
  if (!isText(id) || !isText(series) || !isText(digest) || !isCount(depth)) return undefined;
  let parentOf: SnapshotHead['parent'] = null;
  if (parent !== null) {
    if (!isObject(parent) || !isText(parent.id) || !isText(parent.digest)) return undefined;
    parentOf = { id: parent.id, digest: parent.digest };
  }
  if (!Array.isArray(packs) || !isObject(totals)) return undefined;
  const packList: PackInfo[] = [];
  for (const p of packs as unknown[]) {
    if (!isObject(p) || !isText(p.name) || !isText(p.origin) || !CODECS.includes(p.codec as PackInfo['codec'])) return undefined;
    if (!isCount(p.size) || !isCount(p.rawSize) || typeof p.sha256 !== 'string' || !HEX64.test(p.sha256)) return undefined;
    packList.push({
      name: p.name,
      origin: p.origin,
      codec: p.codec as PackInfo['codec'],
      size: p.size,
      sha256: p.sha256,
      rawSize: p.rawSize,
    });
  }
  const { files, dirs, symlinks, bytes, packedBytes, storedBytes } = totals;
  if (![files, dirs, symlinks, bytes, packedBytes, storedBytes].every(isCount)) return undefined;
  return {
    id,
    series,
    digest,
    depth,
    parent: parentOf,
    packs: packList,
    totals: {
      files: files as number,
      dirs: dirs as number,
      symlinks: symlinks as number,
      bytes: bytes as number,
      packedBytes: packedBytes as number,
      storedBytes: storedBytes as number,
    },
  };
}
