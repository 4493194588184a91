import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  checkAllPresent,
  checkContent,
  checkMember,
  checkPlacement,
  checkUnique,
  type MemberContext,
} from '../src/snapshot/member-check.js';
import type { MemberExpectation } from '../src/snapshot/member-expectation.js';
import {
  checksumValid,
  isZeroBlock,
  numericField,
  padding,
  parseHeader,
  parsePax,
  withPax,
  type TarHeader,
} from '../src/snapshot/tar-header.js';
import { FrameWalker, MAX_FRAME_BYTES, splitZstdFrames } from '../src/snapshot/zstd-frames.js';
import { FrameDecoder, OverCap } from '../src/workers/frame-decoder.js';
import { record, sha } from './support/craft.js';

/** A pax body as a writer lays it out: each record prefixed with its own length. */
const paxBody = (attrs: Record<string, string>) =>
  Buffer.from(
    Object.entries(attrs)
      .map(([k, v]) => {
        const line = ` ${k}=${v}\n`;
        let n = line.length + 1;
        while (String(n).length + line.length !== n) n = String(n).length + line.length;
        return `${n}${line}`;
      })
      .join(''),
  );
const header = (data: Parameters<typeof record>[0]) => record(data).subarray(0, 512);

describe('tar header parser', () => {
  it('reads name, type, size and link target, and checks the checksum', () => {
    const h = header({ path: 'dir/a.txt', type: 'File', size: 1234 });
    expect(checksumValid(h)).toBe(true);
    expect(parseHeader(h)).toEqual({ flag: '0', name: 'dir/a.txt', linkpath: '', size: 1234 });
    const l = header({ path: 'l', type: 'SymbolicLink', linkpath: '../t' });
    expect(parseHeader(l)).toMatchObject({ flag: '2', name: 'l', linkpath: '../t', size: 0 });
    const bad = Buffer.from(h);
    bad[0] = 0x41;
    expect(checksumValid(bad)).toBe(false);
  });

  it('joins the ustar prefix to the name', () => {
    const long = `${'p'.repeat(120)}/${'n'.repeat(90)}`;
    const h = header({ path: long, type: 'File', size: 1 });
    expect(parseHeader(h).name).toBe(long);
  });

  it('reads octal and base-256 numbers, and says NaN for garbage', () => {
    const b = Buffer.alloc(12);
    b.write('0000017\0', 0, 'latin1');
    expect(numericField(b, 0, 12)).toBe(15);
    const big = Buffer.alloc(12);
    big[0] = 0x80;
    big.writeUIntBE(2 ** 40, 6, 6);
    expect(numericField(big, 0, 12)).toBe(2 ** 40);
    expect(numericField(Buffer.from('12x45678\0\0\0\0'), 0, 12)).toBeNaN();
    expect(numericField(Buffer.alloc(12), 0, 12)).toBe(0);
  });

  it('parses pax records, applies path, linkpath and size, and refuses a malformed record', () => {
    const pax = parsePax(paxBody({ path: 'a/b/c.txt', linkpath: 'xy', size: '600' }))!;
    expect({ ...pax }).toEqual({ path: 'a/b/c.txt', linkpath: 'xy', size: '600' });
    const h: TarHeader = { flag: '0', name: 'short', linkpath: '', size: 4 };
    expect(withPax(h, pax)).toEqual({ flag: '0', name: 'a/b/c.txt', linkpath: 'xy', size: 600 });
    expect(withPax(h, undefined)).toBe(h);
    expect(parsePax(Buffer.from('99 path=x\n'))).toBeUndefined(); // length past the body
    expect(parsePax(Buffer.from('10 path=x!'))).toBeUndefined(); // no newline
    expect(parsePax(Buffer.from('x path=y\n'))).toBeUndefined();
    // A __proto__ key is a plain attribute, never a prototype.
    const proto = parsePax(paxBody(Object.fromEntries([['__proto__', 'polluted']])))!;
    expect(proto.__proto__).toBe('polluted');
    expect(Object.getPrototypeOf(proto)).toBeNull();
  });

  it('knows zero blocks and padding', () => {
    expect(isZeroBlock(Buffer.alloc(512))).toBe(true);
    expect(isZeroBlock(header({ path: 'a', type: 'File' }))).toBe(false);
    expect([0, 1, 511, 512, 513].map(padding)).toEqual([0, 511, 1, 0, 511]);
  });
});

