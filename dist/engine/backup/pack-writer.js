import { createHash, hash } from 'node:crypto';
import fsSync, {} from 'node:fs';
import fs, {} from 'node:fs/promises';
import { Header, Pax } from 'tar';
import { CODEC_CONCURRENCY, FrameCompressor, FRAME_BYTES } from '../../snapshot/codec.js';
import { permissionBits } from '../../snapshot/entry-mode.js';
import { ChangedError, ioError } from '../../shared/errors.js';
import { META_DIR } from '../../snapshot/manifest.js';
import { orderedMap } from '../../shared/ordered-pool.js';
import { ReadHasher } from '../../workers/read-hasher.js';
import { SCANNED_READ_FLAGS } from '../../workers/whole-file-hash.js';
import { sameStamp } from '../../fs-safety/hash-cache.js';
import { isScannedFile, replacedError } from '../../fs-safety/scanned-file.js';
import { FrameCutter } from './frame-cutter.js';
import { frameStartsOf, locationOf } from './frame-location.js';
import { TYPEFLAG, writeUstarHeader } from './ustar-header.js';
import { bufferedPieces, jsonElementPieces } from '../../shared/json-pieces.js';
const ZERO = Buffer.alloc(1024);
/** Names of the pack's own metadata members, under the reserved directory. */
export function packMetaPaths(snapshotId, index) {
    const n = String(index).padStart(3, '0');
    return { descriptor: `${META_DIR}/${snapshotId}/pack-${n}.json`, listing: `${META_DIR}/${snapshotId}/pack-${n}.index.json` };
}
/** One tar record header (plus a pax header when a field does not fit ustar), via node-tar. */
export function tarHeader(data) {
    // A path that cannot fit ustar's name and prefix fields goes in the pax header only: node-tar's
    // search for a split costs the square of the path's length.
    const long = data.path !== undefined && Buffer.byteLength(data.path) > 256;
    const header = new Header({ uid: 0, gid: 0, uname: '', gname: '', ...data, ...(long ? { path: data.path.slice(0, 99) } : {}) });
    const block = Buffer.alloc(512);
    if (header.encode(block, 0) || long) {
        const pax = new Pax({ path: data.path, linkpath: data.linkpath, size: data.size, mtime: data.mtime }).encode();
        return Buffer.concat([pax, block]);
    }
    return block;
}
/**
 * A member's header: written in place by the fast encoder when plain ustar fields hold it, else
 * by `tarHeader` (the reference, which the fast one matches byte for byte).
 */
function memberHeader(state, path, type, mode, size, mtimeMs, linkpath) {
    if (writeUstarHeader(state.header, path, TYPEFLAG[type], mode, size, mtimeMs, linkpath))
        return state.header;
    return tarHeader({ path, type, mode, size, mtime: new Date(mtimeMs), ...(linkpath === undefined ? {} : { linkpath }) });
}
/** The zeros that pad a record of each length to 512 bytes, made once: not a Buffer per file. */
const PADDINGS = Array.from({ length: 512 }, (_, rem) => ZERO.subarray(0, rem === 0 ? 0 : 512 - rem));
function padding(size) {
    return PADDINGS[size % 512];
}
/**
 * Writes one pack: a descriptor member first, then the items, then a listing of what the pack
 * holds (with every file's sha256), then the tar end blocks. The tar stream is cut into frames
 * of exactly FRAME_BYTES, each compressed on its own, so frames are compressed on all cores and
 * any member can later be read by fetching just the frames that hold it.
 */
