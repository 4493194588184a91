import { createHash, randomBytes } from 'node:crypto';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../../fs-safety/private-files.js';
import { ParentContents } from './parent-contents.js';
const MAGIC = Buffer.from('IVCONTS1');
const FIELDS = 7;
/** Far more than the index of the largest manifest a reader accepts. */
const MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024 - 1;
const HEX64 = /^[0-9a-f]{64}$/;
/** The index of `cacheFile`'s tree (`<hash of the root>.bin`): beside it, named alike. */
export function contentsFileFor(cacheFile) {
    return cacheFile.replace(/\.bin$/, '.contents.bin');
}
/**
 * Writes the index as the new manifest's entries are made (`entry`), to a temporary file in
 * pieces of a MiB (nothing grows with the file count), and puts it in place with `commit` once
 * the snapshot is published. Never throws: a failure leaves no index, and the next incremental
 * reads the manifest.
 */
export class ContentsWriter {
    file;
    logger;
    tmp;
    fd;
    buf = Buffer.allocUnsafe(1024 * 1024);
    at = 0;
    count = 0;
    hash = createHash('sha256');
    failed = false;
    constructor(file, logger) {
        this.file = file;
        this.logger = logger;
        this.tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    }
    static async open(file, logger) {
        const w = new ContentsWriter(file, logger);
        try {
            await makePrivateDir(path.dirname(file));
            w.fd = fsSync.openSync(w.tmp, 'wx', PRIVATE_FILE_MODE);
        }
        catch (err) {
            w.fail(err);
        }
        return w;
    }
    entry(e) {
        if (this.failed || e.type !== 'file')
            return;
        try {
            const member = e.loc.member ?? e.path;
            // A name's UTF-8 is at most three bytes per UTF-16 unit.
            if (this.at + 32 + 8 * FIELDS + 4 + 3 * member.length > this.buf.length)
                this.flush();
            let at = this.at;
            const b = this.buf;
            b.write(e.sha256, at, 32, 'hex');
            at += 32;
            const { loc } = e;
            for (const v of [loc.pack, loc.offset, loc.length, loc.raw, loc.skip, loc.span, e.size])
                at = b.writeDoubleLE(v, at);
            const n = b.write(member, at + 4, 'utf8');
            b.writeUInt32LE(n, at);
            this.at = at + 4 + n;
            this.count++;
        }
        catch (err) {
            this.fail(err);
        }
    }
    /** Puts the index in place, bound to the published snapshot and the digest of its tree (tree-digest.ts). */
    async commit(binding, tree) {
        if (this.failed)
            return this.abort();
        try {
            this.flush();
            const trailer = Buffer.from(JSON.stringify({ version: 1, ...binding, tree, count: this.count, records: this.hash.digest('hex') }));
            const tail = Buffer.alloc(4);
            tail.writeUInt32LE(trailer.length);
            fsSync.writeSync(this.fd, Buffer.concat([trailer, tail, MAGIC]));
            fsSync.closeSync(this.fd);
            this.fd = undefined;
            await fs.rename(this.tmp, this.file);
        }
        catch (err) {
            this.fail(err);
            await this.abort();
        }
    }
    /** Leaves no index (the snapshot was not published, or the index could not be written). */
    async abort() {
        this.failed = true;
        if (this.fd !== undefined)
            fsSync.closeSync(this.fd);
        this.fd = undefined;
        await fs.rm(this.tmp, { force: true }).catch(() => { });
    }
    flush() {
        if (this.at === 0)
            return;
        const piece = this.buf.subarray(0, this.at);
        this.hash.update(piece);
        fsSync.writeSync(this.fd, piece);
        this.at = 0;
    }
    fail(err) {
        if (!this.failed)
            this.logger.debug(`could not save ${this.file} (${err.message}); the next incremental reads the manifest`);
        this.failed = true;
    }
}
/**
 * The contents kept at `file`, if it is an intact index of the snapshot and stored manifest
 * `expected` names; otherwise undefined (and the manifest is read).
 */
export async function readContentsFile(file, expected, logger) {
    try {
        const bytes = await readBounded(file);
        const end = bytes.length - MAGIC.length;
        if (end < 4 || !bytes.subarray(end).equals(MAGIC))
            throw new Error('not an index of contents');
        const trailerLength = bytes.readUInt32LE(end - 4);
        const recordsEnd = end - 4 - trailerLength;
        if (recordsEnd < 0)
            throw new Error('truncated');
        const t = JSON.parse(bytes.toString('utf8', recordsEnd, end - 4));
        const manifest = t.manifest;
        if (t.version !== 1 || typeof t.tree !== 'string' || !HEX64.test(t.tree) || !Number.isSafeInteger(t.count))
            throw new Error('not an index of contents');
        if (t.snapshot !== expected.snapshot || manifest?.size !== expected.manifest.size || manifest.sha256 !== expected.manifest.sha256) {
            logger.debug(`${file} is the index of another snapshot: the newest manifest will be read`);
            return undefined;
        }
        const records = bytes.subarray(0, recordsEnd);
        if (createHash('sha256').update(records).digest('hex') !== t.records)
            throw new Error('its records do not match their digest');
        const contents = new ParentContents(false, t.tree, t.count);
        const view = new DataView(records.buffer, records.byteOffset, records.length);
        let at = 0;
        for (let i = 0; i < t.count; i++) {
            const shaAt = at;
            at += 32 + 8 * FIELDS;
            const n = view.getUint32(at, true);
            const from = at + 4;
            at = from + n;
            if (at > recordsEnd)
                throw new Error('truncated records');
            contents.addContentBytes(records, shaAt, view, shaAt + 32, () => records.toString('utf8', from, from + n));
        }
        if (at !== recordsEnd)
            throw new Error('its records are not as many as it says');
        return contents;
    }
    catch (err) {
        if (err.code !== 'ENOENT')
            logger.debug(`ignoring ${file} (${err.message}): the newest manifest will be read`);
        return undefined;
    }
}
/** The file's bytes, read into one buffer of its size (no pieces joined). */
async function readBounded(file) {
    const fh = await fs.open(file, 'r');
    try {
        const { size } = await fh.stat();
        if (size > MAX_FILE_BYTES)
            throw new Error(`${size} bytes, more than an index can hold`);
        const out = Buffer.allocUnsafe(size);
        let got = 0;
        for (let n; got < size && (n = (await fh.read(out, got, size - got, got)).bytesRead) > 0;)
            got += n;
        if (got !== size)
            throw new Error('changed while read');
        return out;
    }
    finally {
        await fh.close();
    }
}