describe('member checks', () => {
  const file: MemberExpectation = { member: 'a.txt', type: 'file', size: 4, sha256: sha('fine'), raw: 1024 };
  const dir: MemberExpectation = { member: 'd', type: 'dir' };
  const link: MemberExpectation = { member: 'l', type: 'symlink', target: 'a.txt' };
  const ctx = (strict = true): MemberContext => {
    const m = new Map([file, dir, link].map((e) => [e.member, e]));
    return { packName: 'p.tar.zst', strict, expected: (n) => m.get(n), seen: new Set() };
  };
  const h = (flag: string, name: string, size = 0, linkpath = ''): TarHeader => ({ flag, name, size, linkpath });
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      return { code: (err as { code: string }).code, message: (err as Error).message };
    }
    throw new Error('accepted');
  };

  it('accepts a listed file, directory (trailing slash) and symlink, and reads only files', () => {
    const c = ctx();
    expect(checkMember(h('0', 'a.txt', 4), 1024, c)).toEqual({ name: 'a.txt', file });
    expect(checkMember(h('5', 'd/'), 0, c)).toEqual({ name: 'd' });
    expect(checkMember(h('2', 'l', 0, 'a.txt'), 0, c)).toEqual({ name: 'l' });
    expect(checkMember(h('0', '.index-vault/20260101T000000000Z-0123abcd/pack-000.json', 10), 0, c)).toEqual({
      name: '.index-vault/20260101T000000000Z-0123abcd/pack-000.json',
    });
  });

  it('refuses each kind of disagreement with its own code and one-line message', () => {
    const cases: Array<[string, () => unknown, string, RegExp]> = [
      ['hard link', () => checkMember(h('1', 'h', 0, '/etc/passwd'), 0, ctx()), 'E_UNSAFE_ENTRY', /refusing Link member "h"/],
      ['device', () => checkMember(h('3', 'dev'), 0, ctx()), 'E_UNSAFE_ENTRY', /refusing CharacterDevice member/],
      ['unknown type', () => checkMember(h('Z', 'z'), 0, ctx()), 'E_UNSAFE_ENTRY', /refusing type "Z" member/],
      ['global pax header', () => checkMember(h('g', 'pax_global_header'), 0, ctx()), 'E_UNSAFE_ENTRY', /GlobalExtendedHeader/],
      ['traversal, even in a non-strict pack', () => checkMember(h('0', '../evil.txt', 4), 0, ctx(false)), 'E_UNSAFE_ENTRY', /evil/],
      ['absolute path', () => checkMember(h('0', '/tmp/evil.txt', 4), 0, ctx(false)), 'E_UNSAFE_ENTRY', /absolute/],
      ['unlisted in a strict pack', () => checkMember(h('0', 'extra.txt', 4), 0, ctx()), 'E_UNSAFE_ENTRY', /not listed in the manifest/],
      [
        'unknown metadata member',
        () => checkMember(h('0', '.index-vault/evil.json', 4), 0, ctx()),
        'E_UNSAFE_ENTRY',
        /unexpected metadata member/,
      ],
      [
        'metadata member of another type',
        () => checkMember(h('5', '.index-vault/20260101T000000000Z-0123abcd/pack-000.json'), 0, ctx()),
        'E_UNSAFE_ENTRY',
        /unexpected metadata member/,
      ],
      [
        'metadata member too large',
        () => checkMember(h('0', '.index-vault/20260101T000000000Z-0123abcd/pack-000.json', 2 ** 40), 0, ctx()),
        'E_UNSAFE_ENTRY',
        /unexpected metadata member/,
      ],
      [
        'file where a symlink is listed',
        () => checkMember(h('0', 'l', 4), 0, ctx()),
        'E_UNSAFE_ENTRY',
        /is a file in the pack but a symlink/,
      ],
      [
        'symlink with another target',
        () => checkMember(h('2', 'l', 0, '/etc'), 0, ctx()),
        'E_UNSAFE_ENTRY',
        /points to "\/etc" in the pack/,
      ],
      ['record elsewhere than listed', () => checkMember(h('0', 'a.txt', 4), 2048, ctx()), 'E_INTEGRITY', /starts at byte 2048/],
      ['size differs', () => checkMember(h('0', 'a.txt', 5), 1024, ctx()), 'E_UNSAFE_ENTRY', /has 5 bytes in the pack but 4/],
      [
        'duplicate',
        () => {
          const c = ctx();
          checkMember(h('5', 'd'), 0, c);
          return checkMember(h('5', 'd'), 0, c);
        },
        'E_UNSAFE_ENTRY',
        /holds "d" twice/,
      ],
      ['duplicate across stretches', () => checkUnique('p', 'x', new Set(['x'])), 'E_UNSAFE_ENTRY', /holds "x" twice/],
      [
        'misplaced first record',
        () => checkPlacement('p', 'a.txt', 'b.txt', 1024, 1024),
        'E_INTEGRITY',
        /does not hold "a.txt" where its manifest places it/,
      ],
      ['content differs', () => checkContent('a.txt', sha('FINE'), file), 'E_INTEGRITY', /content of "a.txt" does not match its sha256/],
      [
        'listed member missing',
        () => checkAllPresent('p', new Set(['a.txt', 'b.txt']), new Set(['a.txt'])),
        'E_INTEGRITY',
        /lacks "b.txt"/,
      ],
      // As many names met as listed, one of them not listed (a pack's own metadata): still one listed missing.
      [
        'listed member missing beside an unlisted one',
        () => checkAllPresent('p', new Set(['a.txt', 'b.txt', 'c.txt']), new Set(['a.txt', '.index-vault/x', 'c.txt'])),
        'E_INTEGRITY',
        /lacks "b.txt"/,
      ],
    ];
    for (const [what, f, code, message] of cases) {
      const r = refusal(f);
      expect(r.code, what).toBe(code);
      expect(r.message, what).toMatch(message);
      expect(r.message.split('\n'), what).toHaveLength(1);
    }
    // An unlisted member of an older snapshot's pack is skipped, never read.
    expect(checkMember(h('0', 'gone.txt', 9), 0, ctx(false))).toEqual({ name: 'gone.txt' });
    expect(() => checkPlacement('p', null, 'anything', 0, 512)).not.toThrow();
    expect(() => checkAllPresent('p', new Set(['a.txt', 'b.txt']), new Set(['.index-vault/x', 'b.txt', 'a.txt']))).not.toThrow();
  });
});

