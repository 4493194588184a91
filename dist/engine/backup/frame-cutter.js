import { FRAME_BYTES } from '../../snapshot/codec.js';
import { ChangedError } from '../../shared/errors.js';
/** Reads of a large file queued on the read-hash worker ahead of the one being waited for. */
const READ_AHEAD = 3;
/**
 * Cuts a pack's tar stream into raw frames of exactly FRAME_BYTES. Frames live in shared memory,
 * so the read-hash worker can fill them in place, and are recycled once compressed: a backup then
 * allocates a handful of frame buffers, not one per frame.
 */
export class FrameCutter {
    reader;
    onBytes;
    frame;
    fill = 0;
    /** Frames filled by `put` and not yet taken by `drain`, in stream order. */
    ready = [];
    /** Raw bytes of the tar stream so far: where the next record starts. */
    rawPos = 0;
    constructor(reader, onBytes) {
        this.reader = reader;
        this.onBytes = onBytes;
        this.frame = this.newFrame();
    }
    newFrame() {
        return this.reader.frame(FRAME_BYTES);
    }
    /**
     * Copies `buf` into the stream; frames it fills wait for `drain`. A plain call, not a
     * generator: most records of small files fill no frame, and a generator (wrapped in a promise
     * per step by the async generator that delegates to it) would cost more than the copy.
     */
    put(buf) {
        let off = 0;
        while (off < buf.length) {
            const n = Math.min(buf.length - off, FRAME_BYTES - this.fill);
            buf.copy(this.frame, this.fill, off, off + n);
            this.fill += n;
            off += n;
            this.rawPos += n;
            if (this.fill === FRAME_BYTES) {
                this.ready.push(this.frame);
                this.frame = this.newFrame();
                this.fill = 0;
            }
        }
    }
    /** Whether `put` has filled frames that `drain` has not yet handed out. */
    get hasReady() {
        return this.ready.length > 0;
    }
    /** The frames `put` filled, in order. */
    *drain() {
        while (this.ready.length > 0)
            yield this.ready.shift();
    }
    /** Everything not handed out yet, ending with the last, partly filled frame. */
    *end() {
        yield* this.drain();
        if (this.fill > 0)
            yield this.frame.subarray(0, this.fill);
    }
    /**
     * Reads a large file straight into frames on the read-hash worker: one read feeds both the
     * hash and the compressor, and neither the bytes nor the hashing pass through this thread.
     */
    async *streamLarge(fh, size, hash, path, changedHint) {
        // Frames filled before this file come out first: the ones below follow them.
        yield* this.drain();
        // Reads are queued a few frames ahead, so the worker reads and hashes the next piece while
        // this thread hands the last one to the compressor.
        const pending = [];
        const ahead = [];
        let planned = 0;
        let planFrame = this.frame;
        let planFill = this.fill;
        const plan = () => {
            while (pending.length < READ_AHEAD && planned < size) {
                if (planFill === FRAME_BYTES) {
                    planFrame = this.newFrame();
                    ahead.push(planFrame);
                    planFill = 0;
                }
                const length = Math.min(size - planned, FRAME_BYTES - planFill);
                const read = this.reader.read(fh.fd, planFrame, planFill, length, planned, hash);
                read.catch(() => { }); // awaited in order below
                pending.push({ length, read });
                planFill += length;
                planned += length;
            }
        };
        try {
            plan();
            while (pending.length > 0) {
                const piece = pending.shift();
                const got = await piece.read;
                if (got !== piece.length)
                    throw new ChangedError(`${path} shrank while it was being read`, changedHint(path));
                this.fill += got;
                this.rawPos += got;
                this.onBytes?.(got);
                plan();
                if (this.fill === FRAME_BYTES) {
                    yield this.frame;
                    this.frame = ahead.shift() ?? this.newFrame();
                    this.fill = 0;
                }
            }
        }
        finally {
            // On failure, let queued reads finish before the frames they fill can be reused.
            await Promise.allSettled(pending.map((p) => p.read));
        }
    }
}
