import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { IntegrityError, isIndexVaultError, NotFoundError, StorageError, ValidationError } from '../shared/errors.js';
import { PositionalWrites } from '../fs-safety/positional-writes.js';
import { isStopping, onStop } from '../shared/interrupt.js';
import { makePrivateLeaf, PRIVATE_FILE_MODE } from '../fs-safety/private-files.js';
import { isValidKey, type GetOptions, type LocalCopy, type PutOptions, type Store, type StoreObject } from './store.js';

const TMP_MARK = '.tmp-';
/** Bytes written between two background flushes to disk. */
const FLUSH_BYTES = 64 * 1024 * 1024;
const READ_BACK_CHUNK = 1024 * 1024;
const WRITES_IN_FLIGHT = 4;

/** Reads back what was just written at `pos` and compares it with what was meant to be written. */
async function compareWritten(
  fh: import('node:fs/promises').FileHandle,
  chunk: Uint8Array,
  pos: number,
  scratch: Buffer,
  key: string,
): Promise<void> {
  for (let off = 0; off < chunk.length; off += scratch.length) {
    const n = Math.min(scratch.length, chunk.length - off);
    let got = 0;
    while (got < n) {
      const { bytesRead } = await fh.read(scratch, got, n - got, pos + off + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    if (got !== n || Buffer.compare(scratch.subarray(0, n), chunk.subarray(off, off + n)) !== 0) {
      throw new IntegrityError(`${key}: the bytes read back at offset ${pos + off} differ from those written`, {
        hint: 'the disk or filesystem of the store is failing; check it and back up again',
        details: { key, offset: pos + off },
      });
    }
  }
}

/**
 * The embedded default store: a directory. Objects are written to a temporary name beside
 * their final one, fsynced, then renamed (or linked, for ifNoneMatch) into place, so readers
 * never see a partial object and a crash leaves at most a temporary file that `list` ignores.
 */
export class LocalStore implements Store {
  readonly root: string;
  readonly description: string;
  /** It releases each part of a put once written and read back, and hands its body to no other store. */
  readonly releasesParts = true;

  get localRoot(): string {
    return this.root;
  }

  constructor(root: string) {
    if (!root)
      throw new ValidationError('the local store needs a directory', {
        hint: 'name the directory of the store',
        details: { remedy: 'store' },
      });
    this.root = path.resolve(root);
    this.description = `local:${this.root}`;
  }

  private file(key: string): string {
    if (!isValidKey(key)) throw new ValidationError(`invalid store key ${JSON.stringify(key)}`);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, body: AsyncIterable<Uint8Array>, options: PutOptions = {}): Promise<StoreObject> {
    const final = this.file(key);
    const dir = path.dirname(final);
    const tmp = path.join(dir, `.${path.basename(final)}${TMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`);
    let size = 0;
    let durable: Promise<void> | undefined;
    // Stopped by a signal: the temporary file goes, whatever this put is doing.
    const forgetTmp = onStop(() => fs.rm(tmp, { force: true }));
    try {
      if (isStopping()) throw new StorageError(`not writing ${key}: the process is stopping`);
      // The store's directory is owner-only when created here; objects always are.
      await makePrivateLeaf(this.root);
      await fs.mkdir(dir, { recursive: true });
      const fh = await fs.open(tmp, options.readBack ? 'wx+' : 'wx', PRIVATE_FILE_MODE);
      // Flushing to disk as we go, one flush in flight at a time, leaves little for the final
      // fsync: a pack's last flush no longer stalls the pipeline for the whole pack's writeback.
      let flushing: Promise<void> | undefined;
      let unflushed = 0;
      // Several positional writes (each then read back) in flight: the disk is busy while the
      // next parts are still being compressed, and one slow write does not stall the pipeline.
      const scratch: Buffer[] = [];
      const readBack = async (chunk: Uint8Array, at: number) => {
        const buf = scratch.pop() ?? Buffer.allocUnsafe(READ_BACK_CHUNK);
        try {
          await compareWritten(fh, chunk, at, buf, key);
        } finally {
          scratch.push(buf);
        }
      };
      // Once a part is written (and read back), the caller may have its memory back.
      const { readBack: check, release } = options;
      const after =
        check || release
          ? async (chunk: Uint8Array, at: number) => {
              if (check) await readBack(chunk, at);
              release?.(chunk);
            }
          : undefined;
      const writes = new PositionalWrites(fh, WRITES_IN_FLIGHT, after);
      try {
        for await (const chunk of body) {
          await writes.write(chunk, size);
          size += chunk.length;
          unflushed += chunk.length;
          if (unflushed >= FLUSH_BYTES && !flushing) {
            unflushed = 0;
            flushing = fh.datasync().finally(() => (flushing = undefined));
          }
        }
        await writes.settle();
        await flushing;
        // Windows cannot be trusted to rename a file that is still open (it depends on how
        // every other opener shared it), so there the flush ends before the rename, as without.
        if (options.deferDurable && process.platform !== 'win32') {
          // Published now, flushed in the background: the handle stays open for that flush.
          await this.publish(tmp, final, key, options);
          forgetTmp();
          const handle = fh;
          durable = handle
            .sync()
            .finally(() => handle.close())
            .then(() => syncDir(dir))
            .catch((err: unknown) => {
              throw storageError(err, `cannot flush ${key} to`, this.description);
            });
          durable.catch(() => {}); // the caller awaits it; an early failure must not go unhandled
          return { key, size, readBack: options.readBack === true, durable };
        }
        await fh.sync();
      } finally {
        await writes.abandon();
        await flushing?.catch(() => {});
        if (!durable) await fh.close();
      }
      await this.publish(tmp, final, key, options);
      forgetTmp();
      await syncDir(dir);
    } catch (err) {
      await fs.rm(tmp, { force: true }).catch(() => {});
      forgetTmp();
      // Errors of the body (the source being read) are not the store's: pass them on as they are.
      if (isIndexVaultError(err)) throw err;
      throw storageError(err, `cannot write ${key} to`, this.description);
    }
    return { key, size, readBack: options.readBack === true };
  }

  /** Moves a complete temporary file to its key: rename, or link for create-only. */
  private async publish(tmp: string, final: string, key: string, options: PutOptions): Promise<void> {
    // Nothing new becomes visible once a stop has begun removing what this process wrote.
    if (isStopping()) throw new StorageError(`not publishing ${key}: the process is stopping`);
    if (options.ifNoneMatch) {
      // link() fails if the name exists: an atomic "create only if absent".
      try {
        await fs.link(tmp, final);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new StorageError(`${this.description}: ${key} already exists`, { details: { key, exists: true } });
        }
        throw err;
      }
      await fs.unlink(tmp);
    } else {
      await fs.rename(tmp, final);
    }
  }

  async get(key: string, options: GetOptions = {}): Promise<AsyncIterable<Buffer>> {
    const file = this.file(key);
    let handle;
    try {
      handle = await fs.open(file, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new NotFoundError(`${key} is not in ${this.description}`, { details: { key } });
      }
      throw storageError(err, `cannot read ${key} from`, this.description);
    }
    const range = options.range;
    if (range && range.length === 0) {
      await handle.close();
      return (async function* () {})();
    }
    return createReadStream('', {
      fd: handle,
      highWaterMark: 1024 * 1024,
      start: range?.offset,
      end: range ? range.offset + range.length - 1 : undefined,
    }) as AsyncIterable<Buffer>;
  }

  /** The object's own file: nothing is copied, and releasing it removes nothing. */
  async download(key: string): Promise<LocalCopy> {
    const file = this.file(key);
    try {
      await fs.access(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        throw new NotFoundError(`${key} is not in ${this.description}`, { details: { key } });
      throw storageError(err, `cannot read ${key} from`, this.description);
    }
    return { path: file, release: async () => {} };
  }

  async list(prefix: string): Promise<StoreObject[]> {
    const out: StoreObject[] = [];
    const walk = async (dir: string, rel: string): Promise<void> => {
      let names;
      try {
        names = await fs.readdir(dir, { withFileTypes: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return;
        throw storageError(err, 'cannot list', this.description);
      }
      for (const d of names) {
        const key = rel ? `${rel}/${d.name}` : d.name;
        if (!isValidKey(key)) continue; // temporary files start with '.', and foreign names are not ours
        if (d.isDirectory()) {
          if (prefix.startsWith(`${key}/`) || key.startsWith(prefix) || prefix.startsWith(key)) await walk(path.join(dir, d.name), key);
        } else if (d.isFile() && key.startsWith(prefix)) {
          const st = await fs.stat(path.join(dir, d.name));
          out.push({ key, size: st.size, modified: st.mtime });
        }
      }
    };
    await walk(this.root, '');
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    try {
      await fs.rm(this.file(key), { force: true });
    } catch (err) {
      throw storageError(err, `cannot delete ${key} from`, this.description);
    }
  }

  /** Temporary files (`.<name>.tmp-<pid>-<rand>`) of puts that were killed, unchanged since `olderThan`. */
  async sweepTemporaries(olderThan: Date): Promise<string[]> {
    const removed: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      const names = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const d of names) {
        const p = path.join(dir, d.name);
        if (d.isDirectory()) await walk(p);
        else if (d.isFile() && d.name.startsWith('.') && d.name.includes(TMP_MARK)) {
          const st = await fs.lstat(p).catch(() => undefined);
          if (st && st.mtimeMs < olderThan.getTime()) {
            await fs.rm(p, { force: true });
            removed.push(path.relative(this.root, p).split(path.sep).join('/'));
          }
        }
      }
    };
    await walk(this.root);
    return removed;
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await fs.stat(this.file(key))).isFile();
    } catch {
      return false;
    }
  }
}

async function syncDir(dir: string): Promise<void> {
  // Makes the rename durable on POSIX; Windows cannot open directories for fsync.
  if (process.platform === 'win32') return;
  const fh = await fs.open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

function storageError(err: unknown, action: string, where: string): StorageError {
  const e = err as NodeJS.ErrnoException;
  return new StorageError(`${action} ${where}: ${e?.code ?? ''} ${e?.message ?? String(err)}`.trim(), {
    cause: err,
    hint: e?.code === 'ENOSPC' ? 'the store has no space left' : 'check that the store directory exists and is writable',
  });
}
