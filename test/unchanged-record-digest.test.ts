import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ScanEntries, type ScannedEntry } from '../src/engine/backup/scan-entries.js';
import { sameTree, scannedTreeDigest } from '../src/engine/backup/tree-digest.js';
import { manifestTreeDigest } from '../src/engine/tree-digest.js';
import type { Entry } from '../src/snapshot/manifest.js';

/** Deterministic randomness, so that a failure reproduces. */
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

/** Names a careless user or an adversary may have: non-ASCII, NFD, astral, lone surrogates, quotes, `__proto__`, separators. */
const PIECES = [
  'a',
  'b',
  'ab',
  'é',
  'e\u0301',
  '𝄞',
  '\ud800',
  '\udc00',
  '"',
  '\\',
  '\n',
  '__proto__',
  'constructor',
  ' ',
  '/',
  '0',
  '\u0000',
  'ß',
];
const SHAS = ['a'.repeat(64), 'b'.repeat(64), `${'a'.repeat(63)}b`];
const MODES = [0o644, 0o600, 0o755, 0o700, 0, undefined];

function name(r: () => number): string {
  let s = '';
  const n = 1 + Math.floor(r() * 3);
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(r() * PIECES.length)]!;
  return s;
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** A scanned tree, its hashes, and the manifest entries it would give. */
function tree(r: () => number): { scanned: ScannedEntry[]; hashes: Map<string, string>; entries: Entry[] } {
  const scanned: ScannedEntry[] = [];
  const hashes = new Map<string, string>();
  const entries: Entry[] = [];
  const n = Math.floor(r() * 6);
  for (let i = 0; i < n; i++) {
    const p = name(r);
    const kind = r();
    if (kind < 0.5) {
      const mode = pick(r, MODES) ?? 0o644;
      const exec = (mode & 0o100) !== 0;
      const sha = pick(r, SHAS);
      scanned.push({ type: 'file', path: p, size: 1, mtimeMs: 1, exec, mode, stamp: i });
      hashes.set(p, sha);
      entries.push({
        type: 'file',
        path: p,
        size: 1,
        mtimeMs: 1,
        exec,
        mode,
        sha256: sha,
        loc: { pack: 0, offset: 0, length: 1, raw: 0, skip: 0, span: 1 },
      });
    } else if (kind < 0.8) {
      const mode = pick(r, MODES) ?? 0o755;
      scanned.push({ type: 'dir', path: p, mtimeMs: 1, mode });
      entries.push({ type: 'dir', path: p, mtimeMs: 1, mode });
    } else {
      const target = name(r);
      scanned.push({ type: 'symlink', path: p, target, mtimeMs: 1 });
      entries.push({ type: 'symlink', path: p, target, mtimeMs: 1 });
    }
  }
  return { scanned, hashes, entries };
}

/** One change of the kind an unchanged backup must see (or, for mtimes and sizes, must not). */
function mutate(r: () => number, entries: Entry[]): Entry[] {
  const out = entries.map((e) => ({ ...e })) as Entry[];
  if (out.length === 0 || r() < 0.1) return out;
  const i = Math.floor(r() * out.length);
  const e = out[i]!;
  const what = r();
  if (what < 0.15) e.path = name(r);
  else if (what < 0.25) e.path = e.path.normalize(r() < 0.5 ? 'NFD' : 'NFC');
  else if (what < 0.35) out.splice(i, 1);
  else if (what < 0.45 && out.length > 1) [out[0], out[out.length - 1]] = [out[out.length - 1]!, out[0]!];
  else if (what < 0.5)
    e.mtimeMs += 1; // not compared
  else if (e.type === 'file') {
    if (what < 0.65) e.sha256 = pick(r, SHAS);
    else if (what < 0.75) e.exec = !e.exec;
    else if (what < 0.85) e.mode = pick(r, MODES);
    else e.size += 1; // not compared: the hash says it
  } else if (e.type === 'dir') {
    if (what < 0.8) e.mode = pick(r, MODES);
    else out[i] = { type: 'symlink', path: e.path, target: '', mtimeMs: 1 };
  } else if (what < 0.8) e.target = name(r);
  else out[i] = { type: 'dir', path: e.path, mtimeMs: 1, mode: 0o755 };
  return out;
}