export async function writePack(opts) {
    const reader = opts.reader ?? new ReadHasher();
    const state = {
        opts,
        reader,
        cut: new FrameCutter(reader, opts.onBytes),
        files: [],
        spans: [],
        proven: [],
        header: Buffer.alloc(512),
    };
    const frameSizes = [];
    const packHash = createHash('sha256');
    const compressor = new FrameCompressor(opts.codec, opts.level);
    async function* compressed() {
        const compress = async (raw) => {
            const out = await compressor.compress(raw);
            reader.recycle(raw);
            return out;
        };
        for await (const parts of orderedMap(rawFrames(state), CODEC_CONCURRENCY, compress)) {
            let size = 0;
            for (const part of parts) {
                packHash.update(part);
                size += part.length;
                yield part;
            }
            frameSizes.push(size);
        }
    }
    let stored;
    try {
        stored = await opts.store.put(opts.key, compressed(), {
            readBack: opts.readBack,
            deferDurable: true,
            // Only a store that releases parts itself: a wrapper passing its options on may still hold them.
            ...(opts.store.releasesParts === true ? { release: (part) => compressor.release(part) } : {}),
        });
    }
    finally {
        compressor.close();
        if (!opts.reader)
            await reader.close();
    }
    locate(state.files, state.spans, frameSizes);
    return {
        info: {
            codec: opts.codec,
            name: opts.name,
            origin: opts.snapshotId,
            rawSize: state.cut.rawPos,
            sha256: packHash.digest('hex'),
            size: stored.size,
        },
        readBack: stored.readBack === true,
        durable: stored.durable ?? Promise.resolve(),
        files: state.files,
        proven: state.proven,
        frameSizes,
    };
}
/** The whole tar stream of a pack, as raw frames. */
async function* rawFrames(state) {
    const { opts, cut, files } = state;
    const meta = packMetaPaths(opts.snapshotId, opts.index);
    const descriptor = Buffer.from(JSON.stringify({
        format: 'index-vault.pack',
        formatVersion: 1,
        tool: opts.tool,
        snapshot: opts.snapshotId,
        series: opts.series,
        kind: opts.kind,
        pack: opts.name,
        index: opts.index,
        createdAt: opts.createdAt,
        listing: meta.listing,
    }) + '\n');
    for (const b of metaMember(meta.descriptor, descriptor, opts.createdAt))
        cut.put(b);
    for (const item of opts.items) {
        if (item.type === 'dir') {
            cut.put(memberHeader(state, `${item.path}/`, 'Directory', item.mode, 0, item.mtimeMs));
        }
        else if (item.type === 'symlink') {
            cut.put(memberHeader(state, item.path, 'SymbolicLink', 0o777, 0, item.mtimeMs, item.target));
        }
        else if (item.content) {
            storedContent(state, item, item.content);
        }
        else {
            // Most files fit one frame and are read with plain calls; a larger one is streamed.
            if (!readWhole(state, item))
                yield* readFile(state, item);
        }
        if (cut.hasReady)
            yield* cut.drain();
    }
    // The listing's long array is written a slice at a time (json-pieces.ts); the rest around it.
    const head = JSON.stringify({ format: 'index-vault.pack-index', formatVersion: 2, snapshot: opts.snapshotId, pack: opts.name });
    const listing = bufferedPieces([`${head.slice(0, -1)},"files":`], jsonElementPieces(listedFiles(files), (slice) => JSON.stringify(slice)), ['}\n']);
    for (const b of metaMember(meta.listing, listing, opts.createdAt))
        cut.put(b);
    cut.put(ZERO);
    yield* cut.end();
}
function* listedFiles(files) {
    for (const f of files)
        yield listed(f);
}
/** A file as the pack's listing names it: the fields (in the order) every listing has had. */
function listed(f) {
    return { path: f.path, type: 'file', size: f.size, exec: f.exec, mode: f.mode, mtimeMs: f.mtimeMs, sha256: f.sha256 };
}
/** A member of the pack's own: `body` whole, or as the buffers that join to it (not copied into one). */
function metaMember(path, body, createdAt) {
    const parts = Array.isArray(body) ? body : [body];
    const size = parts.reduce((n, b) => n + b.length, 0);
    return [tarHeader({ path, type: 'File', mode: 0o644, size, mtime: new Date(createdAt) }), ...parts, padding(size)];
}
/** Bytes already read (an index's commit file): stored as they are. */
function storedContent(state, item, data) {
    const { cut } = state;
    const start = cut.rawPos;
    const mtimeMs = item.mtimeMs ?? Date.now();
    const mode = item.mode ?? 0o644;
    cut.put(memberHeader(state, item.path, 'File', mode, data.length, mtimeMs));
    cut.put(data);
    cut.put(padding(data.length));
    state.opts.onBytes?.(data.length);
    state.files.push({
        exec: (mode & 0o111) !== 0,
        loc: UNPLACED,
        mode,
        mtimeMs,
        path: item.path,
        sha256: createHash('sha256').update(data).digest('hex'),
        size: data.length,
        type: 'file',
    });
    state.proven.push(false);
    state.spans.push(start, cut.rawPos);
}
function readTries(state) {
    return Math.max(1, (state.opts.rereads ?? 3) + 1);
}
/** A file of at most one frame, read whole with plain system calls (again if it changed): false for a larger one. */
function readWhole(state, item) {
    const tries = readTries(state);
    for (let attempt = 1;; attempt++) {
        // The first read of a scanned file needs no stat before it when the one after equals the scan's.
        const read = (attempt === 1 ? readScannedWhole(state, item) : undefined) ?? readSmallWhole(state, item);
        if (read === undefined)
            return false; // larger than a frame: streamed by readFile
        const start = state.cut.rawPos;
        if (!emitSmall(state, item, read, { attempt, tries }))
            continue;
        state.spans.push(start, state.cut.rawPos);
        return true;
    }
}
/** A file `readWhole` found larger than a frame: streamed (or, if it has shrunk since, read whole after all). */
async function* readFile(state, item) {
    const tries = readTries(state);
    for (let attempt = 1;; attempt++) {
        let fh;
        try {
            fh = await fs.open(item.absPath, SCANNED_READ_FLAGS);
        }
        catch (err) {
            throw ioError(err, 'cannot open', item.absPath);
        }
        try {
            const before = await fh.stat({ bigint: true });
            if (item.stamp && !isScannedFile(before, item.stamp))
                throw replacedError(item.path);
            const start = state.cut.rawPos;
            if (Number(before.size) <= FRAME_BYTES) {
                if (!(yield* smallFile(state, item, fh, before, { attempt, tries })))
                    continue;
            }
            else {
                yield* largeFile(state, item, fh, before);
            }
            state.spans.push(start, state.cut.rawPos);
            return;
        }
        catch (err) {
            throw ioError(err, 'cannot read', item.absPath);
        }
        finally {
            await fh.close();
        }
    }
}
/** The header of a file read from disk, from its stat before the read; the entry then says the same. */
function fileHeader(state, item, before, size) {
    return memberHeader(state, item.path, 'File', permissionBits(before.mode), size, mtimeMsOf(before));
}
/** Whole milliseconds of a bigint stat's mtime, towards zero (as the entry and the header have always had it). */
function mtimeMsOf(st) {
    return Number(st.mtimeNs / 1000000n);
}
/** Notes a file just put into the pack, and whether its read proved the scanned stamp. */
function addFile(state, item, before, sha256) {
    state.files.push(fileEntry(item.path, before, sha256));
    state.proven.push(item.stamp !== undefined && sameStamp(before, item.stamp));
}
/**
 * The common case of `readSmallWhole`, one system call fewer: a file whose scanned stamp says it
 * fits one frame, read whole, then stat'ed once. If that stat equals the scan's stamp (size,
 * mtime and ctime to the nanosecond, inode), nothing changed the file from the scan to the end of
 * the read, which is what a stat before the read equal to the one after (and to the scan's)
 * proves in `readSmallWhole`; that stat then stands for both. Any other outcome (no stamp, a
 * larger file, a stat that differs, a short read) is undefined, and the file is read again the
 * general way, which decides as it always has.
 */
