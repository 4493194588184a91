/** The mark, in a row's pack, of a row kept whole in `odd` (no pack index is that large). */
const ODD = 0xffffffff;
/** Whether `v` is kept exactly by a Uint32Array (and is not the mark). */
const narrow = (v) => Number.isInteger(v) && v >= 0 && v < ODD && !Object.is(v, -0);
/**
 * The seven numbers of where each content of a parent is (pack, offset, length, raw, skip, span,
 * size), by row: offset, raw and size as doubles, pack, length, skip and span — a pack's index,
 * and lengths within one frame's reach — as 32-bit integers, 40 bytes a row instead of 56 (a
 * million contents: 42 MB instead of 59, held while an incremental hashes). A row with any of
 * the four that is not such an integer is kept whole beside, so every number comes back exactly.
 */
export class ContentLocations {
    wide;
    narrow;
    odd = new Map();
    constructor(rows) {
        this.wide = new Float64Array(3 * Math.max(1, rows));
        this.narrow = new Uint32Array(4 * Math.max(1, rows));
    }
    set(row, pack, offset, length, raw, skip, span, size) {
        if (4 * row + 4 > this.narrow.length)
            this.grow();
        const a = 4 * row;
        const b = 3 * row;
        if (narrow(pack) && narrow(length) && narrow(skip) && narrow(span)) {
            this.narrow[a] = pack;
            this.narrow[a + 1] = length;
            this.narrow[a + 2] = skip;
            this.narrow[a + 3] = span;
            this.wide[b] = offset;
            this.wide[b + 1] = raw;
            this.wide[b + 2] = size;
        }
        else {
            this.narrow[a] = ODD;
            this.odd.set(row, Float64Array.of(pack, offset, length, raw, skip, span, size));
        }
    }
    get(row) {
        const n = this.narrow;
        const a = 4 * row;
        if (n[a] === ODD) {
            const o = this.odd.get(row);
            return { loc: { length: o[2], offset: o[1], pack: o[0], raw: o[3], skip: o[4], span: o[5] }, size: o[6] };
        }
        const w = this.wide;
        const b = 3 * row;
        return { loc: { length: n[a + 1], offset: w[b], pack: n[a], raw: w[b + 1], skip: n[a + 2], span: n[a + 3] }, size: w[b + 2] };
    }
    pack(row) {
        const p = this.narrow[4 * row];
        return p === ODD ? this.odd.get(row)[0] : p;
    }
    /**
     * Keeps the rows `remap` gives a new number (>= 0; never above the old one, in order) and lets
     * go of the rest; with `shrink`, the columns are cut to the `kept` rows.
     */
    keep(remap, kept, shrink) {
        for (let r = 0; r < remap.length; r++) {
            const k = remap[r];
            if (k < 0 || k === r)
                continue;
            this.narrow.copyWithin(4 * k, 4 * r, 4 * r + 4);
            this.wide.copyWithin(3 * k, 3 * r, 3 * r + 3);
        }
        const odd = new Map();
        for (const [r, v] of this.odd)
            if (remap[r] >= 0)
                odd.set(remap[r], v);
        this.odd = odd;
        if (shrink) {
            this.narrow = this.narrow.slice(0, 4 * kept);
            this.wide = this.wide.slice(0, 3 * kept);
        }
    }
    grow() {
        const narrowed = new Uint32Array(this.narrow.length * 2);
        narrowed.set(this.narrow);
        this.narrow = narrowed;
        const widened = new Float64Array(this.wide.length * 2);
        widened.set(this.wide);
        this.wide = widened;
    }
}