describe('the tree digest of the record decides as sameTree does', () => {
  it('gives equal digests exactly when sameTree finds the trees equal, on generated and adversarial trees', () => {
    const r = rng(20261130);
    let equal = 0;
    let differ = 0;
    for (let round = 0; round < 4000; round++) {
      const { scanned, hashes, entries } = tree(r);
      const parent = { entries: mutate(r, entries) };
      const columns = ScanEntries.of(scanned);
      const same = sameTree(parent, columns, hashes);
      expect(
        manifestTreeDigest(parent.entries) === scannedTreeDigest(columns, (i) => hashes.get(columns.path(i))),
        JSON.stringify({ parent, scanned }),
      ).toBe(same);
      if (same) equal++;
      else differ++;
    }
    // Both answers were exercised many times.
    expect(equal).toBeGreaterThan(500);
    expect(differ).toBeGreaterThan(500);
  });

  it('keeps apart trees whose fields would run into each other in a plain text', () => {
    const file = (p: string, sha: string, mode?: number): Entry => ({
      type: 'file',
      path: p,
      size: 1,
      mtimeMs: 1,
      exec: false,
      mode,
      sha256: sha,
      loc: { pack: 0, offset: 0, length: 1, raw: 0, skip: 0, span: 1 },
    });
    const digests = [
      [file('ab', 'c')],
      [file('a', 'bc')],
      [file('a', 'b'), file('c', 'd')],
      [file('a', 'b\u0000c'), file('', 'd')],
      [file('\ud800', 'x')],
      [file('\udbff', 'x')],
      [file('\ufffd', 'x')],
      [file('x', 'x', 0o644)],
      [file('x', 'x', undefined)],
      [file('x', 'x', 0)],
      [{ type: 'dir', path: 'x', mtimeMs: 1, mode: 0 } as Entry],
      [{ type: 'symlink', path: 'x', target: '', mtimeMs: 1 } as Entry],
      [{ type: 'symlink', path: 'x', target: '\u0000', mtimeMs: 1 } as Entry],
      [],
    ].map(manifestTreeDigest);
    expect(new Set(digests).size).toBe(digests.length);
    // -0 is the mode 0, as === says.
    expect(manifestTreeDigest([file('x', 'x', -0)])).toBe(manifestTreeDigest([file('x', 'x', 0)]));
  });
});

describe('the bytes of a tree digest', () => {
  it('writes every string as its length and its UTF-16 code units, lone surrogates and long strings alike', () => {
    const next = rng(7);
    const strings = ['', 'a', '\ud800', 'x\udc00y', '😀', 'é/e\u0301', 'z'.repeat(40_000), `${'\ud83d'.repeat(33_000)}a`];
    for (let i = 0; i < 200; i++)
      strings.push(Array.from({ length: Math.floor(next() * 8) }, () => PIECES[Math.floor(next() * PIECES.length)]).join(''));
    // The encoding written out a code unit at a time, as the digest's comment gives it.
    const reference = createHash('sha256');
    const entries: Entry[] = [];
    for (const s of strings) {
      const head = Buffer.alloc(5);
      head[0] = 3;
      head.writeUInt32LE(s.length, 1);
      reference.update(head);
      const units = Buffer.alloc(2 * s.length);
      for (let k = 0; k < s.length; k++) units.writeUInt16LE(s.charCodeAt(k), 2 * k);
      reference.update(units);
      const target = Buffer.alloc(4);
      target.writeUInt32LE(s.length);
      reference.update(target);
      reference.update(units);
      entries.push({ type: 'symlink', path: s, target: s, mtimeMs: 0 } as Entry);
    }
    expect(manifestTreeDigest(entries)).toBe(reference.digest('hex'));
  });
});
