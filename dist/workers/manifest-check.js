import { DIGEST_STAND_IN } from '../snapshot/manifest-stream.js';
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
    worker;
    taken = new Int32Array(new SharedArrayBuffer(4));
    sent = 0;
    given;
    answer;
    constructor(what, pieceBytes) {
        this.worker = startWorker('manifest-check-worker', import.meta.url);
        this.answer = new Promise((resolve) => {
            this.worker.once('message', (reply) => resolve(reply));
            this.worker.once('error', (err) => resolve({ fallback: `the check thread failed: ${err.message}` }));
            this.worker.once('exit', () => resolve({ fallback: 'the check thread ended' }));
        });
        this.send({ op: 'start', what, taken: this.taken.buffer, pieceBytes });
    }
    /** A piece as sealed (one zstd frame). */
    sealed(z) {
        this.piece({ op: 'z', bytes: z });
    }
    /** The digest member's place: the stand-in goes in its stead. */
    hole() {
        this.piece({ op: 'raw', bytes: Buffer.from(DIGEST_STAND_IN, 'latin1') });
    }
    /** The digest the checked text gives, or why there is none; the worker is ended either way. */
    async finish() {
        try {
            if (this.given !== undefined)
                return { fallback: this.given };
            this.send({ op: 'end' });
            return await this.answer;
        }
        finally {
            this.close();
        }
    }
    close() {
        void this.worker.terminate().catch(() => { });
    }
    piece(m) {
        if (this.given !== undefined)
            return;
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
    send(m) {
        this.worker.postMessage(m);
    }
}
