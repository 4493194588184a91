import { Worker } from 'node:worker_threads';

/**
 * Runs on the worker: reads a file range straight into a frame that lives in shared memory and
 * adds those bytes to the file's sha256. CommonJS source evaluated by the Worker, so a bundle
 * needs no file of its own beside it.
 */
const SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const { createHash } = require('node:crypto');
const hashes = new Map();
parentPort.on('message', (m) => {
  if (m.op === 'read') {
    try {
      const buf = Buffer.from(m.sab, m.offset, m.length);
      let got = 0;
      while (got < m.length) {
        const n = fs.readSync(m.fd, buf, got, m.length - got, m.position + got);
        if (n === 0) break;
        got += n;
      }
      let h = hashes.get(m.hash);
      if (!h) hashes.set(m.hash, (h = createHash('sha256')));
      h.update(buf.subarray(0, got));
      parentPort.postMessage({ id: m.id, got });
    } catch (err) {
      parentPort.postMessage({ id: m.id, error: { code: err.code, message: err.message, syscall: err.syscall } });
    }
  } else {
    const h = hashes.get(m.hash) ?? createHash('sha256');
    hashes.delete(m.hash);
    parentPort.postMessage({ id: m.id, hex: m.op === 'digest' ? h.digest('hex') : '' });
  }
});
`;

interface Reply {
  id: number;
  got?: number;
  hex?: string;
  error?: { code?: string; message: string; syscall?: string };
}

/**
 * Reads and hashes the content of large files on a worker thread, into frame buffers backed by
 * shared memory: the main thread only lays out the tar stream, and the bytes are read once,
 * hashed where they land, and compressed from the same place — never copied between threads.
 * sha256 of a large file is the one step of a backup that cannot be split, so it gets its own
 * core-time instead of queueing behind everything else on the main thread.
 */
export class ReadHasher {
  private readonly worker: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (err: Error) => void }>();
  private failed: Error | undefined;

  constructor() {
    this.worker = new Worker(SOURCE, { eval: true });
    this.worker.on('message', (r: Reply) => {
      const p = this.pending.get(r.id);
      this.pending.delete(r.id);
      p?.resolve(r);
    });
    const failAll = (err: Error) => {
      this.failed ??= err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    this.worker.on('error', failAll);
    this.worker.on('exit', (code) => failAll(new Error(`read-hash worker exited with code ${code}`)));
  }

  private call(msg: Record<string, unknown>): Promise<Reply> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...msg, id });
    });
  }

  /** A new running sha256, fed by `read` under this id. */
  begin(): number {
    return this.nextId++;
  }

  /**
   * Reads up to `length` bytes of `fd` at `position` into `frame` (a Buffer over a
   * SharedArrayBuffer) at `offset`, adding them to hash `hash`; resolves with the count read,
   * which is short only at end of file.
   */
  async read(fd: number, frame: Buffer, offset: number, length: number, position: number, hash: number): Promise<number> {
    const r = await this.call({ op: 'read', fd, sab: frame.buffer, offset: frame.byteOffset + offset, length, position, hash });
    if (r.error) throw Object.assign(new Error(r.error.message), { code: r.error.code, syscall: r.error.syscall });
    return r.got!;
  }

  async digest(hash: number): Promise<string> {
    return (await this.call({ op: 'digest', hash })).hex!;
  }

  /** Forgets a hash that will not be finished (the file failed). */
  async drop(hash: number): Promise<void> {
    await this.call({ op: 'drop', hash });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** A frame-sized buffer the read-hash worker can write into. */
export function sharedBuffer(size: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(size));
}
