/**
 * The sha256 of each scanned file an incremental knows, by the file's row in the scan's stamp
 * table (one row per file): 32 bytes a file, not a 64-character string and a map entry. The room
 * is made at the first hash set: a full backup sets none but its pinned files' (33 MB fewer at
 * a million files).
 */
export class FileHashes {
    files;
    bytes;
    known;
    released = false;
    constructor(files) {
        this.files = files;
    }
    /** Sets the hash of row `row` from its hex text (64 lowercase hex digits, as every hash here is). */
    set(row, sha256) {
        if (this.released)
            throw new Error('a hash is set in released hashes');
        this.bytes ??= Buffer.alloc(this.files * 32);
        this.known ??= new Uint8Array(this.files);
        if (this.bytes.write(sha256, row * 32, 32, 'hex') !== 32)
            throw new Error(`not a sha256: ${JSON.stringify(sha256)}`);
        this.known[row] = 1;
    }
    /** The hash of row `row` as hex text, if it is known. */
    get(row) {
        if (this.released)
            throw new Error('a hash is asked for after the hashes were released');
        return this.known?.[row] === 1 ? this.bytes.toString('hex', row * 32, row * 32 + 32) : undefined;
    }
    /** The hash of row `row` as its 32 bytes (a view), if it is known. */
    bytesOf(row) {
        if (this.released)
            throw new Error('a hash is asked for after the hashes were released');
        return this.known?.[row] === 1 ? this.bytes.subarray(row * 32, row * 32 + 32) : undefined;
    }
    /** Lets go of the hashes (the manifest is made): any later use throws. */
    release() {
        this.released = true;
        this.bytes = undefined;
        this.known = undefined;
    }
}
