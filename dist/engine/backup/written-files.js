/** pack (among the new packs), offset, length, raw, skip, span, size, mtimeMs, mode, per file. */
const FIELDS = 9;
/**
 * The files a backup wrote into its new packs, by their row in the scan's stamp table (one row
 * per file): what each pack writer reported of a file (hash, location, size, mode and mtime as
 * it read them) kept as numbers and 32 bytes, not as an entry object, until the manifest is made.
 * Whether the read proved the scanned stamp (the hash cache may take the hash) is kept too.
 */
export class WrittenFiles {
    nums;
    sha256;
    /** 0: not written; 1: written; 2: written, and its read proved the scanned stamp. */
    state;
    execs;
    count = 0;
    constructor(files) {
        this.nums = new Float64Array(files * FIELDS);
        this.sha256 = Buffer.alloc(files * 32);
        this.state = new Uint8Array(files);
        this.execs = new Uint8Array(files);
    }
    /** Notes a file the writer of new pack `pack` wrote (its location within that pack). */
    add(row, pack, f, proven) {
        const at = row * FIELDS;
        const { loc } = f;
        const n = this.nums;
        n[at] = pack;
        n[at + 1] = loc.offset;
        n[at + 2] = loc.length;
        n[at + 3] = loc.raw;
        n[at + 4] = loc.skip;
        n[at + 5] = loc.span;
        n[at + 6] = f.size;
        n[at + 7] = f.mtimeMs;
        n[at + 8] = f.mode ?? -1;
        this.sha256.write(f.sha256, row * 32, 32, 'hex');
        if (this.state[row] === 0)
            this.count++;
        this.state[row] = proven ? 2 : 1;
        this.execs[row] = f.exec ? 1 : 0;
    }
    get size() {
        return this.count;
    }
    has(row) {
        return this.state[row] !== 0;
    }
    /** Whether the read of this file proved its scanned stamp. */
    proven(row) {
        return this.state[row] === 2;
    }
    sha256Of(row) {
        return this.sha256.toString('hex', row * 32, row * 32 + 32);
    }
    /** The entry of the file at `path` as its writer saw it; `loc.pack` is among the new packs. */
    entry(row, path) {
        const at = row * FIELDS;
        const n = this.nums;
        const mode = n[at + 8];
        return {
            exec: this.execs[row] === 1,
            loc: { length: n[at + 2], offset: n[at + 1], pack: n[at], raw: n[at + 3], skip: n[at + 4], span: n[at + 5] },
            ...(mode === -1 ? {} : { mode }),
            mtimeMs: n[at + 7],
            path,
            sha256: this.sha256Of(row),
            size: n[at + 6],
            type: 'file',
        };
    }
}
