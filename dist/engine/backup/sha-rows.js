import { randomBytes } from 'node:crypto';
/**
 * A set of sha256 values, each with the row it was added as (0, 1, 2…): 32 bytes and a few slots
 * of an open-addressed table per value, where a Map keyed by the hex text holds a 64-character
 * string and an entry each. The slot is found from all 32 bytes mixed with a seed chosen per
 * table; values that still crowd one place (a forged manifest's hashes, written to collide) make
 * a probe longer than `maxProbe`, and the table then becomes a Map: never slow, only larger.
 * Each row's value stays in `shas` either way (`shaOf`).
 */
export class ShaRows {
    maxProbe;
    byHex;
    shas;
    /** Row + 1 per slot, 0 for an empty one; at most half full. */
    slots;
    rows = 0;
    seed = randomBytes(4).readUInt32LE(0);
    key = Buffer.alloc(32);
    /** `expected`: how many values will be added, when known (room is made once). */
    constructor(maxProbe = 64, expected = 1024) {
        this.maxProbe = maxProbe;
        const rows = Math.max(1024, expected);
        this.shas = Buffer.alloc(32 * rows);
        let slots = 2048;
        while (slots < 2 * rows)
            slots *= 2;
        this.slots = new Int32Array(slots);
    }
    get size() {
        return this.rows;
    }
    /** The row of `sha256` (64 lowercase hex digits, as a manifest holds them), if it was added. */
    get(sha256) {
        if (this.byHex)
            return this.byHex.get(sha256);
        if (!this.load(sha256))
            return undefined;
        const slot = this.find(this.key, 0);
        if (slot < 0)
            return this.get(sha256);
        const row = this.slots[slot];
        return row === 0 ? undefined : row - 1;
    }
    /** `get` for a sha256 given as its 32 bytes, `bytes[at, at + 32)`. */
    getBytes(bytes, at) {
        const key = this.key;
        for (let i = 0; i < 32; i++)
            key[i] = bytes[at + i];
        if (this.byHex)
            return this.byHex.get(key.toString('hex'));
        const slot = this.find(key, 0);
        if (slot < 0)
            return this.getBytes(bytes, at);
        const row = this.slots[slot];
        return row === 0 ? undefined : row - 1;
    }
    /** Adds `sha256` unless it is there: its row either way, and whether it was new. */
    add(sha256) {
        if (!this.load(sha256))
            throw new Error(`not a sha256: ${JSON.stringify(sha256)}`);
        return this.addKey(sha256);
    }
    /** `add` for a sha256 given as its 32 bytes, `bytes[at, at + 32)`. */
    addBytes(bytes, at) {
        const key = this.key;
        for (let i = 0; i < 32; i++)
            key[i] = bytes[at + i];
        return this.addKey();
    }
    /** Adds the value in `key` (`hex`: as text, when the caller has it). */
    addKey(hex) {
        if (this.byHex) {
            const sha256 = hex ?? this.key.toString('hex');
            const found = this.byHex.get(sha256);
            if (found !== undefined)
                return { row: found, added: false };
            this.byHex.set(sha256, this.rows);
            return { row: this.keep(), added: true };
        }
        const slot = this.find(this.key, 0);
        if (slot < 0)
            return this.addKey(hex);
        const found = this.slots[slot];
        if (found !== 0)
            return { row: found - 1, added: false };
        const row = this.keep();
        this.slots[slot] = row + 1;
        if (2 * this.rows > this.slots.length)
            this.grow();
        return { row, added: true };
    }
    /** The value of row `row`, as hex text. */
    shaOf(row) {
        if (row >>> 0 !== row || row >= this.rows)
            throw new RangeError(`no row ${row} of ${this.rows}`);
        return this.shas.toString('hex', 32 * row, 32 * row + 32);
    }
    /**
     * The values of the rows `remap` keeps (row r becomes `remap[r]` when >= 0; kept rows keep their
     * order), 32 bytes each, moved down in place: the table is of no more use after. When at most
     * half are kept, they are copied out so the rest can be let go of.
     */
    keepRows(remap, kept) {
        const shas = this.shas;
        for (let r = 0; r < this.rows; r++) {
            const k = remap[r];
            if (k >= 0 && k !== r)
                shas.copyWithin(32 * k, 32 * r, 32 * r + 32);
        }
        this.rows = 0;
        this.byHex = undefined;
        this.slots = new Int32Array(0);
        this.shas = Buffer.alloc(0);
        return 2 * kept <= remap.length ? Buffer.from(shas.subarray(0, 32 * kept)) : shas.subarray(0, 32 * kept);
    }
    /** Keeps the value in `key` as the next row. */
    keep() {
        const row = this.rows++;
        if (32 * this.rows > this.shas.length) {
            const grown = Buffer.alloc(this.shas.length * 2);
            this.shas.copy(grown);
            this.shas = grown;
        }
        const { key, shas } = this;
        for (let i = 0, at = 32 * row; i < 32; i++)
            shas[at + i] = key[i];
        return row;
    }
    /** Puts the bytes of a hex sha256 in `key`; false if it is not 64 hex digits. */
    load(sha256) {
        return sha256.length === 64 && this.key.write(sha256, 0, 32, 'hex') === 32;
    }
    /**
     * The slot holding the value `bytes[at, at + 32)`, or the empty slot where it would go; -1 when
     * that took more than `maxProbe` steps, after which the values are kept in a Map instead.
     */
    find(bytes, at) {
        const mask = this.slots.length - 1;
        let slot = this.hash(bytes, at) & mask;
        for (let probe = 0;; probe++) {
            const row = this.slots[slot];
            if (row === 0 || same(bytes, at, this.shas, 32 * (row - 1)))
                return slot;
            if (probe === this.maxProbe) {
                this.toMap();
                return -1;
            }
            slot = (slot + 1) & mask;
        }
    }
    /** FNV-1a over the 32 bytes from the table's seed, then mixed (murmur3's finalizer) so every bit reaches the low ones. */
    hash(bytes, at) {
        let h = (0x811c9dc5 ^ this.seed) >>> 0;
        for (let i = at; i < at + 32; i++)
            h = Math.imul(h ^ bytes[i], 0x01000193);
        h ^= h >>> 16;
        h = Math.imul(h, 0x85ebca6b);
        h ^= h >>> 13;
        h = Math.imul(h, 0xc2b2ae35);
        h ^= h >>> 16;
        return h >>> 0;
    }
    grow() {
        this.slots = new Int32Array(this.slots.length * 2);
        for (let row = 0; row < this.rows && !this.byHex; row++) {
            const slot = this.find(this.shas, 32 * row);
            if (slot >= 0)
                this.slots[slot] = row + 1;
        }
    }
    toMap() {
        if (this.byHex)
            return;
        const byHex = new Map();
        for (let row = 0; row < this.rows; row++)
            byHex.set(this.shas.toString('hex', 32 * row, 32 * row + 32), row);
        this.byHex = byHex;
        this.slots = new Int32Array(0);
    }
}
/** Whether the 32 bytes at `a[at]` and `b[bt]` are equal (a loop: cheaper than a native compare for so few). */
function same(a, at, b, bt) {
    for (let i = 0; i < 32; i++)
        if (a[at + i] !== b[bt + i])
            return false;
    return true;
}
