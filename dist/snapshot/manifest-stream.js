import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { matchCanonicalPiece } from './canonical-text.js';
import { scanEntries } from './entry-scan.js';
import { checkManifestFormat, checkManifestHead, EntryChecks, MAX_MANIFEST_BYTES, parseManifest, } from './manifest.js';
/** The top-level keys of every manifest index-vault writes, in canonical order; any other text falls back. */
const KEYS = [
    'createdAt',
    'depth',
    'digest',
    'entries',
    'format',
    'formatVersion',
    'id',
    'kind',
    'packs',
    'parent',
    'series',
    'source',
    'tool',
    'totals',
];
/** Each member's opening text: `"key":`, after a comma for all but the first. */
const OPENINGS = KEYS.map((k) => Buffer.from(`${JSON.stringify(k)}:`, 'latin1'));
const ENTRIES = KEYS.indexOf('entries');
/** The digest member is cut from the hashed bytes together with the comma before it (it never comes first). */
const DIGEST = KEYS.indexOf('digest');
/**
 * Entries are parsed this many bytes of text at a time (a whole entry more, at most); tests ask
 * for less. Small enough that each piece's string is made in V8's young generation, whose pages
 * are reused: a string past 128 KiB is put in fresh pages, which cost as much again as decoding it.
 */
const BATCH_BYTES = 64 * 1024;
const OPEN = 0;
const KEY = 1;
const VALUE = 2;
const ARRAY = 3;
const FIRST_ENTRY = 4;
const ENTRY = 5;
const AFTER_ARRAY = 6;
const NEWLINE = 7;
const DONE = 8;
/** Why the stream route gave up on a text: the whole-object route then decides. */
class Off {
    why;
    constructor(why) {
        this.why = why;
    }
}
function off(why) {
    throw new Off(why);
}
/**
 * Reads a manifest's canonical text chunk by chunk, keeping only what it parses: the top-level
 * members one at a time, the entries in batches of about BATCH_BYTES (each decoded, parsed
 * natively and matched against its own text, then dropped), the digest hashed from the bytes as
 * they pass. It accepts only a text that is valid UTF-8 and exactly canonical with the members a
 * manifest has, in order, and a manifest parseManifest accepts (its own checks, run on the
 * result); for anything else it answers why not, and parseManifest decides on the whole object.
 * So what it returns is what parseManifest would return for the same bytes.
 */