describe('zstd frame walker', () => {
  const frames = [Buffer.alloc(300_000, 7), Buffer.from('tiny'), Buffer.alloc(0)].map((b) =>
    zlib.zstdCompressSync(b, { params: { [zlib.constants.ZSTD_c_checksumFlag]: 1 } }),
  );
  const skippable = Buffer.concat([Buffer.from([0x50, 0x2a, 0x4d, 0x18]), Buffer.from([3, 0, 0, 0]), Buffer.from('abc')]);
  const all = Buffer.concat([frames[0]!, skippable, frames[1]!, frames[2]!]);
  const lengths = [frames[0]!.length, skippable.length, frames[1]!.length, frames[2]!.length];

  async function* chunked(buf: Buffer, size: number): AsyncGenerator<Buffer> {
    for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
  }
  const split = async (buf: Buffer, size: number) => {
    const out: number[] = [];
    for await (const f of splitZstdFrames(chunked(buf, size))) out.push(f.reduce((n, p) => n + p.length, 0));
    return out;
  };

  it('finds every frame end whatever the pieces it is fed in', async () => {
    for (const size of [1, 2, 3, 7, 512, 65536, all.length]) expect(await split(all, size), `pieces of ${size}`).toEqual(lengths);
    const w = new FrameWalker();
    expect(w.scan(all, 0, all.length)).toBe(lengths[0]);
    expect(w.between).toBe(true);
  });

  it('refuses what cannot be a zstd frame, a cut frame, a reserved block and a frame past the limit', async () => {
    await expect(split(Buffer.from('not zstd at all'), 4)).rejects.toMatchObject({
      code: 'E_INTEGRITY',
      message: expect.stringMatching(/not a zstd frame/),
    });
    await expect(split(all.subarray(0, all.length - 2), 1000)).rejects.toMatchObject({
      code: 'E_INTEGRITY',
      message: expect.stringMatching(/ends inside a zstd frame/),
    });
    const reservedBit = Buffer.from(frames[1]!);
    reservedBit[4]! |= 0x08;
    await expect(split(reservedBit, 3)).rejects.toMatchObject({ message: expect.stringMatching(/reserved bit/) });
    // Frame header of `tiny`: magic, descriptor, then a block header; make its type 3 (reserved).
    const fhd = frames[1]![4]!;
    const headerLen = 5 + ((fhd >> 5) & 1 ? 0 : 1) + [0, 1, 2, 4][fhd & 3]! + (fhd >> 6 === 0 ? (fhd >> 5) & 1 : [0, 2, 4, 8][fhd >> 6]!);
    const reservedBlock = Buffer.from(frames[1]!);
    reservedBlock[headerLen]! |= 0x06;
    await expect(split(reservedBlock, 5)).rejects.toMatchObject({ message: expect.stringMatching(/reserved type/) });
    // A raw block header claiming a body past the limit, repeated: refused once the frame passes MAX_FRAME_BYTES.
    const block = Buffer.from([0xf8, 0xff, 0x3f]); // raw block, not last, (2^21 - 1) bytes
    const body = Buffer.alloc(2 ** 21 - 1);
    async function* huge(): AsyncGenerator<Buffer> {
      yield frames[1]!.subarray(0, headerLen);
      for (let i = 0; i * body.length <= MAX_FRAME_BYTES; i++) yield* [block, body];
    }
    const walk = async () => {
      for await (const f of splitZstdFrames(huge())) void f;
    };
    await expect(walk()).rejects.toMatchObject({ message: expect.stringMatching(/larger than/) });
  });
});

