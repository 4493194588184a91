/** Strings per stretch whose start is kept: a lookup adds up at most this many lengths. */
const STRETCH = 64;
/** A length that means "kept aside as a string". */
const ASIDE = 0xffff;
/**
 * An append-only list of strings held as their UTF-8 bytes in one growing buffer, with a 16-bit
 * length each and the start of every STRETCH-th: about a string's UTF-8 length plus 2 bytes,
 * where a string kept as such costs ~40 bytes more (its header and an array's slot) — tens of MB
 * for the million names some readers hold. A string UTF-8 cannot hold exactly (a lone surrogate,
 * which a forged manifest may carry) is kept as it is, aside, so no two different strings ever
 * come back as one; so is one of 64 KiB or more.
 */
export class Utf8List {
    bytes;
    used = 0;
    lengths;
    starts;
    count = 0;
    aside = new Map();
    /** The last string read and where its bytes start: a reader going in order adds one length, not up to STRETCH. */
    cursor = -1;
    cursorAt = 0;
    /** Room for `count` strings of `bytes` UTF-8 bytes in all, when known: made once, never copied to grow. */
    constructor(count = 1024, bytes = 64 * 1024) {
        const room = Math.max(STRETCH, Math.ceil(count / STRETCH) * STRETCH);
        this.lengths = new Uint16Array(room);
        this.starts = new Float64Array(room / STRETCH);
        this.bytes = Buffer.allocUnsafe(Math.max(1024, bytes));
    }
    get length() {
        return this.count;
    }
    push(s) {
        const i = this.count++;
        if (i === this.lengths.length) {
            const more = new Uint16Array(2 * i);
            more.set(this.lengths);
            this.lengths = more;
            const starts = new Float64Array((2 * i) / STRETCH);
            starts.set(this.starts);
            this.starts = starts;
        }
        if (i % STRETCH === 0)
            this.starts[i / STRETCH] = this.used;
        if (s.length >= ASIDE / 3 || !s.isWellFormed()) {
            this.aside.set(i, s);
            this.lengths[i] = ASIDE;
            return;
        }
        if (this.used + 3 * s.length > this.bytes.length) {
            const more = Buffer.allocUnsafe(Math.max(2 * this.bytes.length, this.used + 3 * s.length));
            this.bytes.copy(more, 0, 0, this.used);
            this.bytes = more;
        }
        const n = this.bytes.write(s, this.used, 'utf8');
        this.used += n;
        this.lengths[i] = n;
    }
    /** Lets go of the room no string uses yet (a list filled once, then read): more strings may still come. */
    trim() {
        const room = Math.max(STRETCH, Math.ceil(this.count / STRETCH) * STRETCH);
        if (room < this.lengths.length) {
            this.lengths = this.lengths.slice(0, room);
            this.starts = this.starts.slice(0, room / STRETCH);
        }
        if (this.used < this.bytes.length) {
            const exact = Buffer.allocUnsafe(Math.max(1024, this.used));
            this.bytes.copy(exact, 0, 0, this.used);
            this.bytes = exact;
        }
    }
    get(i) {
        if (i >>> 0 !== i || i >= this.count)
            throw new RangeError(`no string ${i} of ${this.count}`);
        const { lengths } = this;
        const n = lengths[i];
        if (n === ASIDE)
            return this.aside.get(i);
        let at;
        if (i === this.cursor + 1 && this.cursor >= 0) {
            const before = lengths[this.cursor];
            at = this.cursorAt + (before === ASIDE ? 0 : before);
        }
        else {
            at = this.starts[Math.floor(i / STRETCH)];
            for (let j = i - (i % STRETCH); j < i; j++)
                if (lengths[j] !== ASIDE)
                    at += lengths[j];
        }
        this.cursor = i;
        this.cursorAt = at;
        return this.bytes.toString('utf8', at, at + n);
    }
}