class ManifestStream {
    batchBytes;
    sink;
    digestLater;
    state = OPEN;
    member = 0;
    openingAt = 0;
    /** Scanner state of a top-level value being read: nesting, and whether inside a string, after a backslash. */
    depth = 0;
    inString = false;
    escaped = false;
    valueParts = [];
    head = new Map();
    /** The entries, unless a sink takes each instead. */
    entries;
    /** The entries' checks as they come (the rest once the members after them are read). */
    checks;
    /** Text of whole entries not yet parsed, after a `[`; grown if one entry is larger. */
    batch;
    batchLength = 0;
    /** No cut was found in the batch before this (a bound on searching one long entry again and again). */
    searchedTo = 0;
    hash = createHash('sha256');
    hashing = true;
    /** Where hashing resumes in the current chunk. */
    hashFrom = 0;
    total = 0;
    constructor(batchBytes, what, sink, 
    /** The digest member holds a stand-in: the manifest is checked with the digest its bytes give (see DeferredDigestCheck). */
    digestLater = false) {
        this.batchBytes = batchBytes;
        this.sink = sink;
        this.digestLater = digestLater;
        // What a cut leaves, and the next step's bytes.
        this.batch = Buffer.allocUnsafe(2 * batchBytes + 16);
        this.entries = sink ? undefined : [];
        this.checks = new EntryChecks(what);
    }
    push(chunk) {
        this.total += chunk.length;
        if (this.total > MAX_MANIFEST_BYTES)
            off('larger than a manifest may be');
        const n = chunk.length;
        this.hashFrom = 0;
        let i = 0;
        while (i < n) {
            switch (this.state) {
                case OPEN:
                    if (chunk[i++] !== 0x7b)
                        off('not an object');
                    this.state = KEY;
                    break;
                case KEY: {
                    const opening = OPENINGS[this.member];
                    while (i < n && this.openingAt < opening.length) {
                        if (chunk[i++] !== opening[this.openingAt++])
                            off(`not the member ${KEYS[this.member]} where it belongs`);
                    }
                    if (this.openingAt === opening.length) {
                        this.openingAt = 0;
                        if (this.member === ENTRIES)
                            this.state = ARRAY;
                        else
                            this.startValue(VALUE);
                    }
                    break;
                }
                case VALUE: {
                    const end = this.scanValue(chunk, i, n);
                    // Copied: a caller may reuse a chunk's memory once it is read.
                    if (end > i)
                        this.valueParts.push(Buffer.from(chunk.subarray(i, end)));
                    i = end;
                    if (end < n) {
                        this.endMember(chunk, end);
                        i++;
                    }
                    break;
                }
                case ARRAY:
                    if (chunk[i++] !== 0x5b)
                        off('entries are not an array');
                    this.state = FIRST_ENTRY;
                    break;
                case FIRST_ENTRY:
                    if (chunk[i] === 0x5d) {
                        i++;
                        this.state = AFTER_ARRAY;
                    }
                    else {
                        this.batch[0] = 0x5b;
                        this.batchLength = 1;
                        this.state = ENTRY;
                    }
                    break;
                case ENTRY:
                    i = this.takeEntries(chunk, i, n);
                    break;
                case AFTER_ARRAY:
                    if (chunk[i++] !== 0x2c)
                        off('entries are not followed by a member');
                    this.member++;
                    this.state = KEY;
                    break;
                case NEWLINE:
                    if (chunk[i] !== 0x0a)
                        off('no newline after the object');
                    // The final newline is not hashed.
                    this.hash.update(chunk.subarray(this.hashFrom, i++));
                    this.hashing = false;
                    this.state = DONE;
                    break;
                default:
                    off('bytes after the newline');
            }
        }
        if (this.hashing)
            this.hash.update(this.hashFrom === 0 ? chunk : chunk.subarray(this.hashFrom));
    }
    /** The manifest, whose entries are left out when a sink took them. */
    finish(what) {
        if (this.state !== DONE)
            off('the text ends early');
        const h = this.head;
        // The members in their order, as JSON.parse of the whole text makes them.
        const m = {
            createdAt: h.get('createdAt'),
            depth: h.get('depth'),
            digest: h.get('digest'),
            entries: this.entries ?? [],
            format: h.get('format'),
            formatVersion: h.get('formatVersion'),
            id: h.get('id'),
            kind: h.get('kind'),
            packs: h.get('packs'),
            parent: h.get('parent'),
            series: h.get('series'),
            source: h.get('source'),
            tool: h.get('tool'),
            totals: h.get('totals'),
        };
        const computed = `sha256:${this.hash.digest('hex')}`;
        if (this.digestLater)
            m.digest = computed;
        if (typeof m.digest !== 'string' || m.digest !== computed)
            off('digest differs');
        // parseManifest's own checks, in its order (the `__proto__` walk, the digest and the canonical
        // form are proven above); a refusal is left to it, so that it words it.
        try {
            checkManifestFormat(m, what);
            checkManifestHead(m, what);
            this.checks.finish(m);
        }
        catch (err) {
            off(`refused: ${err.message}`);
        }
        if (this.entries === undefined)
            delete m.entries;
        return m;
    }
    startValue(state) {
        this.state = state;
        this.depth = 0;
        this.inString = false;
        this.escaped = false;
    }
    /** Where the value being read ends in `chunk` (a `,`, `}` or `]` outside strings and containers), or `n`. */
    scanValue(chunk, i, n) {
        let { depth, inString, escaped } = this;
        for (; i < n; i++) {
            const c = chunk[i];
            if (inString) {
                if (escaped)
                    escaped = false;
                else if (c === 0x5c)
                    escaped = true;
                else if (c === 0x22)
                    inString = false;
            }
            else if (c === 0x22)
                inString = true;
            else if (c === 0x7b || c === 0x5b)
                depth++;
            else if (c === 0x7d || c === 0x5d) {
                if (depth === 0)
                    break;
                depth--;
            }
            else if (c === 0x2c && depth === 0)
                break;
        }
        this.depth = depth;
        this.inString = inString;
        this.escaped = escaped;
        return i;
    }
    /** A top-level member's value ended at `chunk[end]`: parse it, and go on to the next member or the end. */
    endMember(chunk, end) {
        const parts = this.valueParts;
        this.valueParts = [];
        const bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts);
        this.head.set(KEYS[this.member], parsePiece(bytes));
        const last = this.member === KEYS.length - 1;
        if (chunk[end] !== (last ? 0x7d : 0x2c))
            off(`the members are not those of a manifest (after ${KEYS[this.member]})`);
        // The comma before the digest member, and the member, are not hashed; the comma after it is.
        if (this.member === DIGEST - 1) {
            this.hash.update(chunk.subarray(this.hashFrom, end));
            this.hashing = false;
        }
        else if (this.member === DIGEST) {
            this.hashing = true;
            this.hashFrom = end;
        }
        if (last)
            this.state = NEWLINE;
        else {
            this.member++;
            this.state = KEY;
        }
    }
    /**
     * Copies entries' text into the batch (at most a batch's worth of the chunk at a time), cuts
     * whole batches off it and parses them, and finds where the array ends; returns where in the
     * chunk to go on. Where the text is cut needs no proof: each piece is proven canonical on its
     * own, and canonical pieces joined by commas are the canonical text of their joined entries,
     * wherever the cuts fell. A cut in the wrong place only makes a piece fail, and the stream fall back.
     */
    takeEntries(chunk, i, n) {
        const to = Math.min(n, i + this.batchBytes);
        const before = this.batchLength;
        this.append(chunk, i, to);
        const view = this.batch.subarray(0, this.batchLength);
        // `],"format":` (a quote after a comma opens a string, so it is outside strings) ends the array.
        const end = view.indexOf(END_OF_ENTRIES, Math.max(1, before - (END_OF_ENTRIES.length - 1)));
        if (end < 0) {
            this.cutBatches(false);
            return to;
        }
        this.batchLength = end;
        this.cutBatches(true);
        if (end + 1 >= before) {
            this.state = AFTER_ARRAY;
            return i + (end + 1 - before);
        }
        // The comma and the start of `"format":` came with earlier chunks: they are matched already.
        this.member = ENTRIES + 1;
        this.openingAt = before - (end + 2);
        this.state = KEY;
        return i;
    }
    append(chunk, from, to) {
        const need = this.batchLength + (to - from) + 1;
        if (need > this.batch.length) {
            const bigger = Buffer.allocUnsafe(Math.max(need, 2 * this.batch.length));
            this.batch.copy(bigger, 0, 0, this.batchLength);
            this.batch = bigger;
        }
        this.batchLength += chunk.copy(this.batch, this.batchLength, from, to);
    }
    /**
     * Parses the batch's text in pieces of about batchBytes, each cut after an entry's `}` where
     * `},{"` is followed by a key's first character (a quote after `{` that is followed by one
     * opens a string, so the cut is between two objects); with `last`, all of it, else it keeps
     * the text after the last cut.
     */
    cutBatches(last) {
        const batch = this.batch;
        const view = batch.subarray(0, this.batchLength);
        let start = 0;
        while (this.batchLength - start > this.batchBytes) {
            const cut = findCut(view, start, start + this.batchBytes, this.searchedTo);
            if (cut < 0) {
                this.searchedTo = Math.max(0, this.batchLength - CUT.length);
                break;
            }
            // The comma after the piece closes it, then opens the next one.
            batch[start] = 0x5b;
            batch[cut + 1] = 0x5d;
            this.parseEntries(start, cut + 2);
            start = cut + 1;
        }
        batch[start] = 0x5b;
        if (last) {
            batch[this.batchLength] = 0x5d;
            this.parseEntries(start, this.batchLength + 1);
            this.batchLength = 1;
            this.searchedTo = 0;
        }
        else if (start > 0) {
            batch.copy(batch, 0, start, this.batchLength);
            this.batchLength -= start;
            this.searchedTo = 0;
        }
    }
    /** Parses `[…]` at batch[from, to) (entries sit one level deep), matches it against its text, keeps its entries. */
    parseEntries(from, to) {
        // `[]` here would be an empty entry between two commas (or after the last).
        if (to - from === 2)
            off('an empty entry');
        // The shapes index-vault writes are read straight from the bytes; any other text the general way.
        const parsed = scanEntries(this.batch, from, to) ?? parsePiece(this.batch.subarray(from, to));
        try {
            for (const e of parsed)
                this.checks.add(e);
        }
        catch (err) {
            off(`refused: ${err.message}`);
        }
        if (this.entries)
            for (const e of parsed)
                this.entries.push(e);
        else
            for (const e of parsed)
                this.sink(e);
    }
}
/** `],"format":`: the end of the entries array in a manifest's canonical text. */
const END_OF_ENTRIES = Buffer.from(`],${OPENINGS[ENTRIES + 1].toString('latin1')}`, 'latin1');
const CUT = Buffer.from('},{"', 'latin1');
/**
 * Where `},{"` + a key's first character is, by preference the last at or before `near`, after
 * `start`; else the first after `near` (and after `searched`, before which there is none); or -1.
 */
