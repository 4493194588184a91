/** Writes all of `chunk` at `at`: one write call may take less than it was given. */
async function writeFully(fh, chunk, at) {
    let off = 0;
    while (off < chunk.length) {
        const { bytesWritten } = await fh.write(chunk, off, chunk.length - off, at + off);
        off += bytesWritten;
    }
}
/**
 * Positional writes to one file with at most `limit` in flight, so the caller prepares the next
 * chunk (decodes, hashes, compresses it) while the last ones reach the file. Each write may be
 * followed by `after` (a read-back). A failure comes out of a later `write` or of `settle`;
 * chunks must not change until then.
 */
export class PositionalWrites {
    fh;
    limit;
    after;
    inFlight = [];
    constructor(fh, limit, after) {
        this.fh = fh;
        this.limit = limit;
        this.after = after;
    }
    async write(chunk, at) {
        const p = writeFully(this.fh, chunk, at).then(() => this.after?.(chunk, at));
        p.catch(() => { }); // awaited in order, below or by settle()
        this.inFlight.push(p);
        if (this.inFlight.length >= this.limit)
            await this.inFlight.shift();
    }
    /** Waits for every write; the first failure is thrown. */
    async settle() {
        const all = this.inFlight;
        this.inFlight = [];
        await Promise.all(all);
    }
    /** Waits for every write without caring how they ended (before closing after a failure). */
    async abandon() {
        const all = this.inFlight;
        this.inFlight = [];
        await Promise.allSettled(all);
    }
}
