import type { Worker } from 'node:worker_threads';
import { DIGEST_STAND_IN } from '../snapshot/manifest-stream.js';
import type { ManifestCheckReply, ManifestCheckRequest } from './manifest-check-protocol.js';
import { startWorker } from './worker-url.js';

/** Pieces sent and not yet taken in before the writer waits: what the check holds in flight is bounded. */
const MAX_AHEAD = 8;
/** A worker that takes in no piece for this long is given up on: the writer checks the finished text itself. */
const STALLED_MS = 10_000;

/**
 * A new manifest checked on a worker as it is sealed (the tap of PackedChunks): each sealed piece
 * is sent as it is made, the digest's place as a stand-in, and the answer is the digest the
 * checked text gives, or why the worker could not tell (the writer then checks the finished text
 * on its own thread, as before). The writer waits only when MAX_AHEAD pieces are in flight, so
 * the memory this takes does not grow with the manifest.
 */
export class ManifestCheckThread {
  private readonly worker: Worker;
  private readonly taken = new Int32Array(new SharedArrayBuffer(4));
  private sent = 0;
  private given: string | undefined;
  private readonly answer: Promise<ManifestCheckReply>;

  constructor(what: string, pieceBytes: number) {
    this.worker = startWorker('manifest-check-worker', import.meta.url);
    this.answer = new Promise<ManifestCheckReply>((resolve) => {
      this.worker.once('message', (reply: ManifestCheckReply) => resolve(reply));
      this.worker.once('error', (err) => resolve({ fallback: `the check thread failed: ${err.message}` }));
      this.worker.once('exit', () => resolve({ fallback: 'the check thread ended' }));
    });
    this.send({ op: 'start', what, taken: this.taken.buffer as SharedArrayBuffer, pieceBytes });
  }

  /** A piece as sealed (one zstd frame). */
  sealed(z: Buffer): void {
    this.piece({ op: 'z', bytes: z });
  }

  /** The digest member's place: the stand-in goes in its stead. */
  hole(): void {
    this.piece({ op: 'raw', bytes: Buffer.from(DIGEST_STAND_IN, 'latin1') });
  }

  /** The digest the checked text gives, or why there is none; the worker is ended either way. */
  async finish(): Promise<ManifestCheckReply> {
    try {
      if (this.given !== undefined) return { fallback: this.given };
      this.send({ op: 'end' });
      return await this.answer;
    } finally {
      this.close();
    }
  }

  close(): void {
    void this.worker.terminate().catch(() => {});
  }

  private piece(m: ManifestCheckRequest): void {
    if (this.given !== undefined) return;
    // Wait while too many pieces are in flight; a worker that stops taking them is given up on.
    for (let t = Atomics.load(this.taken, 0); this.sent - t >= MAX_AHEAD; t = Atomics.load(this.taken, 0)) {
      if (Atomics.wait(this.taken, 0, t, STALLED_MS) === 'timed-out' && Atomics.load(this.taken, 0) === t) {
        this.given = 'the check thread fell silent';
        this.close();
        return;
      }
    }
    this.send(m);
    this.sent++;
  }

  private send(m: ManifestCheckRequest): void {
    this.worker.postMessage(m);
  }
}
