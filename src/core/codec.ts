import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { IntegrityError, UnsupportedError } from './errors.js';
import type { Codec } from './manifest.js';
import { orderedMap } from './ordered-pool.js';
import { splitZstdFrames } from './zstd-frames.js';

const zstdCompress = promisify(zlib.zstdCompress);
const zstdDecompress = promisify(zlib.zstdDecompress);
const gzip = promisify(zlib.gzip);

export const CODECS: readonly Codec[] = ['zstd', 'gzip'];
export const DEFAULT_LEVEL: Record<Codec, number> = { zstd: 3, gzip: 6 };
export const LEVEL_RANGE: Record<Codec, [number, number]> = { zstd: [1, 19], gzip: [1, 9] };

/** Uncompressed bytes per frame: small enough to spread over cores, large enough to compress well. */
export const FRAME_BYTES = 4 * 1024 * 1024;
/** The most one frame may decode to (ours hold ~4 MiB): bounds memory against hostile frames. */
export const MAX_FRAME_RAW = 64 * 1024 * 1024;
/** Output buffer for decoding one frame: ours decode to FRAME_BYTES, so usually one buffer. */
const DECODE_CHUNK = FRAME_BYTES + 65536;
/** Frames decoded at once; libuv's pool has 4 threads, and reads need some too. */
export const CODEC_CONCURRENCY = 3;

export function packExtension(codec: Codec): string {
  return codec === 'zstd' ? '.tar.zst' : '.tar.gz';
}

/** zstd's fast mode: on bytes that do not compress it costs a third of level 3 for the same output. */
const INCOMPRESSIBLE_LEVEL = -5;

/**
 * Whether a frame looks like random bytes (encrypted, already compressed, quantized noise): a
 * chi-square test of byte frequencies over three 4 KiB samples. Uniform bytes score near 255;
 * anything a compressor could use scores far higher.
 */
export function looksIncompressible(raw: Buffer): boolean {
  if (raw.length < 64 * 1024) return false;
  const counts = new Uint32Array(256);
  const sample = 4096;
  for (const start of [0, (raw.length >> 1) - sample / 2, raw.length - sample]) {
    for (let i = start; i < start + sample; i++) counts[raw[i]!]!++;
  }
  const expected = (3 * sample) / 256;
  let chi = 0;
  for (const c of counts) chi += ((c - expected) * (c - expected)) / expected;
  return chi < 400;
}

/** Compresses one frame into a self-contained zstd frame or gzip member. */
export function compressFrame(codec: Codec, level: number, raw: Buffer): Promise<Buffer> {
  if (codec === 'zstd') {
    // Random-looking frames go through zstd's fast mode: same size, far less CPU.
    const effective = level > INCOMPRESSIBLE_LEVEL && looksIncompressible(raw) ? INCOMPRESSIBLE_LEVEL : level;
    return zstdCompress(raw, {
      // One output buffer for the whole frame: the default 16 KiB chunks cost a thread-pool
      // round trip and a main-thread callback each, which made compression main-thread bound.
      chunkSize: raw.length + 65536,
      params: {
        [zlib.constants.ZSTD_c_compressionLevel]: effective,
        // A per-frame checksum lets plain `zstd -d` and `tar --zstd` detect damage too.
        [zlib.constants.ZSTD_c_checksumFlag]: 1,
      },
    });
  }
  return gzip(raw, { level, chunkSize: raw.length + 65536 });
}

/**
 * Decodes a compressed pack (or a range of whole frames of one) into raw tar bytes.
 * `maxRaw` caps what is decoded in total: the manifest says how much there is, so a
 * decompression bomb stops at that count instead of filling the disk.
 */
export async function* decodeFrames(codec: Codec, compressed: AsyncIterable<Buffer>, maxRaw: number): AsyncGenerator<Buffer> {
  let total = 0;
  const guard = (buf: Buffer): Buffer => {
    total += buf.length;
    if (total > maxRaw) {
      throw new IntegrityError(`pack decodes to more than the ${maxRaw} bytes its manifest declares`, { hint: 'the pack is damaged or hostile' });
    }
    return buf;
  };
  if (codec === 'zstd') {
    const frames = orderedMap(splitZstdFrames(compressed), CODEC_CONCURRENCY, async (frame) => {
      try {
        return await zstdDecompress(frame, { maxOutputLength: MAX_FRAME_RAW, chunkSize: DECODE_CHUNK });
      } catch (err) {
        throw new IntegrityError(`a zstd frame does not decode: ${(err as Error).message}`, { cause: err, hint: 'the pack is damaged' });
      }
    });
    for await (const raw of frames) yield guard(raw);
    return;
  }
  if (codec === 'gzip') {
    // Node's gunzip reads concatenated members; we stream through it and count what comes out.
    const gunzip = zlib.createGunzip();
    const feed = (async () => {
      try {
        for await (const c of compressed) if (!gunzip.write(c)) await new Promise((r) => gunzip.once('drain', r));
        gunzip.end();
      } catch (err) {
        gunzip.destroy(err as Error);
      }
    })();
    try {
      for await (const raw of gunzip as AsyncIterable<Buffer>) yield guard(raw);
    } catch (err) {
      if (err instanceof IntegrityError) throw err;
      throw new IntegrityError(`the gzip stream does not decode: ${(err as Error).message}`, { cause: err, hint: 'the pack is damaged' });
    } finally {
      gunzip.destroy();
      await feed;
    }
    return;
  }
  throw new UnsupportedError(`unknown codec ${String(codec)}`);
}
