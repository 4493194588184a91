import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { defaultCacheDir } from './hash-cache.js';
import type { Logger } from '../shared/logger.js';
import { makePrivateDir, PRIVATE_FILE_MODE } from './private-files.js';

const VERSION = 1;

/** How the store lists the object: its size and last modification (ms; null where the store keeps none). */
export interface ListedStamp {
  size: number;
  modified: number | null;
}
/** Enough for every pack of many series; the oldest records go first. */
const MAX_RECORDS = 20_000;

/**
 * Which stored packs this machine has read whole and found equal to their recorded digest, so
 * an incremental that builds on them pays for reading each once, not at every backup. A record
 * names the store, the pack's key and sha256, and the size and modification time the store lists
 * it with: a pack changed in place since (a flipped bit rewritten, a copy put back) is read again.
 * A pack is recorded when a verified backup wrote and read it back whole, or when an incremental
 * first read it: either way it was paid for once on this machine. Like the hash cache it is only an optimization, kept beside it: a missing or
 * damaged record means the packs are read again.
 */
export class CheckedPacks {
  private dirty = false;

  private constructor(
    private readonly file: string | undefined,
    private readonly records: Set<string>,
    private readonly logger: Logger,
  ) {}

  /** Opens the record kept in `cacheDir`, beside the hash caches. */
  static async open(logger: Logger, cacheDir: string | undefined = defaultCacheDir()): Promise<CheckedPacks> {
    const dir = cacheDir;
    const file = dir === undefined ? undefined : path.join(dir, 'checked-packs.json');
    const records = new Set<string>();
    if (file !== undefined) {
      try {
        const data = JSON.parse(await fs.readFile(file, 'utf8')) as { version?: unknown; packs?: unknown };
        if (data?.version !== VERSION || !Array.isArray(data.packs)) throw new Error('not a record of checked packs');
        for (const r of data.packs) if (typeof r === 'string' && /^[0-9a-f]{64}$/.test(r)) records.add(r);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
          logger.debug(`ignoring ${file} (${(err as Error).message}): packs will be read again`);
      }
    }
    return new CheckedPacks(file, records, logger);
  }

  /** Whether the pack `key` of `store` with this digest, listed with this size and time, was read whole and found intact here. */
  has(store: string, key: string, sha256: string, listed: ListedStamp): boolean {
    return this.records.has(recordOf(store, key, sha256, listed));
  }

  add(store: string, key: string, sha256: string, listed: ListedStamp): void {
    const r = recordOf(store, key, sha256, listed);
    this.records.delete(r); // re-added last: the newest stay when old ones are dropped
    this.records.add(r);
    this.dirty = true;
  }

  /** Writes the record atomically. Never throws: a failure only means reading the packs again. */
  async save(): Promise<void> {
    if (!this.file || !this.dirty) return;
    const packs = [...this.records].slice(-MAX_RECORDS);
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await makePrivateDir(path.dirname(this.file));
      await fs.writeFile(tmp, `${JSON.stringify({ version: VERSION, packs })}\n`, { flag: 'wx', mode: PRIVATE_FILE_MODE });
      await fs.rename(tmp, this.file);
      this.dirty = false;
    } catch (err) {
      await fs.rm(tmp, { force: true }).catch(() => {});
      this.logger.debug(`could not save ${this.file} (${(err as Error).message}); the packs will be read again next time`);
    }
  }
}

/** One hash per record: store descriptions and keys may be long, and none of them need be read back. */
function recordOf(store: string, key: string, sha256: string, listed: ListedStamp): string {
  return createHash('sha256')
    .update(JSON.stringify([store, key, sha256, listed.size, listed.modified]))
    .digest('hex');
}
