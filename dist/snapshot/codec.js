import os from 'node:os';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { IntegrityError, UnsupportedError } from '../shared/errors.js';
import { orderedMap } from '../shared/ordered-pool.js';
import { splitZstdFrames } from './zstd-frames.js';
import { CompressOutputs } from './compress-outputs.js';
const zstdCompress = promisify(zlib.zstdCompress);
const gzip = promisify(zlib.gzip);
export const CODECS = ['zstd', 'gzip'];
export const DEFAULT_LEVEL = { zstd: 3, gzip: 6 };
export const LEVEL_RANGE = { zstd: [1, 19], gzip: [1, 9] };
/** Uncompressed bytes per frame: small enough to spread over cores, large enough to compress well. */
export const FRAME_BYTES = 1024 * 1024;
/** The most one frame may decode to (ours hold 1 MiB): bounds memory against hostile frames. */
export const MAX_FRAME_RAW = 64 * 1024 * 1024;
/** Output buffer of a compression stream: more than a frame can compress to (zstd's bound for 1 MiB is ~4 KiB over). */
const COMPRESS_CHUNK = FRAME_BYTES + 65536;
/** Output buffer for decoding one frame: ours decode to FRAME_BYTES, so usually one buffer. */
const DECODE_CHUNK = FRAME_BYTES + 65536;
/**
 * Frames compressed or decoded at once: one per core (two at least, four at most: libuv's pool
 * has four threads, and reads and writes need some too). Each frame in flight holds its input,
 * its output and a zstd context, so more than the cores can run only costs memory.
 */
export const CODEC_CONCURRENCY = Math.max(2, Math.min(4, os.availableParallelism()));
export function packExtension(codec) {
    return codec === 'zstd' ? '.tar.zst' : '.tar.gz';
}
/** zstd's fast mode: on bytes that do not compress it costs a third of level 3 for the same output. */
const INCOMPRESSIBLE_LEVEL = -5;
/**
 * Whether a frame looks like random bytes (encrypted, already compressed, quantized noise): a
 * chi-square test of byte frequencies over three 4 KiB samples. Uniform bytes score near 255;
 * anything a compressor could use scores far higher.
 */
export function looksIncompressible(raw) {
    if (raw.length < 64 * 1024)
        return false;
    const counts = new Uint32Array(256);
    const sample = 4096;
    for (const start of [0, (raw.length >> 1) - sample / 2, raw.length - sample]) {
        for (let i = start; i < start + sample; i++)
            counts[raw[i]]++;
    }
    const expected = (3 * sample) / 256;
    let chi = 0;
    for (const c of counts)
        chi += ((c - expected) * (c - expected)) / expected;
    return chi < 400;
}
/** Compresses one frame into a self-contained zstd frame or gzip member. */
export function compressFrame(codec, level, raw) {
    if (codec === 'zstd') {
        return zstdCompress(raw, { chunkSize: raw.length + 65536, params: zstdParams(effectiveLevel(level, raw)) });
    }
    return gzip(raw, { level, chunkSize: raw.length + 65536 });
}
/** Random-looking frames go through zstd's fast mode: same size, less CPU. */
function effectiveLevel(level, raw) {
    return level > INCOMPRESSIBLE_LEVEL && looksIncompressible(raw) ? INCOMPRESSIBLE_LEVEL : level;
}
function zstdParams(level) {
    return {
        [zlib.constants.ZSTD_c_compressionLevel]: level,
        // A per-frame checksum lets plain `zstd -d` and `tar --zstd` detect damage too.
        [zlib.constants.ZSTD_c_checksumFlag]: 1,
    };
}
/**
 * Runs one frame through a long-lived zlib stream: writes its pieces, flushes, and returns what
 * came out by the time the flush ends. More than `limit` bytes out is refused as it grows. A
 * stream that failed is destroyed, never reused.
 */
async function throughStream(stream, input, flush, limit = Infinity) {
    const out = [];
    let size = 0;
    let onData;
    let onError;
    try {
        await new Promise((resolve, reject) => {
            onError = reject;
            onData = (b) => {
                out.push(b);
                size += b.length;
                if (size > limit)
                    reject(new IntegrityError(`a zstd frame decodes to more than ${limit} bytes`, { hint: 'the pack is damaged or hostile' }));
            };
            stream.on('data', onData);
            stream.once('error', onError);
            for (const piece of input)
                stream.write(piece);
            flush(resolve);
        });
    }
    catch (err) {
        stream.destroy();
        throw err;
    }
    finally {
        if (onData)
            stream.off('data', onData);
        if (onError)
            stream.off('error', onError);
    }
    return out;
}
/**
 * Compresses frames on long-lived zstd streams, each frame ended with ZSTD_e_end so it stands
 * alone. A one-shot call per frame builds and tears down a compression context each time (its
 * tables are megabytes, zeroed page by page by the kernel): reusing contexts cut a backup's CPU
 * by about a tenth and its system time by half. At most `concurrency` frames are in flight; each
 * runs on libuv's thread pool, so two cores compress at once.
 */
