import { createHash, randomBytes } from 'node:crypto';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../fs-safety/private-files.js';
import { onStop } from '../shared/interrupt.js';
const MAGIC = Buffer.from('IVCONTS1');
const FIELDS = 7;
/** Far more than the index of the largest manifest a reader accepts. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024 - 1;
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
    /** Removes the temporary file if the process is stopped before it is put in place or left. */
    forgetStop = () => { };
    constructor(file, logger) {
        this.file = file;
        this.logger = logger;
        this.tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    }
    static async open(file, logger) {
        const w = new ContentsWriter(file, logger);
        try {
            const dir = path.dirname(file);
            await makePrivateDir(dir);
            // The backup holds the source's lock: a temporary index of it left here is a stopped or crashed run's.
            const stale = `${path.basename(file)}.`;
            for (const name of await fs.readdir(dir))
                if (name.startsWith(stale) && name.endsWith('.tmp'))
                    await fs.rm(path.join(dir, name), { force: true });
            w.fd = fsSync.openSync(w.tmp, 'wx', PRIVATE_FILE_MODE);
            w.forgetStop = onStop(() => w.abort());
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
            this.forgetStop();
        }
        catch (err) {
            this.fail(err);
            await this.abort();
        }
    }
    /** Leaves no index (the snapshot was not published, or the index could not be written). */
    async abort() {
        this.failed = true;
        this.forgetStop();
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
/** Bytes of a record before its name: sha256, the numbers, the name's length. */
export const RECORD_HEAD = 32 + 8 * FIELDS + 4;
/** More than any trailer. */
const MAX_TRAILER = 64 * 1024;
/** The trailer at the end of the index, checked for its fields' types. */
export async function readTrailer(fh, size) {
    const tailLength = Math.min(size, MAX_TRAILER);
    const tail = Buffer.alloc(tailLength);
    const { bytesRead } = await fh.read(tail, 0, tailLength, size - tailLength);
    const end = bytesRead - MAGIC.length;
    if (bytesRead !== tailLength || end < 4 || !tail.subarray(end).equals(MAGIC))
        throw new Error('not an index of contents');
    const length = tail.readUInt32LE(end - 4);
    const start = end - 4 - length;
    if (start < 0)
        throw new Error('truncated');
    const t = JSON.parse(tail.toString('utf8', start, end - 4));
    const m = t.manifest;
    const hex = (v) => typeof v === 'string' && HEX64.test(v);
    if (t.version !== 1 || typeof t.snapshot !== 'string' || !hex(t.tree) || !hex(t.records) || !Number.isSafeInteger(t.count))
        throw new Error('not an index of contents');
    if (typeof m !== 'object' || m === null || !Number.isSafeInteger(m.size) || !hex(m.sha256))
        throw new Error('not an index of contents');
    const recordsEnd = size - tailLength + start;
    // Every record takes RECORD_HEAD bytes at least: a count past that is damage (and would make room for nothing).
    if (t.count < 0 || t.count * RECORD_HEAD > recordsEnd)
        throw new Error('not an index of contents');
    return {
        snapshot: t.snapshot,
        manifest: { size: m.size, sha256: m.sha256 },
        tree: t.tree,
        count: t.count,
        records: t.records,
        recordsEnd,
    };
}
