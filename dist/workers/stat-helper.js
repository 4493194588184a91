import { CONTROL_WORDS, DONE, ROW, RowStat, rowStatus, STAT_GONE, STAT_OK, statClaims } from './stat-rows.js';
import { startWorker } from './worker-url.js';
/** Names a walk lists before a helper is worth its start (~30 ms of the other core). */
const START_AFTER = 4096;
/** A directory with fewer names is stat'ed by the walk alone: a message would cost more than it saves. */
const MIN_NAMES = 32;
/** A claim of the helper's that ends no name in this long is given up on. */
const STALLED_MS = 2000;
/**
 * A second thread for a walk's lstat calls, which dominate a scan of many small files and which
 * the walk otherwise makes one after another on one core. The walk hands it each big
 * directory's names and stats them too (stat-rows.ts): on two cores a directory takes about
 * half the time, and were the helper slow to start or busy, the walk simply does it all.
 */
export class StatHelper {
    startAfter;
    worker;
    listed = 0;
    closed = false;
    /** `startAfter`: names listed before the helper thread is started. */
    constructor(startAfter = START_AFTER) {
        this.startAfter = startAfter;
    }
    /**
     * The lstat of prefix + name for each name, in order: a stat, `null` for a name gone since it
     * was listed, `undefined` for one the caller stats itself (a failure it raises as its own).
     * Undefined as a whole when the directory is left to the caller.
     */
    statNames(prefix, names) {
        this.listed += names.length;
        if (names.length < MIN_NAMES || this.closed)
            return undefined;
        if (!this.worker) {
            if (this.listed < this.startAfter)
                return undefined;
            this.worker = startWorker('stat-worker', import.meta.url);
            this.worker.unref(); // never what keeps the process alive
            this.worker.on('error', () => this.close()); // the walk goes on alone
        }
        const ctrl = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
        const rows = new BigInt64Array(new SharedArrayBuffer(names.length * ROW * 8));
        this.worker.postMessage({ ctrl: ctrl.buffer, rows: rows.buffer, prefix, names });
        statClaims({ ctrl, rows, prefix, names });
        // Only claims the helper has begun are left: at most a few lstat calls away. One that makes
        // no progress for long (a helper that died mid-claim) leaves the directory to the walk.
        for (let done = Atomics.load(ctrl, DONE); done < names.length; done = Atomics.load(ctrl, DONE)) {
            if (Atomics.wait(ctrl, DONE, done, STALLED_MS) === 'timed-out' && Atomics.load(ctrl, DONE) === done) {
                this.close();
                return undefined;
            }
        }
        return names.map((_, i) => {
            const status = rowStatus(rows, i);
            return status === STAT_OK ? new RowStat(rows, i) : status === STAT_GONE ? null : undefined;
        });
    }
    close() {
        this.closed = true;
        void this.worker?.terminate().catch(() => { });
        this.worker = undefined;
    }
}