function readScannedWhole(state, item) {
    const stamp = item.stamp;
    if (stamp === undefined || stamp.size > BigInt(FRAME_BYTES))
        return undefined;
    const size = Number(stamp.size);
    let fd;
    try {
        fd = fsSync.openSync(item.absPath, SCANNED_READ_FLAGS);
    }
    catch (err) {
        throw ioError(err, 'cannot open', item.absPath);
    }
    try {
        const data = (state.scratch ??= Buffer.allocUnsafe(FRAME_BYTES)).subarray(0, size);
        let got = 0;
        while (got < size) {
            const n = fsSync.readSync(fd, data, got, size - got, got);
            if (n === 0)
                break;
            got += n;
        }
        const after = fsSync.fstatSync(fd, { bigint: true });
        if (got !== size || !sameStamp(after, stamp))
            return undefined;
        return { before: after, after, data, got };
    }
    catch {
        // Read again the general way, which stats first (what took the file's name is refused, not
        // read: a FIFO cannot be read at an offset) and reports any error of a file that is the scan's.
        return undefined;
    }
    finally {
        fsSync.closeSync(fd);
    }
}
/** A file of at most one frame, read whole with its stat before and after; undefined for a larger one. */
function readSmallWhole(state, item) {
    let fd;
    try {
        fd = fsSync.openSync(item.absPath, SCANNED_READ_FLAGS);
    }
    catch (err) {
        throw ioError(err, 'cannot open', item.absPath);
    }
    try {
        const before = fsSync.fstatSync(fd, { bigint: true });
        if (item.stamp && !isScannedFile(before, item.stamp))
            throw replacedError(item.path);
        const size = Number(before.size);
        if (size > FRAME_BYTES)
            return undefined;
        const data = (state.scratch ??= Buffer.allocUnsafe(FRAME_BYTES)).subarray(0, size);
        let got = 0;
        while (got < size) {
            const n = fsSync.readSync(fd, data, got, size - got, got);
            if (n === 0)
                break;
            got += n;
        }
        return { before, after: fsSync.fstatSync(fd, { bigint: true }), data, got };
    }
    catch (err) {
        throw ioError(err, 'cannot read', item.absPath);
    }
    finally {
        fsSync.closeSync(fd);
    }
}
/** Emits a small file read whole, if it did not change while read: false asks for another try. */
function emitSmall(state, item, { before, after, data, got }, { attempt, tries }) {
    const size = Number(before.size);
    // One call, no Hash object per file.
    const sha = hash('sha256', got === data.length ? data : data.subarray(0, got), 'hex');
    const changed = got !== size || !sameStat(before, after) || (item.expectedSha256 !== undefined && sha !== item.expectedSha256);
    if (changed) {
        if (attempt < tries)
            return false;
        throw new ChangedError(`${item.path} kept changing while it was being read (${tries} tries)`, changedHint(item.path));
    }
    state.opts.onBytes?.(size);
    state.cut.put(fileHeader(state, item, before, size));
    state.cut.put(data);
    state.cut.put(padding(size));
    addFile(state, item, before, sha);
    return true;
}
/** Small files are read whole before anything is emitted, so a change can be retried: false asks for another try. */
async function* smallFile(state, item, fh, before, { attempt, tries }) {
    const { cut } = state;
    const size = Number(before.size);
    const hash = createHash('sha256');
    const data = Buffer.allocUnsafe(size);
    let got = 0;
    while (got < size) {
        const { bytesRead } = await fh.read(data, got, size - got, got);
        if (bytesRead === 0)
            break;
        got += bytesRead;
    }
    const after = await fh.stat({ bigint: true });
    const sha = hash.update(data.subarray(0, got)).digest('hex');
    const changed = got !== size || !sameStat(before, after) || (item.expectedSha256 !== undefined && sha !== item.expectedSha256);
    if (changed) {
        if (attempt < tries)
            return false;
        throw new ChangedError(`${item.path} kept changing while it was being read (${tries} tries)`, changedHint(item.path));
    }
    state.opts.onBytes?.(size);
    cut.put(fileHeader(state, item, before, size));
    cut.put(data);
    cut.put(padding(size));
    addFile(state, item, before, sha);
    if (cut.hasReady)
        yield* cut.drain();
    return true;
}
/** A large file goes into the stream as it is read: a change found afterwards fails the pack. */
async function* largeFile(state, item, fh, before) {
    const { cut, reader } = state;
    const size = Number(before.size);
    cut.put(fileHeader(state, item, before, size));
    const hash = reader.begin();
    let read = false;
    try {
        yield* cut.streamLarge(fh, size, hash, item.path, changedHint);
        read = true;
    }
    finally {
        if (!read)
            await reader.drop(hash).catch(() => { }); // the failure that got here is the one to report
    }
    const sha = await reader.digest(hash);
    const after = await fh.stat({ bigint: true });
    if (!sameStat(before, after) || (item.expectedSha256 !== undefined && sha !== item.expectedSha256)) {
        // Its bytes are already in the stream: a torn copy must not be published.
        throw new ChangedError(`${item.path} changed while it was being read`, changedHint(item.path));
    }
    cut.put(padding(size));
    addFile(state, item, before, sha);
    if (cut.hasReady)
        yield* cut.drain();
}
/** Turns each file's raw span into the compressed range of the frames that hold it. */
function locate(files, spans, frameSizes) {
    const frameStarts = frameStartsOf(frameSizes);
    files.forEach((f, i) => {
        const start = spans[2 * i];
        const { length, offset, raw, skip, span } = locationOf(start, spans[2 * i + 1] - start, frameStarts);
        f.loc = { length, offset, pack: -1, raw, skip, span };
    });
}
/** A file's location before its pack is placed (replaced, never changed in place). */
const UNPLACED = Object.freeze({ length: 0, offset: 0, pack: -1, raw: 0, skip: 0, span: 0 });
function sameStat(a, b) {
    return sameStamp(a, b);
}
function fileEntry(path, st, sha256) {
    // Keys in sorted order, here and in every manifest object a backup builds: its canonical text is then JSON.stringify's.
    return {
        exec: (Number(st.mode) & 0o111) !== 0,
        loc: UNPLACED,
        mode: permissionBits(st.mode),
        mtimeMs: mtimeMsOf(st),
        path,
        sha256,
        size: Number(st.size),
        type: 'file',
    };
}
function changedHint(path) {
    return {
        hint: 'something is writing to the index; back up after the writer has finished (or with the index-aware format)',
        details: { path, remedy: 'format-aware' },
    };
}
