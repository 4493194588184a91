/**
 * Memory for what zlib's compression streams write, filled again once every part written into
 * it has been released by whoever read it (the store, when it has written the part).
 *
 * A zlib stream writes its output into its `_outBuffer` from `_outOffset` and makes a new buffer
 * only when that one is full, so a backup otherwise makes new memory for every byte it stores
 * (~1 MB buffers, hundreds of MB in all), which V8 frees only at a full collection — started
 * when such memory has grown ~64 MB since the last one. Handing the stream one of these buffers
 * before each frame keeps that garbage from existing. The two fields are Node's own (its zlib
 * reads and writes them in JavaScript); where they are not as expected, `give` does nothing and
 * the stream makes its own memory, as before. A part never released keeps its buffer out of use
 * for good: forgetting to release costs memory, never bytes.
 */
/** Buffers out at once, at most: frames being compressed, and parts the store is writing or reading back. */
const MAX_OUT = 16;
export class CompressOutputs {
    bytes;
    free = [];
    /** Buffers with parts out, and which parts (released once each, whatever the caller does). */
    out = new Map();
    /** `bytes`: at least the stream's chunk size, so a frame's output fits one buffer. */
    constructor(bytes) {
        this.bytes = bytes;
    }
    /**
     * Points `stream`'s output at a free buffer; that buffer, or undefined if the stream is not as
     * expected or `MAX_OUT` buffers are out already (a reader that never releases, such as a store
     * that cannot say when it is done, then costs no more than the stream's own buffers would).
     */
    give(stream) {
        const s = stream;
        if (!Buffer.isBuffer(s._outBuffer) || typeof s._outOffset !== 'number' || typeof s._chunkSize !== 'number')
            return undefined;
        if (s._chunkSize > this.bytes)
            return undefined;
        if (this.free.length === 0 && this.out.size >= MAX_OUT)
            return undefined;
        const buf = this.free.pop() ?? Buffer.allocUnsafe(this.bytes);
        s._outBuffer = buf;
        s._outOffset = 0;
        return buf;
    }
    /** After a frame written into `buf` (from `give`): its parts that lie there are out until released; a buffer none lies in is free again. */
    handOut(buf, parts) {
        const mine = parts.filter((p) => p.buffer === buf.buffer);
        if (mine.length === 0)
            this.free.push(buf);
        else
            this.out.set(buf.buffer, { buf, parts: new Set(mine) });
    }
    /** The reader is done with `part`: its buffer is free once all of its parts are. Anything else is ignored. */
    release(part) {
        const entry = this.out.get(part.buffer);
        if (!entry || !entry.parts.delete(part))
            return;
        if (entry.parts.size > 0)
            return;
        this.out.delete(part.buffer);
        this.free.push(entry.buf);
    }
}
