import os from 'node:os';
import { FRAME_BYTES } from '../snapshot/codec.js';
import { startWorker } from './worker-url.js';
/**
 * Frames reach a lane through slots of shared memory that go back and forth (no allocation per
 * frame, nothing for either side's garbage collector); a frame too large for a slot is handed
 * over in its own buffer. The slot count bounds what is queued for a lane.
 */
const SLOTS = 4;
const SLOT_BYTES = FRAME_BYTES + 64 * 1024;
/** A segment failed inside its lane; `error` says how, as plain data. */
export class LaneFailure extends Error {
    error;
    constructor(error) {
        super(error.message);
        this.error = error;
    }
}
/** One worker thread, running one segment at a time. */
class Lane {
    worker;
    slots;
    free = [];
    queued = 0;
    room;
    /**
     * The segments posted and not yet answered, in order: one fed with frames, or several read
     * from files (the lane takes messages one at a time, so each waits in its queue and starts
     * the moment the one before ends, not once this thread has answered that one).
     */
    pending = new Map();
    dead;
    constructor() {
        const shared = new SharedArrayBuffer(SLOTS * SLOT_BYTES);
        this.slots = Buffer.from(shared);
        this.worker = startWorker('lane-worker', import.meta.url, { workerData: { slots: shared, slotBytes: SLOT_BYTES } });
        this.worker.on('message', (m) => this.reply(m));
        const die = (err) => {
            this.dead ??= err;
            for (const p of this.pending.values())
                p.reject(err);
            this.pending.clear();
            this.room?.();
        };
        this.worker.on('error', die);
        this.worker.on('exit', (code) => die(new Error(`restore lane exited with code ${code}`)));
    }
    reply(m) {
        const c = this.pending.get(m.seg);
        if (!c)
            return;
        if (m.op === 'ack') {
            if (m.slot !== undefined) {
                this.queued--;
                this.free.push(m.slot);
            }
            else if (c.fed)
                this.queued--;
            c.onAck(m.bytes, m.files, m.n);
            this.room?.();
            return;
        }
        this.pending.delete(m.seg);
        this.room?.();
        if (m.op === 'done')
            c.resolve({ met: m.met, others: m.others, written: m.written, stamps: m.stamps });
        else
            c.reject(new LaneFailure(m.error));
    }
    /**
     * Runs a segment: `frames` yields its input in order (whole zstd frames, or pieces of a gzip
     * stream, each as the pieces of the chunks it was read in) and is stopped as soon as the lane
     * has all it needs.
     */
    run(seg, frames, onAck) {
        if (this.dead)
            return Promise.reject(this.dead);
        if (this.pending.size > 0)
            return Promise.reject(new Error('a segment fed with frames runs alone on its lane'));
        // The segment (its members) is posted and let go of here: only its id is kept while frames go.
        const result = this.begin(seg, onAck, true);
        return this.feed(seg.id, result, frames);
    }
    begin(seg, onAck, fed) {
        const result = new Promise((resolve, reject) => this.pending.set(seg.id, { resolve, reject, onAck, fed }));
        this.post({ op: 'begin', seg });
        return result;
    }
    async feed(id, result, frames) {
        let settled = false;
        void result.then(() => (settled = true), () => (settled = true));
        // Slots still out from an abandoned segment are never acknowledged: start from all free.
        this.queued = 0;
        this.free = Array.from({ length: SLOTS }, (_, i) => i);
        try {
            for await (const pieces of frames) {
                if (settled)
                    break;
                while (this.queued >= SLOTS && !settled)
                    await new Promise((r) => (this.room = r));
                this.room = undefined;
                if (settled)
                    break;
                let n = 0;
                for (const p of pieces)
                    n += p.length;
                this.queued++;
                const slot = n <= SLOT_BYTES ? this.free.pop() : undefined;
                if (slot !== undefined) {
                    let at = slot * SLOT_BYTES;
                    for (const p of pieces) {
                        this.slots.set(p, at);
                        at += p.length;
                    }
                    this.post({ op: 'frame', seg: id, slot, n });
                }
                else {
                    const data = Buffer.concat(pieces, n);
                    this.worker.postMessage({ op: 'frame', seg: id, data, n }, [data.buffer]);
                }
            }
        }
        catch (err) {
            // The source failed: the lane's half-done segment is abandoned (its next `begin` resets it).
            this.pending.delete(id);
            throw err;
        }
        if (!settled)
            this.post({ op: 'end', seg: id });
        return result;
    }
    /**
     * Runs a segment whose frames the lane reads itself from `seg.file`; more may be posted while
     * it runs (see `pending`), never beside a segment fed with frames.
     */
    runFile(seg, onAck) {
        if (this.dead)
            return Promise.reject(this.dead);
        if ([...this.pending.values()].some((p) => p.fed))
            return Promise.reject(new Error('a segment fed with frames runs alone on its lane'));
        return this.begin(seg, onAck, false);
    }
    post(m) {
        this.worker.postMessage(m);
    }
    async close() {
        await this.worker.terminate();
    }
}
/**
 * Worker threads that restore stretches of packs side by side, one per core (at most four).
 * Closing the pool stops every lane before it returns, so nothing writes into a staging
 * directory after a failed restore has begun to remove it.
 */
export class LanePool {
    lanes = [];
    closed = false;
    size;
    constructor(size = Math.max(1, Math.min(4, os.availableParallelism()))) {
        this.size = size;
    }
    lane(i) {
        // A closed pool (a stop undoing a restore) starts no lane again: staging may be going.
        if (this.closed)
            throw new Error('the restore lanes were closed');
        while (this.lanes.length <= i)
            this.lanes.push(new Lane());
        return this.lanes[i];
    }
    async close() {
        this.closed = true;
        await Promise.all(this.lanes.map((l) => l.close()));
        this.lanes.length = 0;
    }
}