describe('frame decoder', () => {
  const raw = Buffer.concat([seededTar(1), Buffer.alloc(300_000, 3)]);
  const frame = zlib.zstdCompressSync(raw, { params: { [zlib.constants.ZSTD_c_checksumFlag]: 1 } });
  function seededTar(n: number) {
    return record({ path: `f${n}.txt`, type: 'File', body: Buffer.from(`content ${n}`) });
  }
  const decodeAll = async (d: FrameDecoder, input: Buffer, cap = 64 << 20) => {
    const out: Buffer[] = [];
    await d.decode(input, cap, (b) => out.push(Buffer.from(b))); // the decoder reuses its buffer
    return Buffer.concat(out);
  };

  it("decodes zstd frames alike through zlib's handle and through the one-shot call it falls back to", async () => {
    for (const internals of [true, false]) {
      const d = new FrameDecoder('zstd', 64 * 1024, internals);
      expect((await decodeAll(d, frame)).equals(raw), `internals ${internals}`).toBe(true);
      expect((await decodeAll(d, frame)).equals(raw), `again, internals ${internals}`).toBe(true);
      await expect(decodeAll(d, frame, 1000), `cap, internals ${internals}`).rejects.toBeInstanceOf(OverCap);
      const bad = Buffer.from(frame);
      bad[bad.length - 2]! ^= 0xff; // the content checksum
      await expect(decodeAll(d, bad), `damage, internals ${internals}`).rejects.toMatchObject({
        code: 'E_INTEGRITY',
        message: expect.stringMatching(/does not decode/),
      });
      // A failed context is not reused: the next frame decodes.
      expect((await decodeAll(d, frame)).equals(raw), `after a failure, internals ${internals}`).toBe(true);
      d.reset();
    }
  });

  it('decodes gzip members from any pieces, and refuses a cut member when the input ends', async () => {
    const gz = Buffer.concat([zlib.gzipSync(raw.subarray(0, 1000)), zlib.gzipSync(raw.subarray(1000))]);
    const d = new FrameDecoder('gzip', 64 * 1024);
    const out: Buffer[] = [];
    for (let i = 0; i < gz.length; i += 777)
      await d.decode(gz.subarray(i, i + 777), Number.POSITIVE_INFINITY, (b) => out.push(Buffer.from(b)));
    await d.end((b) => out.push(Buffer.from(b)));
    expect(Buffer.concat(out).equals(raw)).toBe(true);
    await d.decode(gz.subarray(0, gz.length - 10), Number.POSITIVE_INFINITY, () => {});
    await expect(d.end(() => {})).rejects.toMatchObject({ code: 'E_INTEGRITY' });
  });
});
