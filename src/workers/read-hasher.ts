import type { Worker } from 'node:worker_threads';
import type { HashReply, HashRequest } from './hash-protocol.js';
import { startWorker } from './worker-url.js';

/** A request without its id (the hasher numbers them). */
type Call = HashRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * Reads and hashes the content of large files on a worker thread, into frame buffers backed by
 * shared memory: the main thread only lays out the tar stream, and the bytes are read once,
 * hashed where they land, and compressed from the same place — never copied between threads.
 * sha256 of a large file is the one step of a backup that cannot be split, so it gets its own
 * core-time instead of queueing behind everything else on the main thread. The thread starts at
 * the first read (or hash) it is asked for: a backup of small files only, which the main thread
 * reads itself, never starts it (a thread and its start-up saved).
 */
export class ReadHasher {
  private worker: Worker | undefined;
  private nextId = 0;
  private nextHash = 0;
  private readonly pending = new Map<number, { resolve: (r: HashReply) => void; reject: (err: Error) => void }>();
  private failed: Error | undefined;
  /** Frames made so far, by their number on the worker, and those free for reuse. */
  private readonly frames = new Map<ArrayBufferLike, number>();
  private readonly spare: Buffer[] = [];

  /** Whether the worker thread has been started. */
  get started(): boolean {
    return this.worker !== undefined;
  }

  /** The worker, started at first need and handed every frame made so far. */
  private running(): Worker {
    if (this.worker) return this.worker;
    const worker = (this.worker = startWorker('hash-worker', import.meta.url));
    worker.on('message', (r: HashReply) => {
      const p = this.pending.get(r.id);
      this.pending.delete(r.id);
      p?.resolve(r);
    });
    const failAll = (err: Error) => {
      this.failed ??= err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`read-hash worker exited with code ${code}`)));
    for (const [sab, n] of this.frames) worker.postMessage({ op: 'frame', frame: n, sab: sab as SharedArrayBuffer } satisfies HashRequest);
    return worker;
  }

  private call(msg: Call): Promise<HashReply> {
    if (this.failed) return Promise.reject(this.failed);
    const worker = this.running();
    const id = this.nextId++;
    return new Promise<HashReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...msg, id } as HashRequest);
    });
  }

  /**
   * A frame-sized buffer in shared memory that the worker can read into: a recycled one when
   * there is one. The worker holds each frame for good, so frames are made once and reused by
   * every pack of a backup rather than left for two garbage collectors to find.
   */
  frame(size: number): Buffer {
    const reused = this.spare.pop();
    if (reused) return reused;
    const frame = Buffer.from(new SharedArrayBuffer(size));
    const n = this.frames.size;
    this.frames.set(frame.buffer, n);
    this.worker?.postMessage({ op: 'frame', frame: n, sab: frame.buffer as SharedArrayBuffer } satisfies HashRequest);
    return frame;
  }

  /** Hands a frame back once nothing reads it any more. */
  recycle(frame: Buffer): void {
    // A frame may come back as its filled part only: hand out the whole of it again.
    if (this.frames.has(frame.buffer)) this.spare.push(Buffer.from(frame.buffer as SharedArrayBuffer));
  }

  /** A new running sha256, fed by `read` under this id. */
  begin(): number {
    return this.nextHash++;
  }

  /**
   * Reads up to `length` bytes of `fd` at `position` into `frame` (one made by `frame()`) at
   * `offset`, adding them to hash `hash`; resolves with the count read,
   * which is short only at end of file.
   */
  async read(fd: number, frame: Buffer, offset: number, length: number, position: number, hash: number): Promise<number> {
    const n = this.frames.get(frame.buffer);
    if (n === undefined) throw new Error("read-hash: not one of this worker's frames");
    const r = await this.call({ op: 'read', fd, frame: n, offset: frame.byteOffset + offset, length, position, hash });
    if (r.error) throw Object.assign(new Error(r.error.message), { code: r.error.code, syscall: r.error.syscall });
    return r.got!;
  }

  async digest(hash: number): Promise<string> {
    return (await this.call({ op: 'digest', hash })).sha256!;
  }

  /** Forgets a hash that will not be finished (the file failed). */
  async drop(hash: number): Promise<void> {
    await this.call({ op: 'drop', hash });
  }

  async close(): Promise<void> {
    // Closed: nothing may start the thread again.
    this.failed ??= new Error('read-hash worker closed');
    await this.worker?.terminate();
  }
}
