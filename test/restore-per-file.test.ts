import fs from 'node:fs/promises';
import fsSync from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { allPackExpectations, packExpectations, PackExpectations, rowPackExpectations } from '../src/engine/verify/expectations.js';
import { EntryTable } from '../src/snapshot/entry-table.js';
import { lastCutAtOrBefore } from '../src/engine/verify/pack-lanes.js';
import type { Manifest } from '../src/snapshot/manifest.js';
import type { MemberExpectation } from '../src/snapshot/member-expectation.js';
import type { MemberExpectations } from '../src/snapshot/member-table.js';
import { restore } from '../src/engine/restore/restore.js';
import { cacheFileFor } from '../src/fs-safety/hash-cache.js';
import { decodeCacheFile } from '../src/fs-safety/hash-cache-file.js';
import { pathProblem } from '../src/snapshot/entry-path.js';
import { numericField, numericFieldReference } from '../src/snapshot/tar-header.js';
import { LocalStore } from '../src/storage/local-store.js';
import { entryLocation } from '../src/workers/entry-location.js';
import { createMode, RestoredFile, StampList } from '../src/workers/restored-file.js';
import { seeded, seededBytes, silent, tempDir } from './support/fixtures.js';

const onWindows = process.platform === 'win32';
const KiB = 1024;

/** Files whose restore needs some of the steps a restored file may skip: a size set after a trailing hole, a mode set after the create. */
const FILES: Record<string, { data: Buffer; mode: number }> = {
  'tail-hole.bin': { data: Buffer.concat([seededBytes(1, 1000), Buffer.alloc(200 * KiB)]), mode: 0o644 },
  'all-zero.bin': { data: Buffer.alloc(300 * KiB), mode: 0o644 },
  'mid-hole.bin': { data: Buffer.concat([seededBytes(2, 5000), Buffer.alloc(128 * KiB), seededBytes(3, 7)]), mode: 0o640 },
  'small-zero.bin': { data: Buffer.alloc(10 * KiB), mode: 0o600 },
  empty: { data: Buffer.alloc(0), mode: 0o644 },
  'read-only.txt': { data: Buffer.from('read only\n'), mode: 0o444 },
  'group-write.txt': { data: Buffer.from('group may write\n'), mode: 0o664 },
  'all-write.txt': { data: Buffer.from('anyone may write\n'), mode: 0o666 },
  'tool.sh': { data: Buffer.from('#!/bin/sh\necho hi\n'), mode: 0o775 },
  'no-access': { data: Buffer.from('nobody\n'), mode: 0o000 },
  // Same content, so one member written and copied: modes differ.
  'same/a.txt': { data: seededBytes(9, 3000), mode: 0o600 },
  'same/b.txt': { data: seededBytes(9, 3000), mode: 0o664 },
  'same/c.txt': { data: seededBytes(9, 3000), mode: 0o444 },
};

async function setup() {
  const root = await tempDir('iv-per-file-');
  const src = path.join(root, 'src');
  for (const [rel, f] of Object.entries(FILES)) {
    const file = path.join(src, rel);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, f.data);
    await fs.chmod(file, f.mode);
  }
  const store = new LocalStore(path.join(root, 'store'));
  return { root, src, store };
}

async function withUmask<T>(mask: number, fn: () => Promise<T>): Promise<T> {
  const old = process.umask(mask);
  try {
    return await fn();
  } finally {
    process.umask(old);
  }
}

/** Size, content and permission bits of every file listed in FILES under `dir`. */
async function filesOf(dir: string) {
  const out: Record<string, { size: number; same: boolean; mode: string }> = {};
  for (const [rel, f] of Object.entries(FILES)) {
    const file = path.join(dir, ...rel.split('/'));
    const st = await fs.lstat(file);
    await fs.chmod(file, 0o600); // to read it back, then as it was
    const data = await fs.readFile(file);
    await fs.chmod(file, st.mode & 0o777);
    out[rel] = { size: st.size, same: data.equals(f.data), mode: (st.mode & 0o7777).toString(8) };
  }
  return out;
}

const want = () =>
  Object.fromEntries(Object.entries(FILES).map(([rel, f]) => [rel, { size: f.data.length, same: true, mode: f.mode.toString(8) }]));

/** The cache file's entries, as [size, mtimeNs, ctimeNs, ino] strings by path. */
async function cachedStamps(target: string, cacheDir: string): Promise<Record<string, string[]>> {
  const t = decodeCacheFile(await fs.readFile(cacheFileFor(target, cacheDir)), path.resolve(target));
  const n = t.paths.length;
  return Object.fromEntries([...t.paths].map((rel, i) => [rel, [0, 1, 2, 3].map((c) => String(t.nums[c * n + i]))]));
}

