import { MAX_META } from '../../snapshot/pack-limits.js';
import { Header, Parser } from 'tar';
import { decodeFrames } from '../../snapshot/codec.js';
import { assertSafeRelativePath } from '../../snapshot/entry-path.js';
import { IntegrityError, UnsafeEntryError } from '../../shared/errors.js';
import { META_DIR } from '../../snapshot/manifest.js';
import { inlineHasher, workerHasher } from '../../workers/offload-hash.js';
export const META_MEMBER = /^\.index-vault\/\d{8}T\d{9}Z-[0-9a-f]{8}\/pack-\d{3,6}(\.index)?\.json$/;
export { MAX_META };
/** Packs at least this large hash on a worker thread; below it the thread costs more than it saves. */
const OFFLOAD_BYTES = 32 * 1024 * 1024;
/**
 * Reads a pack (or a range of it) and checks every member against the manifest as it streams:
 * path shape, type, size, link target, sha256, no duplicates, nothing unlisted. The pack's own
 * sha256 and size are checked when it is read whole. Bytes reach `open`'s writers only after
 * their header passed these checks; their hash is checked before `close`.
 */
export async function readPack(opts) {
    const seen = new Set();
    // Large packs are hashed on a worker thread, beside decompression and writing.
    const offload = opts.offloadHash !== false && opts.pack.rawSize >= (opts.offloadBytes ?? OFFLOAD_BYTES);
    const hashers = [];
    const hasher = () => {
        if (!offload)
            return inlineHasher();
        const h = workerHasher();
        hashers.push(h);
        return h;
    };
    let compressedBytes = 0;
    const range = opts.only ? { offset: opts.only.offset, length: opts.only.length } : undefined;
    const hashPack = !range && opts.checkDigest !== false;
    const packHash = hashPack ? hasher() : undefined;
    const source = await opts.store.get(opts.key, range ? { range } : {});
    async function* tapped() {
        for await (const chunk of source) {
            compressedBytes += chunk.length;
            if (packHash)
                await packHash.update(chunk);
            yield chunk;
        }
    }
    let decoded = decodeFrames(opts.pack.codec, tapped(), opts.pack.rawSize);
    if (opts.only)
        decoded = selectWindows(decoded, opts.only.windows.map(([s, e]) => [s - opts.only.base, e - opts.only.base]));
    const parser = new Parser({ strict: true, zstd: false, brotli: false, maxMetaEntrySize: 1024 * 1024 });
    let failure;
    let wake;
    const fail = (err) => {
        failure ??= err;
        wake?.();
    };
    const work = [];
    parser.on('entry', (entry) => {
        work.push(handle(entry).catch((err) => {
            fail(err);
            entry.resume();
        }));
    });
    parser.on('error', (err) => fail(new IntegrityError(`pack ${opts.pack.name} is not a valid tar stream: ${err.message}`, { cause: err })));
    const ended = new Promise((resolve) => parser.once('end', resolve));
    async function handle(entry) {
        if (failure)
            return void entry.resume();
        const rawPath = entry.path;
        const isDir = entry.type === 'Directory';
        const path = isDir && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath;
        assertSafeRelativePath(path, `pack member in ${opts.pack.name}`);
        // The lanes refuse a global header outright; node-tar would apply it silently to what follows.
        if (entry.globalExtended)
            throw new UnsafeEntryError(`pack ${opts.pack.name} holds a pax global header before ${JSON.stringify(path)}`);
        if (seen.has(path))
            throw new UnsafeEntryError(`pack ${opts.pack.name} holds ${JSON.stringify(path)} twice`);
        seen.add(path);
        if (path.startsWith(`${META_DIR}/`)) {
            if (!META_MEMBER.test(path) || entry.type !== 'File' || entry.size > MAX_META) {
                throw new UnsafeEntryError(`unexpected metadata member ${JSON.stringify(path)} in ${opts.pack.name}`);
            }
            entry.resume();
            await new Promise((r) => entry.once('end', r));
            return;
        }
        const exp = opts.expected.get(path);
        const kind = entry.type === 'File' || entry.type === 'OldFile' || entry.type === 'ContiguousFile' ? 'file' : isDir ? 'dir' : entry.type === 'SymbolicLink' ? 'symlink' : undefined;
        if (kind === undefined)
            throw new UnsafeEntryError(`refusing ${entry.type} member ${JSON.stringify(path)} in ${opts.pack.name}: only files, directories and symlinks are restored`);
        if (!exp) {
            if (opts.strict)
                throw new UnsafeEntryError(`member ${JSON.stringify(path)} of ${opts.pack.name} is not listed in the manifest`);
            entry.resume();
            await new Promise((r) => entry.once('end', r));
            return;
        }
        if (exp.type !== kind)
            throw new UnsafeEntryError(`member ${JSON.stringify(path)} is a ${kind} in the pack but a ${exp.type} in the manifest`);
        if (kind === 'symlink') {
            if (entry.linkpath !== exp.target)
                throw new UnsafeEntryError(`symlink ${JSON.stringify(path)} points to ${JSON.stringify(entry.linkpath)} in the pack, ${JSON.stringify(exp.target)} in the manifest`);
            return void entry.resume(); // the parser waits for every entry to be drained
        }
        if (kind === 'dir')
            return void entry.resume();
        if (entry.size !== exp.size)
            throw new UnsafeEntryError(`member ${JSON.stringify(path)} has ${entry.size} bytes in the pack but ${exp.size} in the manifest`);
        const writer = await opts.open?.(exp);
        const hash = opts.checkContent === false ? undefined : hasher();
        let n = 0;
        try {
            for await (const chunk of entry) {
                if (failure)
                    throw failure;
                await hash?.update(chunk);
                n += chunk.length;
                if (writer)
                    await writer.write(chunk);
            }
            const sha = hash ? await hash.digest() : exp.sha256;
            if (n !== exp.size || sha !== exp.sha256) {
                throw new IntegrityError(`content of ${JSON.stringify(path)} does not match its sha256 in the manifest`, {
                    hint: 'the pack is damaged; run `index-vault verify` and restore another snapshot',
                    details: { path },
                });
            }
            await writer?.close();
        }
        catch (err) {
            await writer?.abort().catch(() => { });
            throw err;
        }
    }
    try {
        let first = true;
        for await (const raw of decoded) {
            if (failure)
                break;
            if (first) {
                // Never let the parser sniff and inflate a nested gzip stream: the first block must be a tar header.
                if (raw.length < 512 || !new Header(raw.subarray(0, 512)).cksumValid) {
                    throw new IntegrityError(`pack ${opts.pack.name} does not start with a tar header`, { hint: 'the pack is damaged' });
                }
                first = false;
            }
            opts.onBytes?.(raw.length);
            if (!parser.write(raw) && !failure) {
                await new Promise((resolve) => {
                    wake = resolve;
                    parser.once('drain', resolve);
                });
                wake = undefined;
            }
        }
        if (!failure) {
            parser.end();
            await Promise.race([ended, new Promise((r) => (wake = r))]);
        }
        await Promise.all(work);
    }
    catch (err) {
        fail(err);
        parser.abort(err);
        await Promise.allSettled(work);
    }
    const packDigest = packHash ? await packHash.digest().finally(() => hashers.forEach((h) => h.release())) : undefined;
    if (!hashPack)
        hashers.forEach((h) => h.release());
    if (failure)
        throw failure;
    if (!range) {
        if (compressedBytes !== opts.pack.size || (hashPack && packDigest !== opts.pack.sha256)) {
            throw new IntegrityError(`pack ${opts.pack.name} does not match its recorded ${hashPack ? 'size and sha256' : 'size'}`, {
                hint: 'the stored pack is damaged; run `index-vault verify` and restore another snapshot',
                details: { pack: opts.pack.name },
            });
        }
        if (opts.strict) {
            for (const m of opts.expected.keys()) {
                if (!seen.has(m))
                    throw new IntegrityError(`pack ${opts.pack.name} lacks ${JSON.stringify(m)}`, { details: { path: m } });
            }
        }
    }
    return seen;
}
/** Passes through only the [start, end) windows of a byte stream (positions relative to its start). */
async function* selectWindows(source, windows) {
    let pos = 0;
    let w = 0;
    for await (const chunk of source) {
        const end = pos + chunk.length;
        while (w < windows.length) {
            const [s, e] = windows[w];
            if (s >= end)
                break;
            const a = Math.max(s, pos) - pos;
            const b = Math.min(e, end) - pos;
            if (b > a)
                yield chunk.subarray(a, b);
            if (e <= end)
                w++;
            else
                break;
        }
        pos = end;
        if (w >= windows.length)
            return;
    }
    if (w < windows.length)
        throw new IntegrityError('a ranged read ended before the members it should hold', { hint: 'the pack is truncated' });
}
