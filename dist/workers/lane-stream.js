import { createHash, hash as hashOnce } from 'node:crypto';
import { IntegrityError, UnsafeEntryError } from '../shared/errors.js';
import { checkContent, checkMember, checkPlacement } from '../snapshot/member-check.js';
import { BLOCK, checksumValid, isZeroBlock, padding, parseHeader, parsePax, withPax } from '../snapshot/tar-header.js';
import { unpackMembers } from './lane-members.js';
import { allZero, RestoredFile, StampList } from './restored-file.js';
const damaged = (message, path) => {
    throw new IntegrityError(message, { hint: 'the pack is damaged', details: path === undefined ? undefined : { path } });
};
/**
 * The raw tar bytes of one stretch of a pack, as they decode: cut into records, each header
 * checked by member-check.ts before a byte of its body goes anywhere, wanted files hashed and
 * written. Only the stretch's windows are parsed; bytes between them are passed over. Sync and
 * self-contained, so a lane runs it between two decoded pieces.
 */
export class LaneStream {
    seg;
    /** Raw position of the next byte pushed. */
    pos;
    w = 0;
    state = 'head';
    head = Buffer.alloc(BLOCK);
    headLen = 0;
    pax = [];
    paxLeft = 0;
    paxAttrs;
    padLeft = 0;
    recordStart = -1;
    windowFresh = true;
    cur;
    ctx;
    index;
    /** Members met, in order: the index of a listed one in the segment's `members`, or -1 for the next of `others`. */
    met = [];
    others = [];
    /** Indexes of the members written. */
    written = [];
    /** The stamp of every file written (see StampList). */
    stamps = new StampList();
    /** File bytes hashed and files finished since the last `takeProgress`. */
    bytes = 0;
    files = 0;
    constructor(seg, members = seg.members ? unpackMembers(seg.members) : []) {
        this.seg = seg;
        this.pos = seg.frameRaw;
        const index = (this.index = new Map());
        members.forEach((x, k) => index.set(x.member, k));
        const at = (n) => index.get(n);
        this.ctx = { packName: seg.packName, strict: seg.strict, expected: (n) => members[at(n) ?? -1], seen: new Set() };
    }
    /** Raw bytes decoded so far, counted from the pack's start. */
    get position() {
        return this.pos;
    }
    /** Every window is read: a stretch that is not the pack's last needs nothing more. */
    get complete() {
        return this.w >= this.seg.windows.length;
    }
    takeProgress() {
        const p = { bytes: this.bytes, files: this.files };
        this.bytes = this.files = 0;
        return p;
    }
    /** The most the next decoded piece may hold: a whole pack's decode is bounded by its declared size. */
    room() {
        return this.seg.last ? this.seg.rawSize - this.pos : Number.POSITIVE_INFINITY;
    }
    /** Feeds decoded bytes, in order. */
    push(raw) {
        const s = this.seg;
        if (s.last && this.pos + raw.length > s.rawSize)
            damaged(`pack ${s.packName} decodes to more than the ${s.rawSize} bytes its manifest declares`);
        let off = 0;
        while (off < raw.length && this.w < s.windows.length) {
            const win = s.windows[this.w];
            const abs = this.pos + off;
            if (abs < win.start) {
                off += Math.min(win.start - abs, raw.length - off);
                continue;
            }
            const end = Math.min(raw.length, off + (win.end - abs));
            this.consume(raw, off, end);
            off = end;
            if (this.pos + off === win.end)
                this.endWindow();
        }
        this.pos += raw.length;
    }
    /** The stretch's input has all arrived: it must have held every window it was meant to. */
    finish() {
        const s = this.seg;
        if (!this.complete)
            damaged(s.last
                ? `pack ${s.packName} ends before its ${s.rawSize} bytes`
                : `a ranged read of ${s.packName} ended before the members it should hold`);
        if (s.last && this.pos !== s.rawSize)
            damaged(`pack ${s.packName} decodes to ${this.pos} bytes, not the ${s.rawSize} its manifest declares`);
    }
    /** Closes a file left half-written by a failure. */
    abandon() {
        this.cur?.file?.abandon();
        this.cur = undefined;
    }
    endWindow() {
        if (this.state !== 'eof' && (this.state !== 'head' || this.headLen !== 0 || this.paxAttrs || this.recordStart >= 0)) {
            damaged(`pack ${this.seg.packName} has a member that crosses the end of the range its manifest gives (byte ${this.seg.windows[this.w].end})`);
        }
        this.w++;
        this.windowFresh = true;
        this.state = 'head';
    }
    /** Feeds raw bytes [off, end) of `raw`, all inside the current window. */
    consume(raw, off, end) {
        while (off < end) {
            const abs = this.pos + off;
            if (this.state === 'head') {
                const k = Math.min(BLOCK - this.headLen, end - off);
                raw.copy(this.head, this.headLen, off, off + k);
                this.headLen += k;
                off += k;
                if (this.headLen === BLOCK) {
                    this.headLen = 0;
                    this.header(abs + k - BLOCK);
                }
            }
            else if (this.state === 'pax') {
                const k = Math.min(this.paxLeft, end - off);
                this.pax.push(Buffer.from(raw.subarray(off, off + k)));
                this.paxLeft -= k;
                off += k;
                if (this.paxLeft === 0) {
                    this.paxAttrs = parsePax(Buffer.concat(this.pax)) ?? damaged(`pack ${this.seg.packName} has a malformed pax header`);
                    this.pax = [];
                    this.state = this.padLeft > 0 ? 'pad' : 'head';
                }
            }
            else if (this.state === 'data') {
                off += this.body(raw, off, end);
            }
            else if (this.state === 'pad') {
                const k = Math.min(this.padLeft, end - off);
                this.padLeft -= k;
                off += k;
                if (this.padLeft === 0)
                    this.state = 'head';
            }
            else {
                // After the end-of-archive blocks only zeros may follow.
                if (!allZero(raw.subarray(off, end)))
                    damaged(`pack ${this.seg.packName} has data after its end-of-archive marker`);
                off = end;
            }
        }
    }
    /** Takes body bytes of the current member from raw[off, end); returns how many. */
    body(raw, off, end) {
        const c = this.cur;
        const k = Math.min(c.left, end - off);
        const piece = raw.subarray(off, off + k);
        if (c.hashed) {
            // Most small files arrive whole in one decoded piece: one call, no hash object for them.
            if (c.at === 0 && k === c.left)
                c.digest = hashOnce('sha256', piece, 'hex');
            else
                (c.hash ??= createHash('sha256')).update(piece);
            this.bytes += k;
        }
        c.file?.write(piece, c.at);
        c.at += k;
        c.left -= k;
        if (c.left === 0) {
            if (c.hashed)
                this.finishFile(c);
            this.cur = undefined;
            this.state = this.padLeft > 0 ? 'pad' : 'head';
        }
        return k;
    }
    /** A whole header block is in `head`; `abs` is its raw position. */
    header(abs) {
        const s = this.seg;
        if (isZeroBlock(this.head)) {
            if (!s.last || this.w !== s.windows.length - 1 || this.paxAttrs)
                damaged(`pack ${s.packName} ends its tar stream early, at byte ${abs}`);
            this.state = 'eof';
            return;
        }
        if (!checksumValid(this.head)) {
            damaged(abs === 0
                ? `pack ${s.packName} does not start with a tar header`
                : `pack ${s.packName} is not a valid tar stream: no header at byte ${abs}`);
        }
        if (this.recordStart < 0)
            this.recordStart = abs;
        const raw = parseHeader(this.head);
        if (!Number.isFinite(raw.size))
            damaged(`pack ${s.packName} has a tar header with an invalid size at byte ${abs}`);
        if (raw.flag === 'x')
            return this.paxHeader(raw.size, abs);
        const h = withPax(raw, this.paxAttrs);
        if (!Number.isSafeInteger(h.size) || h.size < 0)
            damaged(`pack ${s.packName} has a tar header with an invalid size at byte ${abs}`);
        this.paxAttrs = undefined;
        const start = this.recordStart;
        this.recordStart = -1;
        if (this.windowFresh) {
            this.windowFresh = false;
            const win = s.windows[this.w];
            checkPlacement(s.packName, win.first, h.name, start, win.start);
        }
        const verdict = checkMember(h, start, this.ctx);
        const k = this.index.get(verdict.name) ?? -1;
        this.met.push(k);
        if (k < 0)
            this.others.push(verdict.name);
        this.padLeft = padding(h.size);
        const m = verdict.file;
        const hashed = m !== undefined && (m.dests !== undefined || m.hash === true);
        this.cur = { name: verdict.name, m, k, left: h.size, at: 0, hashed };
        if (hashed && m.dests)
            this.cur.file = new RestoredFile(m.dests, s.root, s.writeFlags, s.holeMin, s.umask);
        this.state = 'data';
        if (h.size === 0)
            this.body(this.head, 0, 0);
    }
    paxHeader(size, abs) {
        const s = this.seg;
        if (this.paxAttrs)
            damaged(`pack ${s.packName} has two pax headers in a row at byte ${abs}`);
        if (size > 1024 * 1024)
            throw new UnsafeEntryError(`pack ${s.packName} has a pax header of ${size} bytes`);
        this.pax = [];
        this.paxLeft = size;
        this.padLeft = padding(size);
        this.state = size > 0 ? 'pax' : this.padLeft > 0 ? 'pad' : 'head';
        if (size === 0)
            this.paxAttrs = {};
    }
    finishFile(c) {
        const m = c.m;
        checkContent(c.name, c.digest ?? c.hash.digest('hex'), m);
        if (c.file) {
            c.file.finish(m.size, this.stamps);
            this.written.push(c.k);
            this.files += m.dests.length;
        }
        else
            this.files++;
    }
}
