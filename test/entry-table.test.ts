import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { loadManifest, loadManifestHead, manifestKey } from '../src/engine/series.js';
import { comparePaths } from '../src/snapshot/entry-path.js';
import { EntryTable, manifestOf } from '../src/snapshot/entry-table.js';
import {
  MANIFEST_FORMAT,
  paddedSize,
  sealManifestText,
  type DirEntry,
  type Entry,
  type FileEntry,
  type ManifestBody,
  type SymlinkEntry,
} from '../src/snapshot/manifest.js';
import { LocalStore } from '../src/storage/local-store.js';
import type { Store } from '../src/storage/store.js';
import { seededBytes, silent, tempDir, writeTree } from './support/fixtures.js';
import { WrappedStore } from './support/wrapped-store.js';

/** Deterministic randomness (xorshift32), so that a failure reproduces. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

type Loc = FileEntry['loc'];

/** Entries built with their keys in the manifest's canonical (sorted) order, as a parsed manifest has them. */
function fileOf(f: {
  exec: boolean;
  loc: { length: number; member?: string; offset: number; pack: number; raw: number; skip: number; span: number };
  mode?: number;
  mtimeMs: number;
  path: string;
  sha256: string;
  size: number;
}): FileEntry {
  const { length, member, offset, pack, raw, skip, span } = f.loc;
  const loc: Loc = member === undefined ? { length, offset, pack, raw, skip, span } : { length, member, offset, pack, raw, skip, span };
  const { exec, mode, mtimeMs, path: p, sha256, size } = f;
  return mode === undefined
    ? { exec, loc, mtimeMs, path: p, sha256, size, type: 'file' }
    : { exec, loc, mode, mtimeMs, path: p, sha256, size, type: 'file' };
}
function dirOf(p: string, mtimeMs: number, mode?: number): DirEntry {
  return mode === undefined ? { mtimeMs, path: p, type: 'dir' } : { mode, mtimeMs, path: p, type: 'dir' };
}
function linkOf(p: string, target: string, mtimeMs: number): SymlinkEntry {
  return { mtimeMs, path: p, target, type: 'symlink' };
}

/** Names an odd file system or a forged manifest gives: non-ASCII, astral, lone surrogates, U+FFFD, NFD, empty, controls. */
const NAMES = ['a', 'b.txt', 'café', '日本語', '\u{1F600}', 'a\uD800b', '\uDFFF', '\uFFFD', 'e\u0301', '', 'q"uote', 'nl\n', '\u0000', 'x'];
/** Paths around Utf8List's limits: 70,000 chars, the longest kept as UTF-8 (65,532 bytes) and the shortest set aside. */
const LONG = [
  'x'.repeat(70_000),
  '日'.repeat(21_844),
  '日'.repeat(21_845),
  '\u{1F600}'.repeat(10_922),
  '\u{1F600}'.repeat(16_384),
  'é'.repeat(21_844),
  'a\uD800b'.repeat(10_000),
];
const MTIMES = [
  0,
  -0,
  1.5,
  -1,
  -1234.75,
  1_700_000_000_000.125,
  2 ** 53,
  -(2 ** 53),
  5e-324,
  -1e300,
  0.1 + 0.2,
  Number.MAX_SAFE_INTEGER,
  NaN,
  Infinity,
];
const SIZES = [0, -0, 1, 511, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, Number.MAX_SAFE_INTEGER, 2 ** 53, 0.5];
const U32S = [0, 1, 2 ** 31, 0xffffffff, 0xfffffffe];
const BIGS = [0, 2 ** 32, 2 ** 32 + 1, 2 ** 40 + 3, Number.MAX_SAFE_INTEGER, 2 ** 60];
const MODES = [undefined, undefined, 0, 0o644, 0o755, 0o777, 0o400, 1];
const MEMBERS = [undefined, undefined, undefined, 'shared/x', '', 'a\uD800b', '日本語/é\u{1F600}', 'm'.repeat(300)];

