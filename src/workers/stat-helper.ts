import type { Worker } from 'node:worker_threads';
import {
  claimBlock,
  CONTROL_WORDS,
  DONE,
  ROW,
  RowStat,
  rowStatus,
  STAT_GONE,
  STAT_OK,
  type EntryStat,
  type StatBatch,
} from './stat-rows.js';
import { startWorker } from './worker-url.js';

/** Names a walk lists before a helper is worth its start (~30 ms of the other core). */
const START_AFTER = 4096;
/** A directory with fewer names is stat'ed by the walk alone: a message would cost more than it saves. */
const MIN_NAMES = 32;
/** A claim of the helper's that ends no name in this long is given up on. */
const STALLED_MS = 2000;
/** Row buffers kept for reuse: about one per level the walk is inside at once. */
const KEPT_BUFFERS = 8;

/**
 * A second thread for a walk's lstat calls, which dominate a scan of many small files and which
 * the walk otherwise makes one after another on one core. The walk hands it each big
 * directory's names and takes their stats in order (StatRows), stat'ing those the helper has
 * not reached: were the helper slow to start or busy, the walk simply does it all.
 */
export class StatHelper {
  private worker: Worker | undefined;
  private listed = 0;
  private closed = false;
  /**
   * Row buffers of directories done with, every claim on them ended. Reused: a buffer per
   * directory, freed outside V8's heap, left the process ~5 MB larger at a million files.
   */
  private readonly spare: SharedArrayBuffer[] = [];

  /** `startAfter`: names listed before the helper thread is started. */
  constructor(private readonly startAfter = START_AFTER) {}

  /**
   * The lstat of prefix + name for each name, row by row as the walk asks (StatRows), the helper
   * working ahead of it; undefined when the directory is left to the caller.
   */
  statNames(prefix: string, names: readonly string[]): StatRows | undefined {
    this.listed += names.length;
    if (names.length < MIN_NAMES || this.closed) return undefined;
    if (!this.worker) {
      if (this.listed < this.startAfter) return undefined;
      this.worker = startWorker('stat-worker', import.meta.url);
      this.worker.unref(); // never what keeps the process alive
      this.worker.on('error', () => this.close()); // the walk goes on alone
    }
    const ctrl = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
    const rows = new BigInt64Array(this.buffer(names.length * ROW * 8), 0, names.length * ROW);
    this.worker.postMessage({ ctrl: ctrl.buffer, rows: rows.buffer, prefix, names });
    return new StatRows({ ctrl, rows, prefix, names }, this);
  }

  close(): void {
    this.closed = true;
    void this.worker?.terminate().catch(() => {});
    this.worker = undefined;
  }

  /** Takes back a directory's rows once every claim on them has ended (no thread writes them again). */
  recycle(batch: StatBatch): void {
    if (Atomics.load(batch.ctrl, DONE) !== batch.names.length || this.spare.length >= KEPT_BUFFERS) return;
    this.spare.push(batch.rows.buffer as SharedArrayBuffer);
  }

  /** A zeroed buffer of at least `bytes` (a row's status 0 is "not written yet"). */
  private buffer(bytes: number): SharedArrayBuffer {
    const at = this.spare.findIndex((b) => b.byteLength >= bytes);
    if (at < 0) return new SharedArrayBuffer(Math.max(bytes, 256 * ROW * 8));
    const b = this.spare.splice(at, 1)[0]!;
    new BigInt64Array(b, 0, bytes / 8).fill(0n);
    return b;
  }
}

/**
 * A directory's rows as the walk takes them, in order: a row the helper has written is read;
 * otherwise the walk claims the next names and stats them itself (the row it wants among them,
 * or rows after it while the helper finishes that one), and waits only when none is left to
 * claim, a few lstat calls at most. So the helper stats ahead while the walk does the rest of its
 * work on each entry, and the walk never sleeps while there is work.
 */
export class StatRows {
  private givenUp = false;

  constructor(
    private readonly batch: StatBatch,
    private readonly helper: StatHelper,
  ) {}

  /** Name `i`'s lstat: a stat, `null` when it is gone since it was listed, `undefined` for the caller to stat (and raise) itself. */
  get(i: number): EntryStat | null | undefined {
    const { ctrl, rows } = this.batch;
    for (;;) {
      if (this.givenUp) return undefined;
      const status = rowStatus(rows, i);
      if (status !== 0n) return status === STAT_OK ? new RowStat(rows, i) : status === STAT_GONE ? null : undefined;
      // Not written yet: while names are left to claim, the walk stats the next ones itself (the
      // row it wants, or ones after it while the helper finishes that one) instead of waiting.
      if (claimBlock(this.batch)) continue;
      // The helper has it in hand. One that ends no claim for long (it died mid-claim) leaves the rest to the walk.
      const done = Atomics.load(ctrl, DONE);
      if (rowStatus(rows, i) !== 0n) continue;
      if (Atomics.wait(ctrl, DONE, done, STALLED_MS) === 'timed-out' && Atomics.load(ctrl, DONE) === done) {
        this.givenUp = true;
        this.helper.close();
      }
    }
  }

  /** The walk is done with the directory: its rows may serve another once no claim on them is left. */
  release(): void {
    this.helper.recycle(this.batch);
  }
}
