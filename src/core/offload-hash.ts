import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/** A running sha256 whose result may arrive later. */
export interface Hasher {
  /** Returns a promise when the caller should wait before sending more (the worker is behind). */
  update(chunk: Uint8Array): void | Promise<void>;
  digest(): Promise<string>;
}

/** Hashes on the calling thread. */
export function inlineHasher(): Hasher {
  const h = createHash('sha256');
  return {
    update: (chunk) => void h.update(chunk),
    digest: async () => h.digest('hex'),
  };
}

const SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const open = new Map();
parentPort.on('message', (m) => {
  if (m.op === 'update') {
    let h = open.get(m.id);
    if (!h) open.set(m.id, (h = createHash('sha256')));
    h.update(new Uint8Array(m.slab, 0, m.length));
    parentPort.postMessage({ slab: m.slab }, [m.slab]);
  } else {
    const h = open.get(m.id) ?? createHash('sha256');
    open.delete(m.id);
    parentPort.postMessage({ id: m.id, hex: h.digest('hex') });
  }
});
`;

/**
 * Chunks travel in fixed slabs that go to a worker and come back: no garbage piles up on either
 * side, and the slab count bounds what is queued when a worker falls behind.
 */
const SLAB = 1024 * 1024;
const MAX_SLABS = 8;
/**
 * Hash workers. One keeps up with decompression on two cores (verify reads ~1.8 GiB of files and
 * packs per GiB restored in the same time with one or two), and each costs ~20 MB of memory.
 */
const LANES = 1;

/** A hash worker with its own slabs and its own count of hashers in use. */
class Lane {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { resolve: (hex: string) => void; reject: (err: Error) => void }>();
  users = 0;
  private slabs = 0;
  private free: ArrayBuffer[] = [];
  private waiting: Array<() => void> = [];

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(SOURCE, { eval: true });
    w.on('message', (m: { id?: number; hex?: string; slab?: ArrayBuffer }) => {
      if (m.slab) {
        this.free.push(m.slab);
        this.waiting.shift()?.();
        return;
      }
      this.pending.get(m.id!)?.resolve(m.hex!);
      this.pending.delete(m.id!);
    });
    const failAll = (err: Error) => {
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      for (const r of this.waiting) r();
      this.waiting = [];
      this.free = [];
      this.slabs = 0;
      this.worker = undefined;
    };
    w.on('error', failAll);
    w.on('exit', (code) => failAll(new Error(`hash worker exited with code ${code}`)));
    w.unref();
    this.worker = w;
    return w;
  }

  private async slab(): Promise<ArrayBuffer> {
    for (;;) {
      const s = this.free.pop();
      if (s) return s;
      if (this.slabs < MAX_SLABS) {
        this.slabs++;
        return new ArrayBuffer(SLAB);
      }
      await new Promise<void>((r) => this.waiting.push(r));
    }
  }

  hasher(): Hasher & { release(): void } {
    const w = this.start();
    const id = nextId++;
    this.users++;
    w.ref();
    let released = false;
    const post = (piece: Uint8Array, s: ArrayBuffer) => {
      new Uint8Array(s, 0, piece.length).set(piece);
      w.postMessage({ op: 'update', id, slab: s, length: piece.length }, [s]);
    };
    const send = async (chunk: Uint8Array) => {
      for (let off = 0; off < chunk.length; off += SLAB) post(chunk.subarray(off, Math.min(chunk.length, off + SLAB)), await this.slab());
    };
    return {
      update: (chunk) => {
        // Fast path: slabs to spare means no waiting, and no promise for the caller to await.
        if (this.free.length + (MAX_SLABS - this.slabs) >= Math.ceil(chunk.length / SLAB) + 1) {
          for (let off = 0; off < chunk.length; off += SLAB) {
            const s = this.free.pop() ?? (this.slabs++, new ArrayBuffer(SLAB));
            post(chunk.subarray(off, Math.min(chunk.length, off + SLAB)), s);
          }
          return;
        }
        return send(chunk);
      },
      digest: () =>
        new Promise<string>((resolve, reject) => {
          this.pending.set(id, { resolve, reject });
          w.postMessage({ op: 'digest', id });
        }),
      // Lets the process exit once no hasher is in use (the worker itself stays for the next pack).
      release: () => {
        if (released) return;
        released = true;
        if (--this.users === 0) w.unref();
      },
    };
  }
}

let nextId = 0;
const lanes: Lane[] = [];

/**
 * Hashes on a worker thread, so verify's sha256 of every file and pack runs beside the
 * decompression instead of on the main thread between its steps. Each new hasher goes to the
 * least busy worker.
 */
export function workerHasher(): Hasher & { release(): void } {
  if (lanes.length < LANES && (lanes.length === 0 || lanes.every((l) => l.users > 0))) lanes.push(new Lane());
  const lane = lanes.reduce((a, b) => (b.users < a.users ? b : a));
  return lane.hasher();
}