/** The same four numbers from an lstat of each file as it is now: what the cache must describe. */
async function currentStamps(target: string, rels: string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const rel of rels) {
    const st = await fs.lstat(path.join(target, ...rel.split('/')), { bigint: true });
    out[rel] = [st.size, st.mtimeNs, st.ctimeNs, st.ino].map(String);
  }
  return out;
}

describe.skipIf(onWindows)('restored files', () => {
  it('have exactly their size, content and mode whatever the umask: trailing holes, all zeros, empty, read-only, shared content', async () => {
    const { root, src, store } = await setup();
    await backup({ source: src, store, series: 's', logger: silent, hashCache: false });
    for (const mask of [0o022, 0o077, 0o000]) {
      const out = path.join(root, `out-${mask.toString(8)}`);
      await withUmask(mask, () => restore({ target: out, store, series: 's', logger: silent, hashCache: false, reuse: false }));
      expect(await filesOf(out)).toEqual(want());
    }
  });

  it('are recorded in the hash cache with the stamp an lstat of the target gives after the swap, new target or replaced', async () => {
    const { root, src, store } = await setup();
    const cacheDir = path.join(root, 'cache');
    await backup({ source: src, store, series: 's', logger: silent, hashCache: false });
    const out = path.join(root, 'out');
    const rels = Object.keys(FILES);
    for (const force of [false, true]) {
      await restore({ target: out, store, series: 's', logger: silent, cacheDir, force, reuse: false });
      const cached = await cachedStamps(out, cacheDir);
      expect(Object.keys(cached).sort()).toEqual([...rels].sort());
      expect(cached).toEqual(await currentStamps(out, rels));
    }
    // Only the selected subtree is restored (its directory renamed in): its files' entries still hold.
    await restore({ target: out, store, series: 's', logger: silent, cacheDir, force: true, only: ['same'], reuse: false });
    const cached = await cachedStamps(out, cacheDir);
    const sub = rels.filter((r) => r.startsWith('same/'));
    expect(Object.keys(cached).sort()).toEqual(sub);
    expect(cached).toEqual(await currentStamps(out, sub));
  });
});

describe.skipIf(onWindows)('a restored file', () => {
  it('gets its mode even when the create mode was narrowed behind its back (a default ACL, a umask changed meanwhile)', async () => {
    const dir = await tempDir('iv-restored-file-');
    const flags = fsSync.constants.O_WRONLY | fsSync.constants.O_CREAT | fsSync.constants.O_EXCL;
    const old = process.umask(0o027);
    try {
      // Told the umask is 0, it creates with the recorded mode, which the real umask narrows.
      expect(createMode(0o666, 0)).toBe(0o666);
      const f = new RestoredFile([{ rel: 'x', mode: 0o666, mtimeMs: 1_600_000_000_000 }], dir, flags, 64 * KiB, 0);
      f.write(Buffer.from('hello'), 0);
      const stamps = new StampList();
      f.finish(5, stamps);
      const st = fsSync.lstatSync(path.join(dir, 'x'), { bigint: true });
      expect((Number(st.mode) & 0o7777).toString(8)).toBe('666');
      expect(st.mtimeNs).toBe(1_600_000_000_000_000_000n);
      expect(stamps.stamped).toEqual(['x']);
      expect([...stamps.stamps()]).toEqual([st.size, st.mtimeNs, st.ctimeNs, st.ino]);
    } finally {
      process.umask(old);
    }
  });

  it('is created with its own mode only where the owner may write it and the umask leaves it whole', () => {
    for (const [mode, umask, created] of [
      [0o644, 0o022, 0o644],
      [0o664, 0o022, 0o600],
      [0o444, 0o022, 0o600],
      [0o200, 0o022, 0o200],
      [0o000, 0o777, 0o600],
      [0o755, 0o077, 0o600],
      [0o700, 0o077, 0o700],
    ] as const) {
      expect(createMode(mode, umask)).toBe(created);
    }
  });
});

/** Random path segments, of the kinds that trip path code: non-ASCII, astral, lone surrogates, NFD, dots, `__proto__`. */
function randomSegment(rand: () => number): string {
  const pieces = [
    'a',
    'Z',
    '0',
    ' ',
    '.',
    '..',
    '...',
    '-',
    '_',
    '__proto__',
    'constructor',
    'é',
    'e\u0301',
    '日本',
    '😀',
    '\ud800',
    '\udc00',
    ':',
    '~',
    '$',
    '%2e',
    'CON',
    'a.',
  ];
  let s = '';
  const n = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < n; i++) s += pieces[Math.floor(rand() * pieces.length)];
  return s;
}

