const TYPES = ['file', 'dir', 'symlink'];
/** Numbers per row, in this order; NaN where an expectation has none. */
const NUMS = ['size', 'raw', 'span', 'offset', 'length', 'skip'];
const SHA = 32;
const EMPTY = -1;
const ROWS = 16;
/**
 * Member expectations as columns: names in one byte buffer with an open-addressing index over
 * them, numbers in a Float64Array, each sha256 as its 32 bytes. A Map of objects held ~300 bytes
 * per file (the object, its sha256's 64-character string, the map's entry); this holds ~140, so
 * a verify of 1,000,000 files keeps ~140 MB where it kept ~350. Rows keep the order they were
 * added in, as a Map's entries do; an expectation object is made only when one is asked for.
 */
export class MemberTable {
    count = 0;
    // Small to start with: a chain may have many small packs, each with a table.
    names = Buffer.allocUnsafe(1024);
    namesUsed = 0;
    starts = new Float64Array(ROWS + 1);
    kinds = new Uint8Array(ROWS);
    nums = new Float64Array(ROWS * NUMS.length);
    shas = Buffer.allocUnsafe(ROWS * SHA);
    targets = new Map();
    slots = new Int32Array(2 * ROWS).fill(EMPTY);
    scratch = Buffer.allocUnsafe(256);
    get size() {
        return this.count;
    }
    /** Adds an expectation under its member name; or, if that name has one already, changes nothing and returns its row. */
    add(exp) {
        const n = this.encode(exp.member);
        const slot = this.find(n);
        const found = this.slots[slot];
        if (found !== EMPTY)
            return found;
        const row = this.count;
        this.grow(row + 1, n);
        this.names.set(this.scratch.subarray(0, n), this.namesUsed);
        this.starts[row] = this.namesUsed;
        this.namesUsed += n;
        this.starts[row + 1] = this.namesUsed;
        this.kinds[row] = TYPES.indexOf(exp.type);
        for (let k = 0; k < NUMS.length; k++)
            this.nums[row * NUMS.length + k] = exp[NUMS[k]] ?? NaN;
        if (exp.sha256 !== undefined) {
            // The manifest's reader lets only lowercase hex through (HEX64); anything else would not come back as it was.
            if (exp.sha256.length !== 2 * SHA || this.shas.write(exp.sha256, row * SHA, SHA, 'hex') !== SHA)
                throw new Error(`member ${exp.member}: ${JSON.stringify(exp.sha256)} is not a sha256 in hex`);
        }
        else
            this.shas.fill(0, row * SHA, row * SHA + SHA);
        if (exp.target !== undefined)
            this.targets.set(row, exp.target);
        this.count++;
        // Slots are rebuilt when they grow, which finds the new row there too.
        if (!this.growSlots())
            this.slots[slot] = row;
        return -1;
    }
    /**
     * Lets go of the room made for rows to come: the columns, names and index made again at their
     * size (a table grows by doubling, so up to half of it was room). For a table that is complete.
     */
    compact() {
        const rows = this.count;
        this.names = Buffer.from(this.names.subarray(0, this.namesUsed));
        this.starts = this.starts.slice(0, rows + 1);
        this.kinds = this.kinds.slice(0, rows);
        this.nums = this.nums.slice(0, rows * NUMS.length);
        this.shas = Buffer.from(this.shas.subarray(0, rows * SHA));
        let slots = 2 * ROWS;
        while (slots < 2 * rows)
            slots *= 2;
        if (slots < this.slots.length)
            this.rebuildSlots(slots);
    }
    /** Whether a row holds the same content (sha256, size and raw position) as `exp`. */
    sameContent(row, exp) {
        const at = row * NUMS.length;
        return (this.sha256Of(row) === exp.sha256 && same(this.nums[at], exp.size) && same(this.nums[at + 1], exp.raw) && this.kinds[row] === 0);
    }
    get(member) {
        const row = this.slots[this.find(this.encode(member))];
        return row === EMPTY ? undefined : this.expectation(row, member);
    }
    has(member) {
        return this.slots[this.find(this.encode(member))] !== EMPTY;
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
        return this.names.toString('utf8', this.starts[row], this.starts[row + 1]);
    }
    sha256Of(row) {
        return this.kinds[row] === 0 ? this.shas.toString('hex', row * SHA, row * SHA + SHA) : undefined;
    }
    expectation(row, member) {
        const type = TYPES[this.kinds[row]];
        const exp = { member, type };
        for (let k = 0; k < NUMS.length; k++) {
            const v = this.nums[row * NUMS.length + k];
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
            const start = this.starts[row];
            const end = this.starts[row + 1];
            if (end - start === n && this.names.compare(this.scratch, 0, n, start, end) === 0)
                return slot;
        }
    }
    /** Room for `rows` rows and `nameBytes` more name bytes. */
    grow(rows, nameBytes) {
        if (this.namesUsed + nameBytes > this.names.length) {
            const names = Buffer.allocUnsafe(Math.max(2 * this.names.length, this.namesUsed + nameBytes));
            this.names.copy(names, 0, 0, this.namesUsed);
            this.names = names;
        }
        if (rows <= this.kinds.length)
            return;
        const cap = Math.max(ROWS, 2 * this.kinds.length);
        this.starts = copied(new Float64Array(cap + 1), this.starts);
        this.kinds = copied(new Uint8Array(cap), this.kinds);
        this.nums = copied(new Float64Array(cap * NUMS.length), this.nums);
        const shas = Buffer.allocUnsafe(cap * SHA);
        this.shas.copy(shas);
        this.shas = shas;
    }
    /** Doubles the slots when more than half are taken, and puts every row in again; whether it did. */
    growSlots() {
        if (2 * this.count <= this.slots.length)
            return false;
        this.rebuildSlots(2 * this.slots.length);
        return true;
    }
    /** `size` slots (a power of two, at least twice the rows), every row put in again. */
    rebuildSlots(size) {
        this.slots = new Int32Array(size).fill(EMPTY);
        for (let row = 0; row < this.count; row++) {
            const start = this.starts[row];
            const n = this.starts[row + 1] - start;
            if (n > this.scratch.length)
                this.scratch = Buffer.allocUnsafe(2 * n);
            this.names.copy(this.scratch, 0, start, start + n);
            this.slots[this.find(n)] = row;
        }
    }
}
const same = (stored, given) => (given === undefined ? Number.isNaN(stored) : stored === given);
function copied(into, from) {
    into.set(from);
    return into;
}
