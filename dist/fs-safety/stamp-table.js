import { fitsInt64 } from './hash-cache-file.js';
/**
 * The stamps (size, mtime and ctime in ns, inode) of a scan's files, four signed 64-bit words per
 * file in one growing array: no object and no BigInt per file stays alive, where a FileStamp
 * each kept five. A stamp with a number past 64 bits (a time after 2262, say) is kept aside as it
 * is, and marked so that no word comparison is ever made with it.
 */
export class StampTable {
    nums;
    view;
    count = 0;
    wide = new Map();
    released = false;
    /** Room for `rows` stamps, when known: made once, never copied to grow. */
    constructor(rows = 1024) {
        this.nums = new BigInt64Array(4 * Math.max(1, rows));
        this.view = new Uint32Array(this.nums.buffer);
    }
    /** Rows added so far. */
    get length() {
        return this.count;
    }
    /** Adds a stamp; its row. */
    add(size, mtimeNs, ctimeNs, ino) {
        const row = this.next();
        if (fitsInt64(size) && fitsInt64(mtimeNs) && fitsInt64(ctimeNs) && fitsInt64(ino)) {
            const at = 4 * row;
            this.nums[at] = size;
            this.nums[at + 1] = mtimeNs;
            this.nums[at + 2] = ctimeNs;
            this.nums[at + 3] = ino;
        }
        else
            this.wide.set(row, { size, mtimeNs, ctimeNs, ino });
        return row;
    }
    /** `add` for a stamp given as four 64-bit integers in `values` from `from`: copied as they are, no BigInt made. */
    addFrom(values, from) {
        const row = this.next();
        this.view.set(new Uint32Array(values.buffer, values.byteOffset + 8 * from, 8), 8 * row);
        return row;
    }
    next() {
        if (this.released)
            throw new Error('a stamp is added to a released table');
        const row = this.count++;
        if (4 * this.count > this.nums.length) {
            const grown = new BigInt64Array(this.nums.length * 2);
            grown.set(this.nums);
            this.nums = grown;
            this.view = new Uint32Array(grown.buffer);
        }
        return row;
    }
    /**
     * Lets go of every row (a backup, once its files are read and the hash cache is saved, needs no
     * stamp while it makes the manifest); a row asked for after is an error, not a wrong answer.
     */
    release() {
        this.released = true;
        this.nums = new BigInt64Array(0);
        this.view = new Uint32Array(0);
        this.wide.clear();
    }
    /** The stamp of a row, exact. */
    get(row) {
        if (this.released)
            throw new Error('a stamp is asked for after its table was released');
        const wide = this.wide.get(row);
        if (wide)
            return wide;
        const at = 4 * row;
        return { size: this.nums[at], mtimeNs: this.nums[at + 1], ctimeNs: this.nums[at + 2], ino: this.nums[at + 3] };
    }
    /** Whether the row's stamp is kept aside (see `get`): then it has no words. */
    isWide(row) {
        return this.wide.has(row);
    }
    /** Every row as eight 32-bit words (size, mtime, ctime, inode, two each) from 8 × row; valid until the next `add`. */
    get words() {
        if (this.released)
            throw new Error('stamps are asked for after their table was released');
        return this.view;
    }
}