function findCut(view, start, near, searched) {
    const ok = (at) => at + CUT.length < view.length && !CLOSERS.has(view[at + CUT.length]);
    for (let at = view.lastIndexOf(CUT, near); at > start; at = at > 0 ? view.lastIndexOf(CUT, at - 1) : -1)
        if (ok(at))
            return at;
    for (let at = view.indexOf(CUT, Math.max(near + 1, searched)); at >= 0; at = view.indexOf(CUT, at + 1))
        if (ok(at))
            return at;
    return -1;
}
/** What may follow a string's closing quote. */
const CLOSERS = new Set([0x2c, 0x3a, 0x7d, 0x5d]);
/** A piece of the text one level deep, parsed, if it is valid UTF-8 and exactly the canonical JSON of what it parses to. */
function parsePiece(bytes) {
    if (!isUtf8(bytes))
        off('a byte that is not UTF-8');
    const text = bytes.toString('utf8');
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        off('not valid JSON');
    }
    const match = matchCanonicalPiece(text, value, 1);
    if (!match)
        off('not in canonical form');
    if (match.protoKey)
        off('a "__proto__" key');
    return value;
}
/**
 * The stream route alone: the manifest, or why it fell back. Errors of the source itself (a
 * failed read) are thrown as they are, as a whole read would throw them. No chunk is kept once
 * the next is asked for: a source may read each into the same memory.
 */
