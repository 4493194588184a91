import zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIndexVaultError } from '../src/shared/errors.js';
import { MAX_FRAME_BYTES, splitZstdFrames } from '../src/snapshot/zstd-frames.js';
import { seededBytes } from './support/fixtures.js';

/** Feeds `data` to the splitter cut at `cuts` (positions), and returns the frames it yields, each joined. */
async function split(data: Buffer, cuts: number[] = []): Promise<Buffer[]> {
  const at = [...new Set(cuts.filter((c) => c > 0 && c < data.length))].sort((a, b) => a - b);
  async function* chunks(): AsyncGenerator<Buffer> {
    let prev = 0;
    for (const c of [...at, data.length]) {
      yield data.subarray(prev, c);
      prev = c;
    }
  }
  const out: Buffer[] = [];
  for await (const parts of splitZstdFrames(chunks())) out.push(Buffer.concat(parts));
  return out;
}

async function refusal(data: Buffer | AsyncIterable<Buffer>): Promise<string> {
  try {
    if (Buffer.isBuffer(data)) await split(data);
    else for await (const _ of splitZstdFrames(data)) void _;
  } catch (err) {
    expect(isIndexVaultError(err, 'E_INTEGRITY'), String(err)).toBe(true);
    return (err as Error).message;
  }
  throw new Error('not refused');
}

const zstd = (raw: Buffer, checksum = true, level = 3): Buffer =>
  zlib.zstdCompressSync(raw, {
    params: { [zlib.constants.ZSTD_c_compressionLevel]: level, [zlib.constants.ZSTD_c_checksumFlag]: checksum ? 1 : 0 },
  });

/** A skippable frame: magic 0x184D2A5?, a 4-byte length, that many bytes. */
const skippable = (n: number, nibble = 0): Buffer => {
  const b = Buffer.alloc(8 + n, 0xab);
  b.writeUInt32LE(0x184d2a50 + nibble, 0);
  b.writeUInt32LE(n, 4);
  return b;
};

/** Contents that make each kind of block: compressed (text), raw (random), RLE (one byte repeated), empty. */
const content = fc.oneof(
  fc.integer({ min: 0, max: 300_000 }).map((n) => Buffer.from('the quick brown fox '.repeat(Math.ceil(n / 20)).slice(0, n))),
  fc.tuple(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 0, max: 300_000 })).map(([seed, n]) => seededBytes(seed, n)),
  fc.integer({ min: 0, max: 300_000 }).map((n) => Buffer.alloc(n, 7)),
);

describe('splitting a zstd stream into frames', () => {
  it('yields exactly the frames that were concatenated, however the input is chunked (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(content, fc.boolean(), fc.constantFrom(-5, 1, 3)), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        async (parts, cuts) => {
          const frames = parts.map(([raw, sum, level]) => zstd(raw, sum, level));
          const data = Buffer.concat(frames);
          const got = await split(
            data,
            cuts.map((c) => c % (data.length + 1)),
          );
          expect(got.length).toBe(frames.length);
          got.forEach((f, i) => expect(f.equals(frames[i]!)).toBe(true));
          // Each frame decodes on its own to what went in.
          got.forEach((f, i) => expect(zlib.zstdDecompressSync(f).equals(parts[i]![0])).toBe(true));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('cuts a one-byte-at-a-time stream the same way', async () => {
    const frames = [zstd(Buffer.from('a')), zstd(Buffer.alloc(200_000)), skippable(3, 0xf), zstd(seededBytes(1, 20_000), false)];
    const data = Buffer.concat(frames);
    const got = await split(
      data,
      Array.from({ length: data.length }, (_, i) => i),
    );
    expect(got.map((f) => f.toString('hex'))).toEqual(frames.map((f) => f.toString('hex')));
  });

  it('passes skippable frames through as frames of their own', async () => {
    const frames = [skippable(0), zstd(Buffer.from('x')), skippable(17, 5)];
    expect((await split(Buffer.concat(frames))).map((f) => f.length)).toEqual(frames.map((f) => f.length));
  });

  it('yields nothing for an empty stream', async () => {
    expect(await split(Buffer.alloc(0))).toEqual([]);
  });

  it('refuses what is not a whole zstd frame with E_INTEGRITY', async () => {
    const good = zstd(Buffer.from('hello hello hello'));
    expect(await refusal(Buffer.from('not zstd at all'))).toMatch(/not a zstd frame/);
    expect(await refusal(Buffer.concat([good, Buffer.from([0x00])]))).toMatch(/pack ends inside a zstd frame/);
    for (let n = 1; n < good.length; n++) expect(await refusal(good.subarray(0, n))).toMatch(/ends inside|not a zstd frame/);
    const reserved = Buffer.from(good);
    reserved[4]! |= 0x08;
    expect(await refusal(reserved)).toMatch(/reserved bit/);
    // The first block header follows the frame header: make its type 3 (reserved).
    const fhd = good[4]!;
    const headerLen = 5 + ((fhd >> 5) & 1 ? 0 : 1) + [0, 1, 2, 4][fhd & 3]! + (fhd >> 6 === 0 ? (fhd >> 5) & 1 : [0, 2, 4, 8][fhd >> 6]!);
    const badBlock = Buffer.from(good);
    badBlock[headerLen]! |= 0b110;
    expect(await refusal(badBlock)).toMatch(/reserved type/);
  });

  it(`refuses a frame larger than ${MAX_FRAME_BYTES} bytes as it grows, without holding it`, async () => {
    const zeros = Buffer.alloc(1024 * 1024);
    async function* huge(): AsyncGenerator<Buffer> {
      yield skippable(0).subarray(0, 4);
      const len = Buffer.alloc(4);
      len.writeUInt32LE(0xffffffff);
      yield len;
      for (let i = 0; i < 80; i++) yield zeros;
    }
    expect(await refusal(huge())).toMatch(/larger than/);
  });
});
