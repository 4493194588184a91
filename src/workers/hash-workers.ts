import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { ioError } from '../shared/errors.js';
import { yieldTurn } from '../shared/interrupt.js';
import type { HashReply, HashRequest } from './hash-protocol.js';
import { hashWholeFile } from './whole-file-hash.js';
import { startWorker } from './worker-url.js';

/** A file as hashed: its sha256 and size, and its stat once read (of the open file, after the last byte). */
export interface HashedFile {
  sha256: string;
  size: number;
  stamp: { size: bigint; mtimeNs: bigint; ctimeNs: bigint; ino: bigint };
}

/** Files in one message, at most: a round trip between threads costs about what hashing a small file does. */
const BATCH_FILES = 64;
/** Bytes in one message, at most, where the sizes are known: a batch of large files would leave the other threads idle at the end. */
const BATCH_BYTES = 4 * 1024 * 1024;
/** Batches a thread has at once: it starts the next while the answer to the last is on its way. */
const IN_FLIGHT = 2;

/**
 * Hashes files on worker threads, one per core: sha256 is synchronous, so on the main thread it
 * runs on one core however many there are. Worth it for an incremental backup, which must hash
 * every file before it knows what is new. Files go in batches (`sizes`, when given, keeps a
 * batch's bytes bounded), two per thread at once: one message each way per file cost more than a
 * small file's hashing (a million small files took ~55 s on two cores, 28 s in batches). Results
 * come back in input order.
 */
export async function hashFilesInWorkers(
  files: readonly string[],
  onBytes?: (n: number) => void,
  threads?: number,
  sizes?: readonly number[],
): Promise<HashedFile[]> {
  const pool = new HashPool(threads);
  try {
    return await pool.hash(files, onBytes, sizes);
  } finally {
    await pool.close();
  }
}

/** Bytes hashed on the main thread between two turns of the event loop (a stop is seen within one). */
const TURN_BYTES = 8 * 1024 * 1024;

/**
 * hashFilesInWorkers on this thread, for a few small files (an incremental after a small change):
 * plain system calls, as the threads make them, where a thread-pool round trip for each of a
 * file's open, reads, stat and close cost more than the call itself, and no thread to start.
 */
export async function hashFilesHere(files: readonly string[], onBytes?: (n: number) => void): Promise<HashedFile[]> {
  const out = new Array<HashedFile>(files.length);
  const here = new HereHasher();
  let sinceTurn = 0;
  for (let k = 0; k < files.length; k++) {
    const size = here.hash(files, k, out, k);
    onBytes?.(size);
    if ((sinceTurn += size + 4096) >= TURN_BYTES) {
      sinceTurn = 0;
      await yieldTurn();
    }
  }
  return out;
}

/** Whole files hashed on this thread, with the threads' own system calls (hashWholeFile) and one reused buffer. */
class HereHasher {
  private readonly buf = Buffer.allocUnsafe(1024 * 1024);
  private readonly st: bigint[] = [];

  /** Hashes `files[k]` into `out[at]`; returns its size. */
  hash(files: readonly string[], k: number, out: HashedFile[], at: number): number {
    const st = this.st;
    let sum;
    try {
      sum = hashWholeFile(files[k]!, this.buf, st);
    } catch (err) {
      throw ioError(err, 'cannot read', files[k]!);
    }
    out[at] = { ...sum, stamp: { size: st[0]!, mtimeNs: st[1]!, ctimeNs: st[2]!, ino: st[3]! } };
    st.length = 0;
    return sum.size;
  }
}

/**
 * hashFilesInWorkers's threads kept for several calls (an incremental hashes a large tree a batch
 * of files at a time): started at the first call, ended by `close`. A call that fails ends them
 * too (answers to its other batches may still be on their way); the next call starts new ones.
 */
export class HashPool {
  private workers: Worker[] | undefined;

  /**
   * `here`: this thread takes batches too, beside `threads` − 1 workers. For a caller that only
   * waits while the files are hashed (an incremental backup): the same cores busy, one thread
   * fewer to start and keep (~22 MB each: a million-file incremental without a hash cache peaks
   * while it hashes). Between two batches it lets the workers' answers in (and sees a stop).
   */
  constructor(
    private readonly threads = Math.max(1, Math.min(4, os.availableParallelism?.() ?? os.cpus().length)),
    private readonly here = false,
  ) {}

  async hash(files: readonly string[], onBytes?: (n: number) => void, sizes?: readonly number[]): Promise<HashedFile[]> {
    const out = new Array<HashedFile>(files.length);
    if (files.length === 0) return out;
    const workers = (this.workers ??= Array.from({ length: Math.min(this.here ? this.threads - 1 : this.threads, files.length) }, () =>
      startWorker('hash-worker', import.meta.url),
    ));
    // A batch is named by its first file's index, and taken by whichever thread asks next.
    let next = 0;
    let failed = false;
    const take = (): Extract<HashRequest, { op: 'files' }> | undefined => {
      if (failed || next >= files.length) return undefined;
      const from = next;
      let bytes = 0;
      do bytes += sizes?.[next] ?? 0;
      while (++next < files.length && next - from < BATCH_FILES && bytes + (sizes?.[next] ?? 0) <= BATCH_BYTES);
      return { op: 'files', id: from, files: files.slice(from, next) };
    };
    const listeners: Array<() => void> = [];
    // This thread's share: a batch at a time, the workers' answers let in before each.
    const hashHere = async (): Promise<void> => {
      const hasher = new HereHasher();
      for (;;) {
        await yieldTurn();
        const batch = take();
        if (!batch) return;
        try {
          for (let k = 0; k < batch.files.length; k++) {
            const size = hasher.hash(batch.files, k, out, batch.id + k);
            onBytes?.(size);
          }
        } catch (err) {
          failed = true;
          throw err;
        }
      }
    };
    try {
      await Promise.all([
        ...(this.here ? [hashHere()] : []),
        ...workers.map(
          (w) =>
            new Promise<void>((resolve, reject) => {
              let pending = 0;
              const send = () => {
                while (pending < IN_FLIGHT) {
                  const batch = take();
                  if (!batch) break;
                  w.postMessage(batch);
                  pending++;
                }
                if (pending === 0) resolve();
              };
              const onMessage = (r: HashReply) => {
                pending--;
                if (r.error) {
                  failed = true;
                  const e = Object.assign(new Error(r.error.message), { code: r.error.code, syscall: r.error.syscall });
                  return reject(ioError(e, 'cannot read', files[r.id + (r.failed ?? 0)]!));
                }
                const { sha256, size, stamps: st } = r.sums!;
                for (let k = 0; k < sha256.length; k++) {
                  const stamp = { size: st[4 * k]!, mtimeNs: st[4 * k + 1]!, ctimeNs: st[4 * k + 2]!, ino: st[4 * k + 3]! };
                  out[r.id + k] = { sha256: sha256[k]!, size: size[k]!, stamp };
                  onBytes?.(size[k]!);
                }
                send();
              };
              const onError = (err: Error) => {
                failed = true;
                reject(err);
              };
              w.on('message', onMessage);
              w.on('error', onError);
              listeners.push(() => {
                w.off('message', onMessage);
                w.off('error', onError);
              });
              send();
            }),
        ),
      ]);
    } catch (err) {
      await this.close();
      throw err;
    } finally {
      for (const off of listeners) off();
    }
    return out;
  }

  async close(): Promise<void> {
    const workers = this.workers ?? [];
    this.workers = undefined;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