export async function streamManifest(chunks, what, batchBytes = BATCH_BYTES) {
    const streamed = await streamWith(chunks, what, batchBytes, undefined);
    return 'head' in streamed ? { manifest: streamed.head } : streamed;
}
async function streamWith(chunks, what, batchBytes, sink) {
    const reader = new ManifestStream(batchBytes, what, sink);
    const fallback = (err) => ({ fallback: why(err) });
    for await (const chunk of chunks) {
        try {
            reader.push(chunk);
        }
        catch (err) {
            // Leaving the loop closes the source: nothing more of it is read.
            return fallback(err);
        }
    }
    try {
        return { head: reader.finish(what) };
    }
    catch (err) {
        return fallback(err);
    }
}
/**
 * A stored manifest, read as a stream (no whole text, no whole bytes held), with exactly the
 * decisions of parseManifest: any text the stream route does not accept is read again whole by
 * `reread` and parseManifest decides on what that read returns.
 */
export async function readManifest(chunks, what, reread, batchBytes = BATCH_BYTES) {
    const streamed = await streamManifest(chunks, what, batchBytes);
    if ('manifest' in streamed)
        return streamed.manifest;
    return parseManifest(await reread(), what);
}
/**
 * readManifest without holding the entries: with the same decisions, it hands each to `sink` (or
 * to nothing: a reader that needs only the other members) and returns the rest. On the whole
 * route the sink is restarted and given the entries parseManifest accepted.
 */
export async function readManifestHead(chunks, what, reread, sink, batchBytes = BATCH_BYTES) {
    const streamed = await streamWith(chunks, what, batchBytes, sink ? (e) => sink.entry(e) : () => { });
    if ('head' in streamed)
        return streamed.head;
    sink?.restart();
    const { entries, ...head } = parseManifest(await reread(), what);
    if (sink)
        for (const e of entries)
            sink.entry(e);
    return head;
}
/**
 * The stream route for a text whose digest member is not written yet (a writer checking its
 * manifest while sealing it): the member holds a stand-in of the digest's form, and the text is
 * checked as if it held the digest its bytes give, which is returned. The digest member is not
 * hashed, so the text with the real digest in its place passes exactly when the real digest is
 * the one returned. Any text the stream route does not accept answers why: the caller then reads
 * the finished text with readManifestHead, which decides as a reader would.
 */
export class DeferredDigestCheck {
    reader;
    failed;
    constructor(what, batchBytes = BATCH_BYTES) {
        this.reader = new ManifestStream(batchBytes, what, () => { }, true);
    }
    /** The text's next bytes (not kept). */
    push(chunk) {
        if (this.failed !== undefined)
            return;
        try {
            this.reader.push(chunk);
        }
        catch (err) {
            this.failed = why(err);
        }
    }
    finish(what) {
        if (this.failed !== undefined)
            return { fallback: this.failed };
        try {
            return { digest: this.reader.finish(what).digest };
        }
        catch (err) {
            return { fallback: why(err) };
        }
    }
}
/** The digest member's stand-in (with the comma before it, as a writer leaves its place): the form of any digest. */
export const DIGEST_STAND_IN = `,"digest":"sha256:${'0'.repeat(64)}"`;
function why(err) {
    return err instanceof Off ? err.why : `unexpected: ${String(err)}`;
}
/** The subarrays of a buffer held whole, as chunks for readManifest (no copy). */
export function* chunksOf(bytes, size = 1024 * 1024) {
    for (let at = 0; at < bytes.length; at += size)
        yield bytes.subarray(at, Math.min(bytes.length, at + size));
}