function generator(seed: number) {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const u32 = () => Math.floor(r() * 2 ** 32);
  const safe = () => Math.floor(r() * 2 ** 21) * 2 ** 32 + u32();
  const sha = () => Array.from({ length: 8 }, () => u32().toString(16).padStart(8, '0')).join('');
  const num = (pool: readonly number[], random: () => number) => (r() < 0.3 ? pick(pool) : random());
  const pathOf = (i: number) => (r() < 0.5 ? `${pick(NAMES)}/${i}` : `${pick(NAMES)}${i}${pick(NAMES)}`);
  const mtime = () => (r() < 0.4 ? pick(MTIMES) : (r() - 0.5) * 2 ** 45);
  const file = (i: number): FileEntry =>
    fileOf({
      exec: r() < 0.5,
      loc: {
        length: num(U32S, u32),
        member: pick(MEMBERS),
        offset: num(BIGS, safe),
        pack: num(U32S, u32),
        raw: num(BIGS, safe),
        skip: num(U32S, u32),
        span: num(U32S, u32),
      },
      mode: r() < 0.5 ? undefined : r() < 0.5 ? pick(MODES) : Math.floor(r() * 0o1000),
      mtimeMs: mtime(),
      path: pathOf(i),
      sha256: sha(),
      size: num(SIZES, safe),
    });
  const dir = (i: number) => dirOf(pathOf(i), mtime(), r() < 0.5 ? undefined : pick(MODES));
  const link = (i: number) => linkOf(pathOf(i), r() < 0.005 ? pick(LONG) : pathOf(i + 1), mtime());
  const any = (i: number): Entry => {
    const k = r();
    return k < 0.6 ? file(i) : k < 0.8 ? dir(i) : link(i);
  };
  return { r, pick, file, dir, link, any };
}

/** Entries the columns cannot hold exactly, each made anew (so that `toBe` tells them apart). */
function keptMakers(g: ReturnType<typeof generator>): Array<(i: number) => Entry> {
  const f = (i: number) => g.file(i);
  const withLoc = (i: number, loc: Record<string, unknown>) => {
    const e = f(i);
    return { ...e, loc: { ...e.loc, ...loc } } as unknown as Entry;
  };
  const odd = (e: object, more: Record<string, unknown>) => ({ ...e, ...more }) as unknown as Entry;
  class Custom {
    constructor(e: Entry) {
      Object.assign(this, e);
    }
  }
  return [
    (i) => odd(f(i), { extra: 1 }),
    (i) => withLoc(i, { extra: true }),
    (i) => withLoc(i, { pack: 2 ** 33 }),
    (i) => withLoc(i, { span: 2 ** 32 }),
    (i) => withLoc(i, { skip: 2 ** 32 + 5 }),
    (i) => withLoc(i, { length: 2 ** 32 }),
    (i) => withLoc(i, { skip: -1 }),
    (i) => withLoc(i, { length: 1.5 }),
    (i) => withLoc(i, { pack: -0 }),
    (i) => withLoc(i, { member: undefined }),
    (i) => withLoc(i, { member: 7 }),
    (i) => withLoc(i, { offset: '5' }),
    (i) => odd(f(i), { mode: 0o1777 }),
    (i) => odd(f(i), { mode: 1.5 }),
    (i) => odd(f(i), { mode: -1 }),
    (i) => odd(f(i), { mode: -0 }),
    (i) => odd(f(i), { mode: '644' }),
    (i) => odd(f(i), { mode: undefined }),
    (i) => odd(f(i), { sha256: 'AB'.repeat(32) }),
    (i) => odd(f(i), { sha256: 'a'.repeat(63) }),
    (i) => odd(f(i), { sha256: 'a'.repeat(66) }),
    (i) => odd(f(i), { exec: 1 }),
    (i) => odd(f(i), { size: '5' }),
    (i) => odd(f(i), { size: 10n }),
    (i) => odd(f(i), { mtimeMs: '1' }),
    (i) => odd(f(i), { target: 'x' }),
    (i) => Object.assign(Object.create(null) as object, f(i)) as Entry,
    (i) => new Custom(f(i)) as unknown as Entry,
    (i) => {
      const e = f(i);
      return { ...e, loc: Object.assign(Object.create(null) as object, e.loc) } as Entry;
    },
    (i) => odd(g.dir(i), { extra: null }),
    (i) => odd(g.dir(i), { mode: 0o4755 }),
    (i) => odd(g.dir(i), { mode: 0o1000 }),
    (i) => odd(g.dir(i), { exec: false }),
    (i) => odd(g.link(i), { extra: 'y' }),
    (i) => odd(g.link(i), { mode: 0o777 }),
    (i) => odd(g.link(i), { target: undefined }),
  ];
}

