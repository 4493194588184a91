import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tarHeader } from '../src/engine/backup/pack-writer.js';
import { isUtf8Name, scanTree } from '../src/engine/backup/scan.js';
import { comparePaths, referenceComparePaths } from '../src/snapshot/entry-path.js';
import { TYPEFLAG, writeUstarHeader } from '../src/engine/backup/ustar-header.js';
import { tempDir } from './support/fixtures.js';

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('scan: the walk on this thread', () => {
  it('gives the event loop a turn while it stats a directory of thousands of files (a signal is still handled)', async () => {
    const root = await tempDir();
    const src = path.join(root, 'many');
    await fs.mkdir(path.join(src, 'sub'), { recursive: true });
    const names = Array.from({ length: 5000 }, (_, i) => `f${i}`);
    for (let i = 0; i < names.length; i += 500) await Promise.all(names.slice(i, i + 500).map((n) => fs.writeFile(path.join(src, n), '')));
    await fs.writeFile(path.join(src, 'sub', 'x'), 'x');

    // A turn of the event loop ticks this counter; the walk asks `exclude` about every entry it stats.
    let tick = 0;
    let spinning = true;
    const spin = () => {
      tick++;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    const ticksSeen: number[] = [];
    const scan = await scanTree(src, {
      exclude: () => {
        ticksSeen.push(tick);
        return false;
      },
    }).finally(() => (spinning = false));
    expect(scan.files).toBe(5001);
    // The longest run of entries stat'ed without the event loop getting a turn in between.
    let longest = 0;
    for (let i = 0, run = 0; i < ticksSeen.length; i++) {
      run = i > 0 && ticksSeen[i] === ticksSeen[i - 1] ? run + 1 : 1;
      longest = Math.max(longest, run);
    }
    expect(ticksSeen.length).toBeGreaterThanOrEqual(5001);
    expect(longest).toBeLessThanOrEqual(4096);
  });

  it('tells UTF-8 names from others exactly as re-encoding the decoded name does (random and adversarial bytes)', () => {
    const reference = (raw: Buffer) => Buffer.from(raw.toString('utf8'), 'utf8').equals(raw);
    const pieces = [
      [0x61],
      [0x2e],
      [0xc3, 0xa9], // é
      [0x65, 0xcc, 0x81], // e + combining acute (NFD)
      [0xf0, 0x9f, 0x98, 0x80], // astral
      [0xef, 0xbf, 0xbd], // a real U+FFFD
      [0xed, 0xa0, 0x80], // an encoded lone surrogate
      [0xed, 0xbf, 0xbf],
      [0xc0, 0x80], // overlong NUL
      [0xe0, 0x80, 0xaf], // overlong /
      [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0xc3], // truncated
      [0x80],
      [0xff],
      [0xfe],
      [0xef, 0xbb, 0xbf], // BOM
      [0x5f, 0x5f, 0x70, 0x72, 0x6f, 0x74, 0x6f, 0x5f, 0x5f], // __proto__
    ];
    const r = rng(7);
    let invalid = 0;
    for (let n = 0; n < 20_000; n++) {
      const bytes: number[] = [];
      const parts = 1 + Math.floor(r() * 6);
      for (let k = 0; k < parts; k++) {
        if (r() < 0.7) bytes.push(...pieces[Math.floor(r() * pieces.length)]!);
        else bytes.push(Math.floor(r() * 256));
      }
      const raw = Buffer.from(bytes);
      const want = reference(raw);
      if (!want) invalid++;
      expect(isUtf8Name(raw.toString('utf8'), raw), raw.toString('hex')).toBe(want);
    }
    expect(invalid).toBeGreaterThan(1000);
  });
});

describe('pack writer: tar headers written in place', () => {
  const TYPES = Object.keys(TYPEFLAG) as Array<keyof typeof TYPEFLAG>;

  function randomPath(r: () => number, max: number): string {
    const alphabet = [
      'a',
      'Z',
      '0',
      '-',
      '_',
      '.',
      ' ',
      '/',
      'é',
      'e\u0301',
      '😀',
      '\ud800',
      '\udfff',
      '__proto__',
      'constructor',
      '\u00ff',
      '\x7f',
    ];
    const ascii = r() < 0.6;
    let s = '';
    const len = Math.floor(r() * max);
    while (s.length < len) {
      const a = ascii ? alphabet.slice(0, 8).concat(['__proto__', '\x7f']) : alphabet;
      s += a[Math.floor(r() * a.length)]!;
    }
    return s;
  }

  function randomNumber(r: () => number, edges: number[]): number {
    const x = r();
    if (x < 0.3) return edges[Math.floor(r() * edges.length)]!;
    if (x < 0.9) return Math.floor(r() * 0o100000);
    return Math.floor(r() * 2 ** (1 + Math.floor(r() * 53)));
  }

  it('writes byte for byte what node-tar writes, and declines (for node-tar to write) whatever plain ustar fields cannot hold', () => {
    const r = rng(11);
    const block = Buffer.alloc(512);
    const sizeEdges = [0, 1, 511, 512, 0o77777777777, 0o77777777777 + 1, 2 ** 53 - 1, -1, 1.5];
    const modeEdges = [0, 0o644, 0o755, 0o777, 0o7777, 0o7777777, 0o10000000, -1];
    const timeEdges = [0, 999, 1000, 1_700_000_000_123, 0o77777777777 * 1000 + 999, 0o100000000000 * 1000, -1, -1500, 1.5, 8.64e15];
    let fast = 0;
    for (let n = 0; n < 20_000; n++) {
      const type = TYPES[Math.floor(r() * TYPES.length)]!;
      let p = randomPath(r, r() < 0.8 ? 110 : 300);
      if (type === 'Directory') p += '/';
      const mode = randomNumber(r, modeEdges);
      const size = type === 'File' ? randomNumber(r, sizeEdges) : 0;
      const mtimeMs = r() < 0.5 ? timeEdges[Math.floor(r() * timeEdges.length)]! : Math.floor(r() * 2 ** 42);
      const linkpath = type === 'SymbolicLink' ? randomPath(r, r() < 0.8 ? 102 : 300) : undefined;
      block.fill(0xaa); // whatever the last header left
      const ok = writeUstarHeader(block, p, TYPEFLAG[type], mode, size, mtimeMs, linkpath);
      if (!ok) continue;
      fast++;
      const ref = tarHeader({ path: p, type, mode, size, mtime: new Date(mtimeMs), ...(linkpath === undefined ? {} : { linkpath }) });
      expect(ref.length, JSON.stringify({ p, type, mode, size, mtimeMs, linkpath })).toBe(512);
      expect(block.equals(ref), JSON.stringify({ p, type, mode, size, mtimeMs, linkpath })).toBe(true);
    }
    // The common case (short ASCII paths, ordinary numbers) takes the fast way.
    expect(fast).toBeGreaterThan(3000);
  });

  it('takes the fast way for what a pack mostly holds, and declines a path of 100 bytes, non-ASCII text and out-of-field numbers', () => {
    const block = Buffer.alloc(512);
    expect(writeUstarHeader(block, 'data/part-0001.lance', TYPEFLAG.File, 0o644, 4096, 1_700_000_000_123)).toBe(true);
    expect(writeUstarHeader(block, 'x'.repeat(99), TYPEFLAG.File, 0o644, 1, 0)).toBe(true);
    expect(writeUstarHeader(block, 'l', TYPEFLAG.SymbolicLink, 0o777, 0, 0, 't'.repeat(100))).toBe(true);
    expect(writeUstarHeader(block, 'x'.repeat(100), TYPEFLAG.File, 0o644, 1, 0)).toBe(false);
    expect(writeUstarHeader(block, 'l', TYPEFLAG.SymbolicLink, 0o777, 0, 0, 't'.repeat(101))).toBe(false);
    expect(writeUstarHeader(block, 'café', TYPEFLAG.File, 0o644, 1, 0)).toBe(false);
    expect(writeUstarHeader(block, 'a', TYPEFLAG.File, 0o644, 2 ** 33, 0)).toBe(false);
    expect(writeUstarHeader(block, 'a', TYPEFLAG.File, 0o644, 1, -1)).toBe(false);
    expect(writeUstarHeader(block, 'a', TYPEFLAG.File, 0o644, 1, 0.5)).toBe(false);
  });
});

describe('scan: the order of paths', () => {
  it('sorts exactly as UTF-8 bytes do (comparePaths): ASCII, accents, NFD, astral characters, lone surrogates, U+E000–U+FFFF, prefixes', () => {
    const units = [
      'a',
      'b',
      'Z',
      '/',
      '.',
      '-',
      '_',
      '~',
      '\x7f',
      'é',
      'e\u0301',
      '\u00ff',
      '\u0100',
      '\u07ff',
      '\u0800',
      '\ud7ff',
      '\ue000',
      '\uf8ff',
      '\ufb01',
      '\ufffd',
      '\uffff',
      '😀',
      '\u{10000}',
      '\u{10ffff}',
      '\ud800',
      '\udbff',
      '\udc00',
      '\udfff',
      '__proto__',
    ];
    const r = rng(23);
    const make = () => {
      let s = '';
      const n = Math.floor(r() * 6);
      for (let k = 0; k < n; k++) s += units[Math.floor(r() * units.length)]!;
      return s;
    };
    const words: string[] = [];
    for (let n = 0; n < 3000; n++) words.push(make());
    for (let n = 0; n < 30_000; n++) {
      const a = words[Math.floor(r() * words.length)]!;
      // Often one path extends the other, or they share a long prefix.
      const b = r() < 0.4 ? a + make() : r() < 0.5 ? a.slice(0, Math.floor(r() * (a.length + 1))) + make() : make();
      const [x, y] = r() < 0.5 ? [a, b] : [b, a];
      expect(comparePaths(x, y), JSON.stringify([x, y])).toBe(referenceComparePaths(x, y));
    }
    const sorted = [...words].sort(referenceComparePaths);
    expect([...words].sort(comparePaths)).toEqual(sorted);
  });
});
