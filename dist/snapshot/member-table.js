const TYPES = ['file', 'dir', 'symlink'];
/** Numbers per row, in this order; NaN where an expectation has none. */
const NUMS = ['size', 'raw', 'span', 'offset', 'length', 'skip'];
const SHA = 32;
const EMPTY = -1;
/** Rows per block, a power of two; a block's columns start small (a chain may have many small packs, each with a table). */
const BLOCK_SHIFT = 12;
const BLOCK_ROWS = 1 << BLOCK_SHIFT;
const FIRST_ROWS = 16;
/** Bytes per block of names; a longer name gets a block of its own. */
const NAME_BLOCK = 64 * 1024;
const FIRST_NAMES = 1024;
/** The columns of up to BLOCK_ROWS rows. */
class Block {
    kinds;
    nums;
    shas;
    /** Per row: the name's block, offset in it and length in bytes. */
    names;
    constructor(rows) {
        this.kinds = new Uint8Array(rows);
        this.nums = new Float64Array(rows * NUMS.length);
        this.shas = Buffer.allocUnsafe(rows * SHA);
        this.names = new Uint32Array(rows * 3);
    }
    get rows() {
        return this.kinds.length;
    }
    /** The same rows with room for `rows`; only a table's first block grows (to BLOCK_ROWS). */
    grown(rows) {
        const b = new Block(rows);
        b.kinds.set(this.kinds);
        b.nums.set(this.nums);
        this.shas.copy(b.shas);
        b.names.set(this.names);
        return b;
    }
}
/**
 * Member expectations as columns, in blocks of rows that are filled and never copied again (no
 * garbage of outgrown arrays, no room left over but the last block's): names as UTF-8 in blocks
 * of bytes with an open-addressing index over them, numbers in Float64Arrays, each sha256 as its
 * 32 bytes. A Map of objects held ~300 bytes per file (the object, its sha256's 64-character
 * string, the map's entry); this holds ~150, so a verify of 1,000,000 files keeps ~150 MB where
 * it kept ~350. Rows keep the order they were added in, as a Map's entries do; an expectation
 * object is made only when one is asked for.
 */