/** Deep equality with nothing left out: prototypes, own keys in order, primitives by Object.is. */
function same(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Reflect.ownKeys(a);
  const kb = Reflect.ownKeys(b);
  if (ka.length !== kb.length || ka.some((k, n) => k !== kb[n])) return false;
  return ka.every((k) => same((a as Record<PropertyKey, unknown>)[k], (b as Record<PropertyKey, unknown>)[k]));
}

function show(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : Object.is(v, -0) ? '-0' : String(v);
  return s.length > 80 ? `${s.slice(0, 80)}…(${s.length})` : s;
}

/** What row `i` of `t` answers differently from `e`, by every accessor; kept rows are the object itself. */
function differences(t: EntryTable, i: number, e: Entry, kept: boolean): string[] {
  const bad: string[] = [];
  const eq = (name: string, got: () => unknown, want: unknown) => {
    let v: unknown;
    try {
      v = got();
    } catch (err) {
      bad.push(`row ${i} ${name}: threw ${String(err)}`);
      return;
    }
    if (!Object.is(v, want)) bad.push(`row ${i} ${name}: ${show(v)}, expected ${show(want)}`);
  };
  eq('type', () => t.type(i), e.type);
  eq('isFile', () => t.isFile(i), e.type === 'file');
  eq('path', () => t.path(i), e.path);
  eq('mtimeMs', () => t.mtimeMs(i), e.mtimeMs);
  eq('mode', () => t.mode(i), e.type === 'symlink' ? undefined : e.mode);
  if (e.type === 'file') {
    eq('exec', () => t.exec(i), e.exec);
    eq('size', () => t.size(i), e.size);
    eq('sha256', () => t.sha256(i), e.sha256);
    eq('pack', () => t.pack(i), e.loc.pack);
    eq('skip', () => t.skip(i), e.loc.skip);
    eq('locLength', () => t.locLength(i), e.loc.length);
    eq('span', () => t.span(i), e.loc.span);
    eq('offset', () => t.offset(i), e.loc.offset);
    eq('raw', () => t.raw(i), e.loc.raw);
    eq('member', () => t.member(i), e.loc.member ?? e.path);
  }
  if (e.type === 'symlink') eq('target', () => t.target(i), e.target);
  const at = t.at(i);
  if (kept) {
    if (at !== e) bad.push(`row ${i} at: not the kept object`);
  } else {
    if (at === e) bad.push(`row ${i} at: the input object itself, not one rebuilt`);
    if (!same(at, e)) bad.push(`row ${i} at: ${show(JSON.stringify(at))}, expected ${show(JSON.stringify(e))}`);
    if (JSON.stringify(at) !== JSON.stringify(e)) bad.push(`row ${i} at: JSON text differs`);
  }
  return bad;
}

/** Every row boundary of the blocks and of the first block's growth, up to `n` rows. */
function boundaries(n: number): number[] {
  const out: number[] = [];
  for (let b = 256; b <= 65536; b *= 2) out.push(b);
  for (let b = 2 * 65536; b < n; b += 65536) out.push(b);
  return out.filter((b) => b < n);
}