export class FrameCompressor {
    codec;
    level;
    idle = new Map();
    all = [];
    outputs = new CompressOutputs(COMPRESS_CHUNK);
    constructor(codec, level) {
        this.codec = codec;
        this.level = level;
    }
    /** One frame, as the buffers it came out in (concatenating them would cost a copy). */
    async compress(raw) {
        if (this.codec !== 'zstd')
            return [await compressFrame(this.codec, this.level, raw)];
        const level = effectiveLevel(this.level, raw);
        const pool = this.idle.get(level) ?? [];
        this.idle.set(level, pool);
        const stream = pool.pop() ?? this.open(level);
        const out = this.outputs.give(stream);
        const parts = await throughStream(stream, [raw], (done) => stream.flush(zlib.constants.ZSTD_e_end, done));
        if (out)
            this.outputs.handOut(out, parts);
        pool.push(stream);
        return parts;
    }
    /** The reader of a part `compress` returned is done with it: its memory may be written again (see CompressOutputs). */
    release(part) {
        this.outputs.release(part);
    }
    open(level) {
        // Output comes in slices of one buffer per stream: a frame rarely needs more than one.
        const stream = zlib.createZstdCompress({ chunkSize: COMPRESS_CHUNK, params: zstdParams(level) });
        this.all.push(stream);
        return stream;
    }
    /** Frees every context; the compressor is not used again. */
    close() {
        for (const s of this.all)
            s.destroy();
        this.all.length = 0;
        this.idle.clear();
    }
}
/**
 * Decodes whole zstd frames on long-lived streams (a fresh context per frame costs a
 * window's worth of newly faulted memory each time), one frame per stream at a time. A frame that
 * decodes to more than MAX_FRAME_RAW is refused as it grows, not after.
 */
export class FrameDecompressor {
    idle = [];
    all = [];
    async decompress(frame) {
        const stream = this.idle.pop() ?? this.open();
        let out;
        try {
            out = await throughStream(stream, frame, (done) => stream.flush(done), MAX_FRAME_RAW);
        }
        catch (err) {
            if (err instanceof IntegrityError)
                throw err;
            throw new IntegrityError(`a zstd frame does not decode: ${err.message}`, { cause: err, hint: 'the pack is damaged' });
        }
        this.idle.push(stream);
        return out;
    }
    open() {
        const stream = zlib.createZstdDecompress({ chunkSize: DECODE_CHUNK });
        this.all.push(stream);
        return stream;
    }
    close() {
        for (const s of this.all)
            s.destroy();
        this.all.length = 0;
        this.idle.length = 0;
    }
}
/**
 * Decodes a compressed pack (or a range of whole frames of one) into raw tar bytes.
 * `maxRaw` caps what is decoded in total: the manifest says how much there is, so a
 * decompression bomb stops at that count instead of filling the disk.
 */
export async function* decodeFrames(codec, compressed, maxRaw) {
    let total = 0;
    const guard = (buf) => {
        total += buf.length;
        if (total > maxRaw) {
            throw new IntegrityError(`pack decodes to more than the ${maxRaw} bytes its manifest declares`, {
                hint: 'the pack is damaged or hostile',
            });
        }
        return buf;
    };
    if (codec === 'zstd') {
        const decoder = new FrameDecompressor();
        try {
            for await (const raw of orderedMap(splitZstdFrames(compressed), CODEC_CONCURRENCY, (frame) => decoder.decompress(frame))) {
                for (const part of raw)
                    yield guard(part);
            }
        }
        finally {
            decoder.close();
        }
        return;
    }
    if (codec === 'gzip') {
        // Node's gunzip reads concatenated members; we stream through it and count what comes out.
        const gunzip = zlib.createGunzip();
        const feed = (async () => {
            try {
                for await (const c of compressed)
                    if (!gunzip.write(c))
                        await new Promise((r) => gunzip.once('drain', r));
                gunzip.end();
            }
            catch (err) {
                gunzip.destroy(err);
            }
        })();
        try {
            for await (const raw of gunzip)
                yield guard(raw);
        }
        catch (err) {
            if (err instanceof IntegrityError)
                throw err;
            throw new IntegrityError(`the gzip stream does not decode: ${err.message}`, { cause: err, hint: 'the pack is damaged' });
        }
        finally {
            gunzip.destroy();
            await feed;
        }
        return;
    }
    throw new UnsupportedError(`unknown codec ${String(codec)}`);
}
