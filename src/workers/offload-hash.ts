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
 * Chunks travel in fixed slabs that go to the worker and come back: no garbage piles up on either
 * side, and the slab count bounds what is queued when the worker falls behind.
 */
const SLAB = 1024 * 1024;
const MAX_SLABS = 8;

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (hex: string) => void; reject: (err: Error) => void }>();
let users = 0;
let slabs = 0;
let free: ArrayBuffer[] = [];
let waiting: Array<() => void> = [];

function start(): Worker {
  if (worker) return worker;
  const w = new Worker(SOURCE, { eval: true });
  w.on('message', (m: { id?: number; hex?: string; slab?: ArrayBuffer }) => {
    if (m.slab) {
      free.push(m.slab);
      waiting.shift()?.();
      return;
    }
    pending.get(m.id!)?.resolve(m.hex!);
    pending.delete(m.id!);
  });
  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    for (const r of waiting) r();
    waiting = [];
    free = [];
    slabs = 0;
    worker = undefined;
  };
  w.on('error', failAll);
  w.on('exit', (code) => failAll(new Error(`hash worker exited with code ${code}`)));
  w.unref();
  worker = w;
  return w;
}

async function slab(): Promise<ArrayBuffer> {
  for (;;) {
    const s = free.pop();
    if (s) return s;
    if (slabs < MAX_SLABS) {
      slabs++;
      return new ArrayBuffer(SLAB);
    }
    await new Promise<void>((r) => waiting.push(r));
  }
}

/**
 * Hashes on a worker thread, so verify's sha256 of every file and pack runs beside the
 * decompression instead of on the main thread between its steps.
 */
export function workerHasher(): Hasher & { release(): void } {
  const w = start();
  const id = nextId++;
  users++;
  w.ref();
  let released = false;
  const send = async (chunk: Uint8Array) => {
    for (let off = 0; off < chunk.length; off += SLAB) {
      const piece = chunk.subarray(off, Math.min(chunk.length, off + SLAB));
      const s = await slab();
      new Uint8Array(s, 0, piece.length).set(piece);
      w.postMessage({ op: 'update', id, slab: s, length: piece.length }, [s]);
    }
  };
  return {
    update(chunk) {
      // Fast path: slabs to spare means no waiting, and no promise for the caller to await.
      if (free.length + (MAX_SLABS - slabs) >= Math.ceil(chunk.length / SLAB) + 1) {
        for (let off = 0; off < chunk.length; off += SLAB) {
          const piece = chunk.subarray(off, Math.min(chunk.length, off + SLAB));
          const s = free.pop() ?? (slabs++, new ArrayBuffer(SLAB));
          new Uint8Array(s, 0, piece.length).set(piece);
          w.postMessage({ op: 'update', id, slab: s, length: piece.length }, [s]);
        }
        return;
      }
      return send(chunk);
    },
    digest() {
      return new Promise<string>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ op: 'digest', id });
      });
    },
    // Lets the process exit once no hasher is in use (the worker itself stays for the next pack).
    release() {
      if (released) return;
      released = true;
      if (--users === 0) w.unref();
    },
  };
}