export class MemberTable {
    count = 0;
    blocks = [];
    nameBlocks = [];
    /** The name block being filled, and how far. */
    nameBlock = -1;
    nameUsed = 0;
    targets = new Map();
    /**
     * Names UTF-8 cannot hold exactly (a lone surrogate becomes U+FFFD, so two of them, or one and a
     * real U+FFFD, would share bytes): kept as strings, by name and by row, out of the byte index.
     * A forged manifest may hold them; a Map keeps them apart, and so must this.
     */
    oddRows = new Map();
    oddNames = new Map();
    slots = new Int32Array(2 * FIRST_ROWS).fill(EMPTY);
    scratch = Buffer.allocUnsafe(256);
    get size() {
        return this.count;
    }
    /** Adds an expectation under its member name; or, if that name has one already, changes nothing and returns its row. */
    add(exp) {
        const odd = !exp.member.isWellFormed();
        const n = odd ? 0 : this.encode(exp.member);
        const slot = odd ? EMPTY : this.find(n);
        const found = odd ? (this.oddRows.get(exp.member) ?? EMPTY) : this.slots[slot];
        if (found !== EMPTY)
            return found;
        const row = this.count;
        const b = this.blockFor(row);
        const i = row & (BLOCK_ROWS - 1);
        this.storeName(b, i, n);
        if (odd) {
            this.oddRows.set(exp.member, row);
            this.oddNames.set(row, exp.member);
        }
        b.kinds[i] = TYPES.indexOf(exp.type);
        for (let k = 0; k < NUMS.length; k++)
            b.nums[i * NUMS.length + k] = exp[NUMS[k]] ?? NaN;
        if (exp.sha256 !== undefined) {
            // The manifest's reader lets only lowercase hex through (HEX64); anything else would not come back as it was.
            if (exp.sha256.length !== 2 * SHA || b.shas.write(exp.sha256, i * SHA, SHA, 'hex') !== SHA)
                throw new Error(`member ${exp.member}: ${JSON.stringify(exp.sha256)} is not a sha256 in hex`);
        }
        else
            b.shas.fill(0, i * SHA, i * SHA + SHA);
        if (exp.target !== undefined)
            this.targets.set(row, exp.target);
        this.count++;
        // Slots are rebuilt when they grow, which finds the new row there too.
        if (2 * this.count > this.slots.length)
            this.rebuildSlots(2 * this.slots.length);
        else if (!odd)
            this.slots[slot] = row;
        return -1;
    }
    /** Whether a row holds the same content (sha256, size and raw position) as `exp`. */
    sameContent(row, exp) {
        const b = this.blocks[row >>> BLOCK_SHIFT];
        const i = row & (BLOCK_ROWS - 1);
        const at = i * NUMS.length;
        return b.kinds[i] === 0 && this.sha256Of(row) === exp.sha256 && same(b.nums[at], exp.size) && same(b.nums[at + 1], exp.raw);
    }
    get(member) {
        const row = this.rowOf(member);
        return row === EMPTY ? undefined : this.expectation(row, member);
    }
    has(member) {
        return this.rowOf(member) !== EMPTY;
    }
    rowOf(member) {
        if (!member.isWellFormed())
            return this.oddRows.get(member) ?? EMPTY;
        return this.slots[this.find(this.encode(member))];
    }
    *keys() {
        for (let row = 0; row < this.count; row++)
            yield this.nameOf(row);
    }
    *values() {
        for (let row = 0; row < this.count; row++)
            yield this.expectation(row, this.nameOf(row));
    }
    *entries() {
        for (let row = 0; row < this.count; row++) {
            const name = this.nameOf(row);
            yield [name, this.expectation(row, name)];
        }
    }
    nameOf(row) {
        const odd = this.oddNames.get(row);
        if (odd !== undefined)
            return odd;
        const names = this.blocks[row >>> BLOCK_SHIFT].names;
        const at = 3 * (row & (BLOCK_ROWS - 1));
        return this.nameBlocks[names[at]].toString('utf8', names[at + 1], names[at + 1] + names[at + 2]);
    }
    sha256Of(row) {
        const b = this.blocks[row >>> BLOCK_SHIFT];
        const i = row & (BLOCK_ROWS - 1);
        return b.kinds[i] === 0 ? b.shas.toString('hex', i * SHA, i * SHA + SHA) : undefined;
    }
    expectation(row, member) {
        const b = this.blocks[row >>> BLOCK_SHIFT];
        const i = row & (BLOCK_ROWS - 1);
        const exp = { member, type: TYPES[b.kinds[i]] };
        for (let k = 0; k < NUMS.length; k++) {
            const v = b.nums[i * NUMS.length + k];
            if (!Number.isNaN(v))
                exp[NUMS[k]] = v;
        }
        const sha256 = this.sha256Of(row);
        if (sha256 !== undefined)
            exp.sha256 = sha256;
        const target = this.targets.get(row);
        if (target !== undefined)
            exp.target = target;
        return exp;
    }
    /** The block row `row` goes in, made (or, the first, grown) as needed. */
    blockFor(row) {
        const k = row >>> BLOCK_SHIFT;
        let b = this.blocks[k];
        if (b === undefined)
            this.blocks.push((b = new Block(k === 0 ? FIRST_ROWS : BLOCK_ROWS)));
        const i = row & (BLOCK_ROWS - 1);
        if (i >= b.rows)
            this.blocks[k] = b = b.grown(Math.min(BLOCK_ROWS, 2 * b.rows));
        return b;
    }
    /** Copies the name in the scratch buffer (`n` bytes) into the name blocks, and notes where for row `i` of `b`. */
    storeName(b, i, n) {
        let block = this.nameBlock;
        if (n > NAME_BLOCK) {
            // A name of its own block; the block being filled stays the one being filled.
            this.nameBlocks.push(Buffer.from(this.scratch.subarray(0, n)));
            block = this.nameBlocks.length - 1;
            b.names.set([block, 0, n], 3 * i);
            return;
        }
        const current = block < 0 ? undefined : this.nameBlocks[block];
        if (current === undefined || this.nameUsed + n > current.length) {
            if (current !== undefined && current.length < NAME_BLOCK) {
                // The first block starts small and grows to NAME_BLOCK: offsets in it stay as they were.
                const grown = Buffer.allocUnsafe(Math.min(NAME_BLOCK, Math.max(2 * current.length, this.nameUsed + n)));
                current.copy(grown, 0, 0, this.nameUsed);
                this.nameBlocks[block] = grown;
            }
            else {
                this.nameBlocks.push(Buffer.allocUnsafe(current === undefined ? FIRST_NAMES : NAME_BLOCK));
                block = this.nameBlock = this.nameBlocks.length - 1;
                this.nameUsed = 0;
            }
            if (this.nameUsed + n > this.nameBlocks[block].length)
                return this.storeName(b, i, n);
        }
        this.scratch.copy(this.nameBlocks[block], this.nameUsed, 0, n);
        b.names[3 * i] = block;
        b.names[3 * i + 1] = this.nameUsed;
        b.names[3 * i + 2] = n;
        this.nameUsed += n;
    }
    /** The UTF-8 bytes of a name into the scratch buffer; their length. */
    encode(member) {
        const most = 3 * member.length;
        if (most > this.scratch.length)
            this.scratch = Buffer.allocUnsafe(Math.max(most, 2 * this.scratch.length));
        return this.scratch.write(member, 0, 'utf8');
    }
    /** The slot of the name in the scratch buffer: its row's, or the empty one where it would go. */
    find(n) {
        const mask = this.slots.length - 1;
        let h = 0x811c9dc5;
        for (let i = 0; i < n; i++)
            h = Math.imul(h ^ this.scratch[i], 0x01000193);
        for (let slot = h & mask;; slot = (slot + 1) & mask) {
            const row = this.slots[slot];
            if (row === EMPTY)
                return slot;
            const names = this.blocks[row >>> BLOCK_SHIFT].names;
            const at = 3 * (row & (BLOCK_ROWS - 1));
            const start = names[at + 1];
            if (names[at + 2] === n && this.nameBlocks[names[at]].compare(this.scratch, 0, n, start, start + n) === 0)
                return slot;
        }
    }
    /** `size` slots (a power of two, more than twice the rows), every row put in again. */
    rebuildSlots(size) {
        this.slots = new Int32Array(size).fill(EMPTY);
        for (let row = 0; row < this.count; row++) {
            if (this.oddNames.has(row))
                continue;
            const names = this.blocks[row >>> BLOCK_SHIFT].names;
            const at = 3 * (row & (BLOCK_ROWS - 1));
            const n = names[at + 2];
            if (n > this.scratch.length)
                this.scratch = Buffer.allocUnsafe(2 * n);
            this.nameBlocks[names[at]].copy(this.scratch, 0, names[at + 1], names[at + 1] + n);
            this.slots[this.find(n)] = row;
        }
    }
}
const same = (stored, given) => (given === undefined ? Number.isNaN(stored) : stored === given);