describe('a table of manifest entries', () => {
  it('gives back ~200k generated entries across every block boundary, by every accessor and as objects, in any order', () => {
    const N = 200_003;
    const g = generator(20261202);
    const makers = keptMakers(g);
    const at = new Set<number>([0, 1, N - 1]);
    for (const b of boundaries(N)) for (const d of [-2, -1, 0, 1]) at.add(b + d);
    const entries: Entry[] = [];
    const kept = new Set<number>();
    let special = 0;
    for (let i = 0; i < N; i++) {
      let e: Entry;
      if (at.has(i) || g.r() < 0.002) {
        // Near each boundary, in turn: a row kept as is, long or lone-surrogate paths, -0 mtimes.
        const k = special++ % 4;
        if (k === 0) {
          e = makers[(special >> 2) % makers.length]!(i);
          kept.add(i);
        } else {
          e = g.any(i);
          const p = k === 1 ? LONG[(special >> 2) % LONG.length]! : k === 2 ? 'a\uD800b' : `${i}\u{1F600}`;
          e = { ...e, path: p } as Entry;
          if (k === 3) e = { ...e, mtimeMs: -0 } as Entry;
          // Spread moves no key: the order stays the canonical one.
        }
      } else e = g.any(i);
      entries.push(e);
    }
    // The generator reached every case it was written for.
    expect(kept.size).toBeGreaterThan(makers.length);
    expect(entries.filter((e) => Object.is(e.mtimeMs, -0)).length).toBeGreaterThan(100);
    expect(entries.some((e) => e.path.length === 70_000)).toBe(true);
    expect(entries.some((e) => e.type === 'file' && e.loc.member !== undefined && !kept.has(entries.indexOf(e)))).toBe(true);
    expect(entries.some((e) => e.type === 'file' && e.size === Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(entries.some((e) => e.type === 'file' && e.loc.offset > 2 ** 32 && e.loc.raw > 2 ** 32)).toBe(true);

    const t = new EntryTable();
    for (const e of entries) t.entry(e);
    expect(t.length).toBe(N);

    const problems: string[] = [];
    for (let i = 0; i < N && problems.length < 20; i++) problems.push(...differences(t, i, entries[i]!, kept.has(i)));
    expect(problems).toEqual([]);

    // Out of order: paths are found from their stretch's start, not only from the row read before.
    for (let i = N - 1; i >= 0 && problems.length < 20; i--) if (t.path(i) !== entries[i]!.path) problems.push(`path ${i} backwards`);
    for (let k = 0; k < N && problems.length < 20; k++) {
      const i = (k * 7919) % N;
      const e = entries[i]!;
      if (t.path(i) !== e.path || (kept.has(i) ? t.at(i) !== e : !same(t.at(i), e))) problems.push(`row ${i} by stride`);
    }
    expect(problems).toEqual([]);

    // Whole, by vitest's own strict equality, and by iteration.
    expect([...t]).toStrictEqual(entries);
    const negZero = entries.findIndex((e, i) => Object.is(e.mtimeMs, -0) && !kept.has(i));
    expect(Object.is(t.mtimeMs(negZero), -0)).toBe(true);
    expect(Object.is(t.at(negZero).mtimeMs, -0)).toBe(true);

    // A rebuilt entry is the caller's: changing it changes nothing in the table.
    const f = entries.findIndex((e, i) => e.type === 'file' && !kept.has(i));
    const copy = t.at(f) as FileEntry;
    copy.loc.pack = 99;
    copy.path = 'changed';
    expect(t.at(f)).toStrictEqual(entries[f]);
  });

  it('keeps the entries its columns cannot hold as the objects they are, and rows after them are unaffected', () => {
    const g = generator(7);
    const makers = keptMakers(g);
    const entries: Entry[] = [];
    const kept = new Set<number>();
    // A normal row after each kept one, and a run of them past the first block's first room.
    for (const [n, make] of makers.entries()) {
      kept.add(entries.length);
      entries.push(make(n));
      entries.push(g.any(n));
      entries.push(g.file(n));
    }
    while (entries.length < 300) entries.push(g.any(entries.length));
    const t = EntryTable.of(entries);
    for (const [i, e] of entries.entries()) {
      if (kept.has(i)) expect(t.at(i), `row ${i}`).toBe(e);
      else expect(t.at(i), `row ${i}`).toStrictEqual(e);
      expect(differences(t, i, e, kept.has(i))).toEqual([]);
    }

    // A few by name, their accessors answering from the object.
    const one = (e: object) => EntryTable.of([e as Entry]);
    const big = { ...g.file(1), loc: { length: 1, offset: 2 ** 40, pack: 2 ** 33, raw: 3, skip: 0, span: 2 ** 32 } } as FileEntry;
    const bt = one(big);
    expect(bt.at(0)).toBe(big);
    expect([bt.pack(0), bt.span(0), bt.offset(0), bt.locLength(0)]).toEqual([2 ** 33, 2 ** 32, 2 ** 40, 1]);
    const upper = { ...g.file(2), sha256: 'AB'.repeat(32) };
    expect(one(upper).sha256(0)).toBe('AB'.repeat(32));
    expect(one(upper).at(0)).toBe(upper);
    const sticky = dirOf('d', 1, 0o1777);
    expect(one(sticky).at(0)).toBe(sticky);
    expect(one(sticky).mode(0)).toBe(0o1777);
    const half = { ...g.file(3), mode: 1.5 };
    expect(one(half).mode(0)).toBe(1.5);
    const negZero = dirOf('d', 1, -0);
    expect(Object.is(one(negZero).mode(0), -0)).toBe(true);
    expect(one(negZero).at(0)).toBe(negZero);
    const extra = { ...linkOf('l', 't', 5), extra: 1 };
    expect(one(extra).at(0)).toBe(extra);
    expect(one(extra).target(0)).toBe('t');

    // Held in columns: a plain entry of the canonical fields, its extremes included, is a new object equal to it.
    for (const e of [
      fileOf({
        exec: true,
        loc: { length: 0xffffffff, offset: Number.MAX_SAFE_INTEGER, pack: 0xffffffff, raw: 2 ** 53, skip: 0xffffffff, span: 0xffffffff },
        mode: 0o777,
        mtimeMs: -0,
        path: 'p',
        sha256: 'f'.repeat(64),
        size: Number.MAX_SAFE_INTEGER,
      }),
      dirOf('d', -1.5, 0),
      linkOf('l', '', 0),
    ]) {
      const got = one(e).at(0);
      expect(got).not.toBe(e);
      expect(same(got, e)).toBe(true);
    }
  });

  it('empties on restart, fills alike from of() and entry(), iterates in order, and refuses rows it does not have', () => {
    const g = generator(99);
    const entries = Array.from({ length: 1000 }, (_, i) => g.any(i));
    const kept = { ...g.dir(0), extra: 1 } as Entry;
    const withMember = fileOf({
      exec: false,
      loc: { length: 1, member: 'shared/m', offset: 0, pack: 0, raw: 0, skip: 0, span: 512 },
      mtimeMs: 0,
      path: 'm',
      sha256: '0'.repeat(64),
      size: 0,
    });
    const link = linkOf('s', 'target', 0);

    const t = new EntryTable();
    t.entry(kept);
    t.entry(withMember);
    t.entry(link);
    for (const e of entries) t.entry(e);
    expect(t.length).toBe(1003);
    t.restart();
    expect(t.length).toBe(0);
    expect([...t]).toEqual([]);
    expect(() => t.at(0)).toThrow(RangeError);
    expect(() => t.path(0)).toThrow(RangeError);

    // Refilled: nothing of before comes back (the kept object, the member name, the target).
    const plainDir = dirOf('d', 3);
    const noMember = fileOf({
      exec: true,
      loc: { length: 2, offset: 1, pack: 1, raw: 1, skip: 1, span: 513 },
      mode: 0o755,
      mtimeMs: 2,
      path: 'n',
      sha256: '1'.repeat(64),
      size: 1,
    });
    const dirAfter = dirOf('e', 4, 0o700);
    t.entry(plainDir);
    t.entry(noMember);
    t.entry(dirAfter);
    for (const e of entries) t.entry(e);
    expect(t.at(0)).not.toBe(kept);
    expect(t.at(0)).toStrictEqual(plainDir);
    expect(t.member(1)).toBe('n');
    expect(t.at(1)).toStrictEqual(noMember);
    expect(t.at(2)).toStrictEqual(dirAfter);
    expect([...t]).toStrictEqual([plainDir, noMember, dirAfter, ...entries]);

    // of() is entry() one by one, of an array or any iterable.
    const one = new EntryTable();
    for (const e of entries) one.entry(e);
    expect([...EntryTable.of(entries)]).toStrictEqual([...one]);
    expect([
      ...EntryTable.of(
        (function* () {
          yield* entries;
        })(),
      ),
    ]).toStrictEqual(entries);
    expect([...EntryTable.of([])]).toEqual([]);

    // Iteration is at(i), in order.
    let n = 0;
    for (const e of one) expect(e, `row ${n}`).toStrictEqual(one.at(n++));
    expect(n).toBe(one.length);

    // Rows it does not have.
    for (const i of [-1, one.length, one.length + 1, 2 ** 16, 2 ** 32, -Infinity, Infinity]) {
      for (const get of [
        () => one.at(i),
        () => one.type(i),
        () => one.isFile(i),
        () => one.mtimeMs(i),
        () => one.mode(i),
        () => one.size(i),
        () => one.member(i),
        () => one.path(i),
      ])
        expect(get, `row ${i}`).toThrow(RangeError);
    }

    // A file's fields of a row kept as another kind: refused, not made up.
    const odd = EntryTable.of([{ ...dirOf('d', 1), extra: 1 } as Entry, { ...linkOf('l', 't', 1), extra: 1 } as Entry, dirOf('plain', 1)]);
    for (const i of [0, 1])
      for (const get of [
        () => odd.size(i),
        () => odd.exec(i),
        () => odd.sha256(i),
        () => odd.pack(i),
        () => odd.skip(i),
        () => odd.locLength(i),
        () => odd.span(i),
        () => odd.offset(i),
        () => odd.raw(i),
        () => odd.member(i),
      ])
        expect(get, `row ${i}`).toThrow(TypeError);
    expect([odd.type(0), odd.type(1), odd.mode(1), odd.target(1)]).toEqual(['dir', 'symlink', undefined, 't']);
  });
});

describe('a trimmed table', () => {
  it('keeps every row when trimmed at any count, and takes more rows after', () => {
    const g = generator(4242);
    const makers = keptMakers(g);
    const pool: Entry[] = [];
    const kept = new Set<number>();
    for (let i = 0; i < 140_000; i++) {
      if (i % 997 === 0) kept.add(i);
      pool.push(kept.has(i) ? makers[(i / 997) % makers.length]!(i) : g.any(i));
    }
    const near = boundaries(pool.length);
    // The first and last rows, those around each boundary, every kept one and a sample between.
    const checked = (i: number, n: number) =>
      i < 300 || i >= n - 800 || kept.has(i) || i % 101 === 0 || near.some((b) => Math.abs(i - b) <= 2);
    const check = (t: EntryTable, n: number, what: string) => {
      expect(t.length, what).toBe(n);
      const problems: string[] = [];
      for (let i = 0; i < n && problems.length < 10; i++) if (checked(i, n)) problems.push(...differences(t, i, pool[i]!, kept.has(i)));
      for (let i = n - 1; i >= 0 && problems.length < 10; i--) if (t.path(i) !== pool[i]!.path) problems.push(`path ${i} backwards`);
      expect(problems, what).toEqual([]);
    };
    for (const [n, more] of [
      [0, 300],
      [1, 256],
      [255, 2],
      [256, 1],
      [300, 70_000],
      [65_536, 1],
      [65_537, 700],
      [131_071, 2],
    ] as const) {
      const t = EntryTable.of(pool.slice(0, n));
      t.trim();
      check(t, n, `${n} rows, trimmed`);
      t.trim();
      for (let i = n; i < n + more; i++) t.entry(pool[i]!);
      check(t, n + more, `${n} rows, trimmed, then ${more} more`);
      t.trim();
      check(t, n + more, `${n + more} rows, trimmed again`);
      t.restart();
      t.trim();
      expect(t.length).toBe(0);
      t.entry(pool[0]!);
      check(t, 1, 'restarted');
    }
  });
});

describe('a row index that is not a row', () => {
  // A fractional index would pass a plain range check and answer another row's columns.
  it('is refused by every accessor: NaN and fractions as well as out of range', () => {
    const t = EntryTable.of([dirOf('aa', 1), linkOf('bb', 'tt', 2), dirOf('cc', 3, 0o755)]);
    const wrong: string[] = [];
    for (const i of [NaN, 0.5, 1.5, 2.999])
      for (const name of ['at', 'type', 'isFile', 'path', 'mtimeMs', 'mode', 'target', 'size', 'member'] as const) {
        try {
          const v: unknown = t[name](i);
          wrong.push(`${name}(${i}) gave ${typeof v === 'object' ? JSON.stringify(v) : show(v)}`);
        } catch (err) {
          if (!(err instanceof RangeError)) wrong.push(`${name}(${i}) threw ${String(err)}`);
        }
      }
    expect(wrong).toEqual([]);
  });
});

describe('a table filled from a stored manifest', () => {
  /** Reads a manifest into a new table and checks it against loadManifest's entries. */
  async function compare(store: Store, series: string, id: string, table = new EntryTable()) {
    const head = await loadManifestHead(store, series, id, table);
    const m = await loadManifest(store, series, id);
    const { entries, ...rest } = m;
    expect(table.length).toBe(entries.length);
    const got = [...table];
    expect(got).toStrictEqual(entries);
    expect(JSON.stringify(got)).toBe(JSON.stringify(entries));
    expect(head).toStrictEqual(rest);
    const whole = manifestOf(head, table);
    expect(same(whole.entries, entries)).toBe(true);
    expect(whole.entries).toBe(whole.entries);
    return { table, entries };
  }

  it("reads back the project's own backups, full and incremental", async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    const store = new LocalStore(path.join(root, 'store'));
    await writeTree(src, {
      'a.bin': seededBytes(1, 5000),
      'copy-of-a.bin': seededBytes(1, 5000),
      'b/café.txt': 'café',
      'b/日本語/\u{1F600}.json': '{"x":1}',
      'b/same.json': '{"x":1}',
      empty: { dir: true },
      'run.sh': { exec: '#!/bin/sh\n' },
      link: { link: 'b/café.txt' },
      zero: '',
    });
    const full = await backup({ source: src, store, logger: silent, series: 'idx' });
    const first = await compare(store, full.series, full.id);
    // The backup gave what the test means to cover: every kind, modes, an executable.
    expect(new Set(first.entries.map((e) => e.type))).toEqual(new Set(['file', 'dir', 'symlink']));
    expect(first.entries.some((e) => e.type === 'file' && e.exec && e.mode === 0o755)).toBe(true);

    // New content, and a new path for content the full snapshot holds (a location under another member).
    await fs.writeFile(path.join(src, 'b/new.bin'), seededBytes(2, 3000));
    await fs.writeFile(path.join(src, 'b/again.bin'), seededBytes(1, 5000));
    await fs.rm(path.join(src, 'zero'));
    const inc = await backup({ source: src, store, logger: silent, series: 'idx' });
    expect(inc.kind).toBe('incremental');
    // The same table again, emptied first.
    first.table.restart();
    const second = await compare(store, inc.series, inc.id, first.table);
    const shared = second.entries.findIndex((e) => e.type === 'file' && e.loc.member !== undefined);
    expect(shared).toBeGreaterThanOrEqual(0);
    expect(second.table.member(shared)).not.toBe(second.table.path(shared));
  });

  it('reads a sealed manifest of 66k entries, streamed, and again after the stream route gave up on a first read', async () => {
    const ID = '20261122T143501123Z-1a2b3c4d';
    const r = rng(31);
    const names = ['a', 'café', '日本語', '\u{1F600}', 'z\u00e9'];
    const entries: Entry[] = [dirOf('d', 1_700_000_000_000.5, 0o755), dirOf('d/sub', -1.25, 0o700)];
    for (let i = 0; i < 66_000; i++) {
      const p = `d/${names[i % names.length]}${i}`;
      if (i % 17 === 5) {
        entries.push(linkOf(p, `${names[0]}${i - 1}`, i));
        continue;
      }
      const size = i % 1000 === 3 ? 2 ** 33 + i : Math.floor(r() * 100_000);
      const exec = i % 3 === 0;
      const raw = i * 2 ** 21;
      entries.push(
        fileOf({
          exec,
          loc: {
            length: 1 + (i % 4096),
            member: i % 10 === 7 ? 'd/a0' : undefined,
            offset: i * 4096 + (i % 2 ? 2 ** 32 : 0),
            pack: i % 2,
            raw,
            skip: i % 512,
            span: 512 + paddedSize(size),
          },
          mode: exec ? 0o755 : 0o644,
          mtimeMs: i % 5 === 0 ? -i - 0.5 : 1_700_000_000_000 + i + 0.25,
          path: p,
          sha256: Array.from({ length: 8 }, () =>
            Math.floor(r() * 2 ** 32)
              .toString(16)
              .padStart(8, '0'),
          ).join(''),
          size,
        }),
      );
    }
    entries.sort((x, y) => comparePaths(x.path, y.path));
    const count = (type: string) => entries.filter((e) => e.type === type).length;
    const pack = (i: number) => ({
      codec: 'zstd' as const,
      name: `${ID}-00${i}.tar.zst`,
      origin: ID,
      rawSize: 2 ** 53 - 1,
      sha256: String(i).repeat(64),
      size: 2 ** 52,
    });
    const body = {
      createdAt: '2026-11-22T14:35:01.123Z',
      depth: 0,
      entries,
      format: MANIFEST_FORMAT,
      formatVersion: 2,
      id: ID,
      kind: 'full',
      packs: [pack(0), pack(1)],
      parent: null,
      series: 's',
      source: { name: 'src', format: 'dir', platform: 'linux' },
      tool: 'index-vault 0.1.0',
      totals: {
        bytes: entries.reduce((n, e) => n + (e.type === 'file' ? e.size : 0), 0),
        dirs: count('dir'),
        files: count('file'),
        packedBytes: 0,
        storedBytes: 0,
        symlinks: count('symlink'),
      },
    } as ManifestBody;
    const good = sealManifestText(body).bytes;
    const dir = await tempDir();
    const store = new LocalStore(dir);
    await fs.mkdir(path.join(dir, 's', 'snapshots'), { recursive: true });
    await fs.writeFile(path.join(dir, manifestKey('s', ID)), good);

    const streamed = await compare(store, 's', ID);
    expect(streamed.entries.length).toBe(entries.length);
    expect(streamed.entries.some((e) => e.type === 'file' && e.loc.span > 2 ** 32)).toBe(true);

    // First read not canonical after all its entries (a space in the totals): the stream route has
    // handed every entry to the table when it gives up; the table is restarted and filled again.
    const spaced = Buffer.from(good.toString('utf8').replace('"storedBytes":0', '"storedBytes": 0'));
    expect(spaced.equals(good)).toBe(false);
    let reads = 0;
    const twice = new WrappedStore(store);
    twice.get = async () => {
      const bytes = reads++ === 0 ? spaced : good;
      return (async function* () {
        for (let at = 0; at < bytes.length; at += 1 << 20) yield bytes.subarray(at, at + (1 << 20));
      })();
    };
    class Counted extends EntryTable {
      fed = 0;
      restarts = 0;
      override entry(e: Entry): void {
        this.fed++;
        super.entry(e);
      }
      override restart(): void {
        this.restarts++;
        super.restart();
      }
    }
    const counted = new Counted();
    const head = await loadManifestHead(twice, 's', ID, counted);
    expect(reads).toBe(2);
    expect(counted.restarts).toBe(1);
    expect(counted.fed).toBe(2 * entries.length);
    expect(counted.length).toBe(entries.length);
    expect(same([...counted], streamed.entries)).toBe(true);
    expect(head.totals).toStrictEqual(body.totals);
  });
});