describe('entryLocation', () => {
  it('is path.join of the split path for every path a manifest may hold, on POSIX and Windows roots (differential)', () => {
    const rand = seeded(42);
    const roots = {
      posix: ['/', '/tmp', '/tmp/.x.index-vault-staging-ab12', '/a b/é/😀'],
      // Not a bare drive root: there Node keeps a doubled separator before a device name with a colon (`CON:`), and staging is never one.
      win32: ['C:\\tmp', 'C:\\a b\\.t.index-vault-staging-01', '\\\\server\\share\\dir', 'D:\\日本'],
    };
    let checked = 0;
    for (let i = 0; i < 4000; i++) {
      const depth = 1 + Math.floor(rand() * 5);
      const rel = Array.from({ length: depth }, () => randomSegment(rand)).join('/');
      if (pathProblem(rel)) continue;
      checked++;
      for (const root of roots.posix) expect(entryLocation(root, rel, '/')).toBe(path.posix.join(root, ...rel.split('/')));
      for (const root of roots.win32) expect(entryLocation(root, rel, '\\')).toBe(path.win32.join(root, ...rel.split('/')));
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

describe('lastCutAtOrBefore', () => {
  it('finds the stretch of a raw position as a linear scan does (differential)', () => {
    const rand = seeded(7);
    for (let t = 0; t < 2000; t++) {
      const cuts = [{ raw: 0 }];
      const n = Math.floor(rand() * 12);
      for (let i = 0; i < n; i++) cuts.push({ raw: cuts[cuts.length - 1]!.raw + 1 + Math.floor(rand() * 100) });
      const raw = Math.floor(rand() * (cuts[cuts.length - 1]!.raw + 150)) - 20;
      let k = 0;
      while (k + 1 < cuts.length && cuts[k + 1]!.raw <= raw) k++;
      expect(lastCutAtOrBefore(cuts, raw)).toBe(k);
    }
  });
});

describe('numericField', () => {
  it('reads every field as the general route does: octal, padded, malformed, base-256, long (differential)', () => {
    const rand = seeded(99);
    const alphabet = [0x00, 0x20, 0x30, 0x31, 0x37, 0x38, 0x39, 0x09, 0x0a, 0x0d, 0xa0, 0x78, 0x2d, 0x2b, 0x80, 0xff];
    const same = (buf: Uint8Array, at: number, len: number) => {
      const fast = numericField(buf, at, len);
      const ref = numericFieldReference(buf, at, len);
      if (!Object.is(fast, ref)) throw new Error(`${JSON.stringify([...buf.subarray(at, at + len)])}: ${fast} vs ${ref}`);
    };
    for (let t = 0; t < 20000; t++) {
      const len = 1 + Math.floor(rand() * 24);
      const at = Math.floor(rand() * 4);
      const buf = Buffer.alloc(at + len + 4, 0x37);
      const kind = rand();
      for (let i = 0; i < len; i++) {
        // Mostly well-formed fields (spaces, digits, spaces, NULs), the rest random bytes.
        const b =
          kind < 0.6
            ? i < len / 4
              ? 0x20
              : i < (len * 3) / 4
                ? 0x30 + Math.floor(rand() * 8)
                : rand() < 0.5
                  ? 0x20
                  : 0x00
            : alphabet[Math.floor(rand() * alphabet.length)]!;
        buf[at + i] = b;
      }
      same(buf, at, len);
    }
    for (const text of [
      '',
      ' ',
      '\0',
      '0',
      '777',
      ' 12 ',
      '12 34',
      '12\0x',
      '\t12',
      '12\t',
      '8',
      '0000000000000000000077',
      '7'.repeat(17),
      '7'.repeat(18),
      ' \u00a07',
    ]) {
      const buf = Buffer.from(text, 'latin1');
      if (buf.length > 0) same(buf, 0, buf.length);
      same(Buffer.concat([buf, Buffer.alloc(1)]), 0, buf.length + 1);
    }
    expect(numericField(Buffer.from('00000001750\0'), 0, 12)).toBe(0o1750);
  });
});

describe('allPackExpectations', () => {
  it('gives each pack what packExpectations gives it, or the same refusal, from one pass (differential)', () => {
    const rand = seeded(2024);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    // An expectation as the fields a reader reads (one may be read through its entry rather than copied).
    const FIELDS = ['member', 'type', 'size', 'sha256', 'target', 'raw', 'span', 'offset', 'length', 'skip'] as const;
    const fields = (x: MemberExpectation) => Object.fromEntries(FIELDS.filter((k) => x[k] !== undefined).map((k) => [k, x[k]]));
    const outcome = (f: () => MemberExpectations) => {
      try {
        const m = f();
        const keys = [...m.keys()];
        const values = [...m.values()];
        expect(m.size).toBe(keys.length);
        for (const [i, k] of keys.entries()) expect(fields(m.get(k)!)).toEqual(fields(values[i]!));
        return { map: keys.map((k, i) => [k, fields(values[i]!)]) };
      } catch (err) {
        return { error: (err as Error).message };
      }
    };
    let refusals = 0;
    let collisions = 0;
    for (let t = 0; t < 400; t++) {
      const id = `snap-${t}`;
      const packCount = 1 + Math.floor(rand() * 4);
      // Older packs first, as a chain lists them; sometimes none of the snapshot's own.
      const packs = Array.from({ length: packCount }, (_, i) => ({ name: `p${i}`, origin: rand() < 0.5 ? id : `older-${i}` }));
      const names = ['a', 'b', 'c', '__proto__', 'constructor', 'é', '😀', 'd/e', 'd/f'];
      const entries = Array.from({ length: Math.floor(rand() * 14) }, (_, k) => {
        const kind = rand();
        const path = `${pick(names)}${k}`;
        if (kind < 0.15) return { type: 'dir', path, mtimeMs: k };
        if (kind < 0.25) return { type: 'symlink', path, target: pick(names), mtimeMs: k };
        const member: string | undefined = rand() < 0.4 ? pick(['shared', '__proto__', 'x']) : undefined;
        return {
          type: 'file',
          path,
          mtimeMs: k,
          exec: false,
          size: pick([0, 1, 2]),
          sha256: pick(['1'.repeat(64), 'ab'.repeat(32)]),
          loc: {
            pack: Math.floor(rand() * (packCount + 1)) - (rand() < 0.05 ? 2 : 0),
            member,
            raw: pick([0, 512]),
            span: 1,
            offset: 0,
            length: 1,
            skip: 0,
          },
        };
      });
      // Sometimes a file stored under the name of a directory or link of the tree.
      const treePaths = entries.filter((e) => e.type !== 'file').map((e) => e.path);
      for (const e of entries) if (e.type === 'file' && treePaths.length > 0 && rand() < 0.2) e.loc!.member = pick(treePaths);
      const manifest = { id, packs, entries } as unknown as Manifest;
      const of = allPackExpectations(manifest);
      // As verify takes them: each entry as a manifest is read, after a restart of what was taken before.
      const taken = new PackExpectations();
      for (const e of manifest.entries.slice(0, 3)) taken.entry(e);
      taken.restart();
      for (const e of manifest.entries) taken.entry(e);
      const streamed = taken.of(manifest);
      // Into tables, as a verify of a large manifest takes them.
      const tabled = new PackExpectations(false, true);
      for (const e of manifest.entries) tabled.entry(e);
      const tables = tabled.of(manifest);
      // By rows of a table, as a restore takes them (entries the columns cannot hold, as a bad pack index, kept whole).
      const table = EntryTable.of(manifest.entries);
      const firstOwn = packs.findIndex((p) => p.origin === id);
      const rowsOf = (want: (r: number) => boolean) => Array.from({ length: table.length }, (_, r) => r).filter(want);
      const byRows = (i: number) =>
        rowPackExpectations(
          manifest,
          table,
          i,
          rowsOf((r) => table.isFile(r) && table.pack(r) === i),
          i === firstOwn ? rowsOf((r) => !table.isFile(r)) : undefined,
        );
      for (let i = 0; i < packCount; i++) {
        const want = outcome(() => packExpectations(manifest, i));
        if ('error' in want) refusals++;
        if ('error' in want && treePaths.includes(String(want.error).split(' ')[4]!)) collisions++;
        expect(outcome(() => of(i))).toEqual(want);
        expect(outcome(() => streamed(i))).toEqual(want);
        expect(outcome(() => tables(i))).toEqual(want);
        expect(outcome(() => byRows(i))).toEqual(want);
      }
    }
    expect(refusals).toBeGreaterThan(10);
    expect(collisions).toBeGreaterThan(3);
  });
});
