import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManifest, manifestKey } from '../src/engine/series.js';
import { comparePaths } from '../src/snapshot/entry-path.js';
import { readManifest, readManifestHead, streamManifest } from '../src/snapshot/manifest-stream.js';
import { MANIFEST_FORMAT, parseManifest, sealManifestText, type Entry, type ManifestBody } from '../src/snapshot/manifest.js';
import { LocalStore } from '../src/storage/local-store.js';
import { WrappedStore } from './support/wrapped-store.js';

const ID = '20261122T143501123Z-1a2b3c4d';
const PARENT = '20261121T143501123Z-0a2b3c4d';

/** Names an adversary or an odd file system gives: non-ASCII, astral, lone surrogates, NFD, JSON's own punctuation, prototype words. */
const NAMES = [
  'a',
  'b.txt',
  'café',
  '日本語',
  '\u{1f600}',
  '\u{10ffff}z',
  '\ud800',
  'x\udfffy',
  '__proto__',
  'constructor',
  'prototype',
  'q"uote',
  '},{"path":"x"',
  'x},{',
  '],[',
  'tab\there',
  'nl\n',
  '\u2028\u2029',
  '\x7f',
  '\u0001',
  '\u00e9\u00e9',
  'é'.repeat(120),
];
/** Names every reader refuses (a backslash, NFD): a sealed manifest holding one is refused the same way. */
const REFUSED_NAMES = ['cafe\u0301', 'back\\slash', '\\u0061'];

const bigNumber = fc.constantFrom(0, 1, 511, 2 ** 31, 2 ** 40 + 7, 2 ** 53 - 1, 1e21, 1e-7, -0, 0.1 + 0.2, -1.5e300, 5e-324);
/** Facts as a format pins them: nested JSON with odd keys and numbers; sometimes an own `__proto__` key, sometimes 63 to 66 levels deep. */
const facts = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  {
    weight: 4,
    arbitrary: fc.dictionary(
      fc.constantFrom('tables', 'version', 'é', '\u{1f600}', 'constructor', 'z'),
      fc.oneof(fc.jsonValue({ maxDepth: 3 }), bigNumber),
      {
        maxKeys: 4,
      },
    ),
  },
  { weight: 1, arbitrary: fc.constant(JSON.parse('{"__proto__":{"x":1},"a":1}') as Record<string, unknown>) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 60, max: 66 }).map((depth) => {
      let v: unknown = 1;
      for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { k: v };
      return { deep: v } as Record<string, unknown>;
    }),
  },
);

interface Shape {
  names: string[];
  kinds: Array<'file' | 'dir' | 'symlink'>;
  sizes: number[];
  mtimes: number[];
  version: 1 | 2;
  incremental: boolean;
  facts: Record<string, unknown> | undefined;
  sub: boolean;
}

/** A manifest body as the writer makes them, over the shape's names: files, dirs, symlinks, a subdirectory. */
function bodyOf(s: Shape): ManifestBody {
  const entries: Entry[] = [];
  const size = (i: number) => s.sizes[i % s.sizes.length]!;
  const mtime = (i: number) => s.mtimes[i % s.mtimes.length]!;
  const add = (p: string, kind: 'file' | 'dir' | 'symlink', i: number) => {
    if (kind === 'dir')
      entries.push(
        s.version === 2 ? { path: p, type: 'dir', mode: 0o755, mtimeMs: mtime(i) } : { path: p, type: 'dir', mtimeMs: mtime(i) },
      );
    else if (kind === 'symlink') entries.push({ path: p, type: 'symlink', target: s.names[(i + 1) % s.names.length]!, mtimeMs: mtime(i) });
    else {
      const exec = i % 3 === 0;
      const loc = { length: 1 + i, offset: i * 7, pack: i % 2, raw: 512 * i, skip: i % 2 ? 0 : i, span: 512 + size(i) };
      const member = i % 5 === 4 ? { ...loc, member: 'shared/' + s.names[0]! } : loc;
      entries.push({
        path: p,
        type: 'file',
        size: size(i),
        exec,
        ...(s.version === 2 ? { mode: exec ? 0o755 : 0o644 } : {}),
        mtimeMs: mtime(i),
        sha256: createHash('sha256').update(p).digest('hex'),
        loc: member,
      });
    }
  };
  s.names.forEach((n, i) => add(n, s.kinds[i % s.kinds.length]!, i));
  if (s.sub) {
    add('sub', 'dir', 0);
    s.names.forEach((n, i) => add(`sub/${n}`, 'file', i + 1));
  }
  entries.sort((a, b) => comparePaths(a.path, b.path));
  const count = (t: string) => entries.filter((e) => e.type === t).length;
  const pack = (i: number) => ({
    codec: 'zstd' as const,
    name: `${ID}-00${i}.tar.zst`,
    origin: i ? PARENT : ID,
    rawSize: 2 ** 53 - 1,
    sha256: String(i).repeat(64),
    size: 2 ** 52,
  });
  // Keys in any order: the writer sorts them.
  return {
    totals: {
      files: count('file'),
      dirs: count('dir'),
      symlinks: count('symlink'),
      bytes: entries.reduce((n, e) => n + (e.type === 'file' ? e.size : 0), 0),
      packedBytes: 2 ** 53 - 1,
      storedBytes: 0,
    },
    tool: 'index-vault 0.1.0 ✓',
    source: { name: 'src é', format: s.facts ? 'lancedb' : 'dir', platform: 'linux', ...(s.facts ? { facts: s.facts } : {}) },
    series: 'séries',
    parent: s.incremental ? { id: PARENT, digest: `sha256:${'e'.repeat(64)}` } : null,
    packs: [pack(0), pack(1)],
    kind: s.incremental ? 'incremental' : 'full',
    id: ID,
    formatVersion: s.version,
    format: MANIFEST_FORMAT,
    entries,
    depth: s.incremental ? 3 : 0,
    createdAt: '2026-11-22T14:35:01.123Z',
  } as ManifestBody;
}

const shape: fc.Arbitrary<Shape> = fc.record({
  names: fc.uniqueArray(
    fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...NAMES) }, { weight: 1, arbitrary: fc.constantFrom(...REFUSED_NAMES) }),
    {
      maxLength: 12,
    },
  ),
  kinds: fc.array(fc.constantFrom('file' as const, 'dir' as const, 'symlink' as const), { minLength: 1, maxLength: 4 }),
  sizes: fc.array(fc.oneof(fc.nat(100_000), fc.constantFrom(0, 2 ** 40, 2 ** 45 - 1)), { minLength: 1, maxLength: 3 }),
  mtimes: fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(1_700_000_000_000.5, -1, 0, 2 ** 53)), {
    minLength: 1,
    maxLength: 3,
  }),
  version: fc.constantFrom(1 as const, 2 as const),
  incremental: fc.boolean(),
  facts,
  sub: fc.boolean(),
});

/** Chunkings: whole, 1 byte, 7, 4096, and random cuts (which land inside UTF-8 sequences and escapes). */
function* chunkings(bytes: Buffer, cuts: number[]): Generator<Buffer[]> {
  const fixed = (size: number) => {
    const out: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
    return out;
  };
  yield [bytes];
  yield fixed(1);
  yield fixed(7);
  yield fixed(4096);
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  yield out;
}

type Decision = { value: unknown; text: string } | { error: string; code: unknown; message: string };

/**
 * Deep equality with nothing left out: the same prototypes, the same own keys in the same order,
 * primitives by Object.is (so -0 is not 0). (vitest's strict equality compares `.constructor`,
 * which an own `constructor` key of a manifest's facts makes differ between equal values.)
 */
function same(a: unknown, b: unknown, at = '(top)'): void {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    if (!Object.is(a, b)) expect.fail(`${at}: ${String(a)} is not ${String(b)}`);
    return;
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) expect.fail(`${at}: prototypes differ`);
  const ka = Reflect.ownKeys(a);
  const kb = Reflect.ownKeys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) expect.fail(`${at}: keys ${String(ka)} are not ${String(kb)}`);
  for (const k of ka) same((a as Record<string | symbol, unknown>)[k], (b as Record<string | symbol, unknown>)[k], `${at}.${String(k)}`);
}

function sameDecision(got: Decision, want: Decision, name = ''): void {
  if ('value' in want && 'value' in got) same(got.value, want.value, name);
  else expect(got, name).toStrictEqual(want);
}

function reference(bytes: Buffer): Decision {
  try {
    const value = parseManifest(bytes, 'manifest of snapshot x');
    return { value, text: JSON.stringify(value) };
  } catch (err) {
    return { error: (err as Error).constructor.name, code: (err as { code?: unknown }).code, message: (err as Error).message };
  }
}

/** The chunks as a source that reads each into the same memory (as a local store's reader does), overwritten after it is taken. */
function* reused(chunks: Buffer[]): Generator<Buffer> {
  const memory = Buffer.alloc(Math.max(1, ...chunks.map((c) => c.length)));
  for (const c of chunks) {
    c.copy(memory);
    yield memory.subarray(0, c.length);
    memory.fill(0x7b);
  }
}

async function streamed(chunks: Iterable<Buffer>, bytes: Buffer, batchBytes?: number): Promise<Decision> {
  try {
    const value = await readManifest(chunks, 'manifest of snapshot x', () => bytes, batchBytes);
    return { value, text: JSON.stringify(value) };
  } catch (err) {
    return { error: (err as Error).constructor.name, code: (err as { code?: unknown }).code, message: (err as Error).message };
  }
}

/**
 * readManifestHead with a sink that records what it is given: the members but the entries, then
 * the entries the sink holds at the end (those after its last restart), and how often it restarted.
 */
async function streamedHead(chunks: Iterable<Buffer>, bytes: Buffer, batchBytes?: number): Promise<Decision & { restarts?: number }> {
  const taken: Entry[] = [];
  let restarts = 0;
  const sink = { entry: (e: Entry) => void taken.push(e), restart: () => void ((taken.length = 0), restarts++) };
  try {
    const head = await readManifestHead(chunks, 'manifest of snapshot x', () => bytes, sink, batchBytes);
    if ('entries' in head) expect.fail('the head holds the entries');
    const value = { ...head, entries: taken };
    return { value, text: JSON.stringify(value), restarts };
  } catch (err) {
    return { error: (err as Error).constructor.name, code: (err as { code?: unknown }).code, message: (err as Error).message };
  }
}

/** The reference decision as readManifestHead's value is laid out: the entries last. */
function headOf(want: Decision): Decision {
  if (!('value' in want)) return want;
  const { entries, ...head } = want.value as { entries: unknown };
  const value = { ...head, entries };
  return { value, text: JSON.stringify(value) };
}

/**
 * The same value (deep, and the same text in key order) or the same refusal as parseManifest, for
 * every chunking, read whole or with the entries handed to a sink; and a manifest parseManifest accepts is accepted by the stream route itself,
 * without falling back, when `mustStream`.
 */
async function agrees(bytes: Buffer, cuts: number[], mustStream: boolean, batchBytes?: number): Promise<void> {
  const want = reference(bytes);
  for (const chunks of chunkings(bytes, cuts)) {
    sameDecision(await streamed(chunks, bytes, batchBytes), want);
    sameDecision(await streamed(reused(chunks), bytes, batchBytes), want);
    const head = await streamedHead(reused(chunks), bytes, batchBytes);
    const restarts = head.restarts;
    delete head.restarts;
    sameDecision(head, headOf(want));
    // Not for an object with integer-like keys ({"":1,"0":2}), which JSON.parse orders first: the in-place match leaves it to the reference.
    if (mustStream && 'value' in want && want.text + '\n' === bytes.toString()) {
      for (const source of [chunks, reused(chunks)]) {
        const direct = await streamManifest(source, 'manifest of snapshot x', batchBytes);
        expect('manifest' in direct ? 'streamed' : direct.fallback).toBe('streamed');
        same((direct as { manifest: unknown }).manifest, want.value);
      }
      // The sink was given each entry once, by the stream route itself.
      expect(restarts).toBe(0);
    }
  }
}

/** Recomputes the digest over the bytes as they stand, as an adversary who can write the store does. */
function reforge(bytes: Buffer): Buffer {
  const text = bytes.toString('latin1');
  const m = /,"digest":"sha256:([0-9a-f]{64})"/.exec(text);
  if (!m) return bytes;
  const hex = createHash('sha256')
    .update(bytes.subarray(0, m.index))
    .update(bytes.subarray(m.index + m[0].length, bytes.length - 1))
    .digest('hex');
  const out = Buffer.from(bytes);
  out.write(hex, m.index + m[0].length - 65, 'latin1');
  return out;
}

const cuts = fc.array(fc.nat(), { maxLength: 12 });
/** Batches of every entry alone (1 byte), of a few, and of the real size: batch boundaries fall between any two entries. */
const batchBytes = fc.constantFrom(undefined, 1, 100, 333);

describe('reading a manifest as a stream', () => {
  it('returns exactly what parseManifest returns for manifests the writer seals, in any chunks, without falling back', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(shape, cuts, batchBytes, async (s, c, batch) => {
        const { bytes } = sealManifestText(bodyOf(s));
        const want = reference(bytes);
        if ('value' in want) accepted++;
        await agrees(bytes, c, true, batch);
      }),
      { numRuns: 250 },
    );
    // The generator is not all refusals: about two in five sealed manifests are valid (the runs are
    // random, so the bound sits well below that: 106–127 of 250 in six runs, 98 once in CI).
    expect(accepted).toBeGreaterThan(60);
  });

  it('decides every single-byte change, truncation and appended byte as parseManifest does, with the digest as stored or recomputed', async () => {
    const change = fc.record({
      kind: fc.constantFrom('replace', 'insert', 'delete', 'truncate', 'append'),
      where: fc.constantFrom('head', 'boundary', 'anywhere', 'tail'),
      at: fc.nat(),
      byte: fc.oneof(
        fc.constantFrom(0x20, 0x22, 0x2c, 0x5c, 0x5b, 0x5d, 0x7b, 0x7d, 0x30, 0x3a, 0x0a, 0xc3, 0xff, 0x80, 0xed),
        fc.nat(255),
      ),
      forge: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(shape, change, cuts, batchBytes, async (s, ch, c, batch) => {
        const { bytes } = sealManifestText(bodyOf({ ...s, facts: undefined }));
        const text = bytes.toString('latin1');
        const boundaries = [...text.matchAll(/\},\{|\]|\[/g)].map((m) => m.index + (ch.at % 3));
        const at =
          ch.where === 'head'
            ? ch.at % Math.min(bytes.length, 200)
            : ch.where === 'boundary' && boundaries.length > 0
              ? boundaries[ch.at % boundaries.length]! % bytes.length
              : ch.where === 'tail'
                ? bytes.length - 1 - (ch.at % Math.min(bytes.length, 150))
                : ch.at % bytes.length;
        const b = Buffer.from([ch.byte]);
        let changed: Buffer;
        switch (ch.kind) {
          case 'replace':
            changed = Buffer.concat([bytes.subarray(0, at), b, bytes.subarray(at + 1)]);
            break;
          case 'insert':
            changed = Buffer.concat([bytes.subarray(0, at), b, bytes.subarray(at)]);
            break;
          case 'delete':
            changed = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
            break;
          case 'truncate':
            changed = bytes.subarray(0, at);
            break;
          default:
            changed = Buffer.concat([bytes, b]);
        }
        await agrees(ch.forge ? reforge(changed) : changed, c, false, batch);
      }),
      { numRuns: 400 },
    );
  });

  it('decides forged manifests (digest recomputed) as parseManifest does: reordered keys, duplicated entries, packs out of range, totals off, odd numbers and escapes, deep facts, __proto__', async () => {
    const base = (over: Partial<Shape> = {}) =>
      bodyOf({
        names: ['a', 'café', '\u{1f600}', 'q"uote', 'x\udfffy'],
        kinds: ['file', 'dir', 'symlink'],
        sizes: [3, 2 ** 40],
        mtimes: [1_700_000_000_000.5],
        version: 2,
        incremental: true,
        facts: { tables: ['t'] },
        sub: true,
        ...over,
      });
    const sealed = (b: ManifestBody) => sealManifestText(b).bytes;
    const text = (b: Buffer) => b.toString('utf8');
    const good = sealed(base());
    expect('value' in reference(good)).toBe(true);
    const edits: Array<[string, Buffer]> = [];
    const edit = (name: string, f: (t: string) => string) => edits.push([name, reforge(Buffer.from(f(text(good))))]);
    edit('keys swapped', (t) => t.replace(/"kind":("[a-z]+"),"packs":(\[.*?\]),"parent"/, '"packs":$2,"kind":$1,"parent"'));
    edit('tool before totals swapped', (t) => t.replace(/"tool":("[^"]*"),"totals":(\{[^}]*\})/, '"totals":$2,"tool":$1'));
    edit('an entry twice', (t) => t.replace(/"entries":\[(\{.*?"type":"dir"\}),/, '"entries":[$1,$1,'));
    edit('an entry dropped', (t) => t.replace(/"entries":\[(\{.*?"type":"dir"\}),/, '"entries":['));
    edit('1.0', (t) => t.replace('"depth":3', '"depth":3.0'));
    edit('entry number 1e0', (t) => t.replace('"pack":0', '"pack":0e0'));
    edit('\\u0061', (t) => t.replace('"path":"a"', '"path":"\\u0061"'));
    edit('uppercase lone surrogate escape', (t) => t.replace('\\udfff', '\\uDFFF'));
    edit('escaped slash', (t) => t.replace('"platform":"linux"', '"platform":"lin\\/ux"'));
    edit('space after colon in an entry', (t) => t.replace('"size":3', '"size": 3'));
    edit('__proto__ in an entry', (t) => t.replace('"exec":false', '"__proto__":false'));
    edit('__proto__ escaped at the top', (t) => t.replace('"tool":', '"__pr\\u006fto__":'));
    edit('extra top-level member', (t) => t.replace('"tool":', '"tool0":1,"tool":'));
    edit('entries not an array', (t) => t.replace(/"entries":\[(.*)\],"format"/, '"entries":{"x":[$1]},"format"'));
    edit('empty entries', (t) => t.replace(/"entries":\[(.*)\],"format"/, '"entries":[],"format"'));
    edit('trailing comma in entries', (t) => t.replace(/\],"format"/, ',],"format"'));
    edit('byte-order mark', (t) => '\ufeff' + t);
    edit('CRLF', (t) => t.replace(/\n$/, '\r\n'));
    edit('no newline', (t) => t.replace(/\n$/, ''));
    edit('two newlines', (t) => t + '\n');
    edit('digest first', (t) => t.replace(/"createdAt":("[^"]*"),"depth":3,("digest":"[^"]*")/, '$2,"createdAt":$1,"depth":3'));
    const forgedBody = (f: (b: ManifestBody) => void, over?: Partial<Shape>) => {
      const b = base(over);
      f(b);
      return sealed(b);
    };
    edits.push([
      'pack out of range',
      forgedBody((b) => ((b.entries.find((e) => e.type === 'file') as { loc: { pack: number } }).loc.pack = 2)),
    ]);
    edits.push(['totals off by one', forgedBody((b) => (b.totals.files += 1))]);
    edits.push(['bytes off by one', forgedBody((b) => (b.totals.bytes -= 1))]);
    edits.push(['unsorted entries', forgedBody((b) => b.entries.reverse())]);
    edits.push(['unsafe path', forgedBody((b) => (b.entries[0]!.path = '../x'))]);
    edits.push(['format 3', forgedBody((b) => (b.formatVersion = 3))]);
    edits.push(['format 1 with modes', forgedBody((b) => (b.formatVersion = 1))]);
    edits.push(['wrong format', forgedBody((b) => ((b as { format: string }).format = 'x'))]);
    edits.push(['own parent', forgedBody((b) => (b.parent = { id: ID, digest: 'x' }))]);
    edits.push(['full with a parent', forgedBody((b) => (b.kind = 'full'))]);
    edits.push(['missing totals', forgedBody((b) => delete (b as Partial<ManifestBody>).totals)]);
    for (const depth of [61, 62, 63, 64, 65, 66]) {
      let v: unknown = 1;
      for (let i = 0; i < depth; i++) v = { k: v };
      edits.push([`facts ${depth} deep`, forgedBody((b) => (b.source.facts = { deep: v }))]);
    }
    for (const [name, bytes] of edits) {
      const want = reference(bytes);
      // Each forgery is a different text, and most of them are refused.
      expect(bytes.equals(good), name).toBe(false);
      for (const chunks of chunkings(bytes, [5, 100, 101, 333]))
        for (const batch of [undefined, 1, 200]) sameDecision(await streamed(chunks, bytes, batch), want, name);
    }
    const refused = edits.filter(([, b]) => 'error' in reference(b)).length;
    expect(refused).toBeGreaterThan(edits.length - 6);
  });

  it('decides every structural byte replaced by another (digest recomputed) as parseManifest does', async () => {
    const { bytes } = sealManifestText(
      bodyOf({
        names: ['a', 'b'],
        kinds: ['file', 'dir'],
        sizes: [1],
        mtimes: [2],
        version: 2,
        incremental: true,
        facts: { t: [1, { u: null }] },
        sub: false,
      }),
    );
    const structural = [0x7b, 0x7d, 0x5b, 0x5d, 0x2c, 0x3a, 0x22, 0x0a];
    let cases = 0;
    for (let at = 0; at < bytes.length; at++) {
      if (!structural.includes(bytes[at]!)) continue;
      for (const b of structural) {
        if (b === bytes[at]) continue;
        const changed = Buffer.from(bytes);
        changed[at] = b;
        const forged = reforge(changed);
        const want = reference(forged);
        for (const batch of [undefined, 1]) sameDecision(await streamed([forged], forged, batch), want, `${at} ${b}`);
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(500);
  });

  it('returns the same value for a large manifest cut into batches, and accepts it without falling back', async () => {
    const names = Array.from({ length: 12_000 }, (_, i) => `dir-${i % 40}-é\u{1f600}/file-${i}-"\u0001-${'x'.repeat(i % 50)}`);
    const dirs = [...new Set(names.map((n) => n.slice(0, n.indexOf('/'))))];
    const b = bodyOf({ names: [], kinds: ['file'], sizes: [1], mtimes: [1], version: 2, incremental: false, facts: undefined, sub: false });
    const entries: Entry[] = [
      ...dirs.map((p) => ({ path: p, type: 'dir' as const, mode: 0o755, mtimeMs: 2 })),
      ...names.map((p, i) => ({
        path: p,
        type: 'file' as const,
        size: i,
        exec: false,
        mode: 0o644,
        mtimeMs: 1_700_000_000_000 + i,
        sha256: 'c'.repeat(64),
        loc: { length: 1, offset: i, pack: 0, raw: i * 1024, skip: 0, span: 512 + i },
      })),
    ].sort((x, y) => comparePaths(x.path, y.path));
    b.entries = entries;
    b.totals = { ...b.totals, files: names.length, dirs: dirs.length, bytes: names.reduce((n, _, i) => n + i, 0) };
    const { bytes } = sealManifestText(b);
    expect(bytes.length).toBeGreaterThan(2.5 * 1024 * 1024);
    const want = reference(bytes);
    expect('value' in want).toBe(true);
    for (const size of [4093, 65536, 1 << 20]) {
      const chunks: Buffer[] = [];
      for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
      const direct = await streamManifest(chunks, 'manifest of snapshot x');
      expect('manifest' in direct ? 'streamed' : direct.fallback).toBe('streamed');
      same((direct as { manifest: unknown }).manifest, (want as { value: unknown }).value);
    }
  });
});

describe('loading a manifest from a store', () => {
  let dir: string;
  let store: LocalStore;
  let good: Buffer;
  let forged: Buffer;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'iv-manifest-stream-'));
    store = new LocalStore(dir);
    const body = bodyOf({
      names: ['a', 'b'],
      kinds: ['file'],
      sizes: [3],
      mtimes: [1],
      version: 2,
      incremental: false,
      facts: undefined,
      sub: false,
    });
    body.series = 's';
    good = sealManifestText(body).bytes;
    // Digest recomputed over a text with a space: refused as not canonical by the whole path.
    forged = reforge(Buffer.from(good.toString().replace('"depth":0', '"depth": 0')));
    await fs.mkdir(path.join(dir, 's', 'snapshots'), { recursive: true });
    await fs.writeFile(path.join(dir, manifestKey('s', ID)), good);
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** A store whose reads of the manifest return the given bytes in turn (one read each), counting them. */
  function turns(...reads: Buffer[]): WrappedStore & { reads: number } {
    const s = new WrappedStore(store) as WrappedStore & { reads: number };
    s.reads = 0;
    s.get = async () => {
      const bytes = reads[s.reads++]!;
      return (async function* () {
        for (let at = 0; at < bytes.length; at += 5) yield bytes.subarray(at, at + 5);
      })();
    };
    return s;
  }

  it('reads a canonical manifest once, as a stream', async () => {
    const s = turns(good);
    const m = await loadManifest(s, 's', ID);
    same(m, parseManifest(good));
    expect(s.reads).toBe(1);
    // A local store's file, read through one reused buffer.
    same(await loadManifest(store, 's', ID), parseManifest(good));
  });

  it('falls back to reading the object again whole, and decides on what that second read returns', async () => {
    // Damaged on the first read, sound on the second: the second read is what counts.
    const healed = turns(forged, good);
    same(await loadManifest(healed, 's', ID), parseManifest(good));
    expect(healed.reads).toBe(2);
    // Damaged differently on the second read: refused for what the second read holds.
    const truncated = good.subarray(0, good.length - 3);
    const worse = turns(forged, truncated);
    await expect(loadManifest(worse, 's', ID)).rejects.toThrow(/manifest of snapshot .* is not valid JSON/);
    expect(worse.reads).toBe(2);
    const twice = turns(forged, forged);
    expect(() => parseManifest(forged, `manifest of snapshot ${ID}`)).toThrow(
      `manifest of snapshot ${ID} digest does not match its content`,
    );
    await expect(loadManifest(twice, 's', ID)).rejects.toMatchObject({
      code: 'E_INTEGRITY',
      message: `manifest of snapshot ${ID} digest does not match its content`,
    });
  });

  it('stops reading a stream it gives up on', async () => {
    let yielded = 0;
    let closed = false;
    const s = new WrappedStore(store);
    let first = true;
    s.get = async () => {
      if (!first)
        return (async function* () {
          yield good;
        })();
      first = false;
      return (async function* () {
        try {
          yield Buffer.from('{ "createdAt"');
          for (;;) {
            yielded++;
            yield Buffer.alloc(1024, 0x20);
          }
        } finally {
          closed = true;
        }
      })();
    };
    expect((await loadManifest(s, 's', ID)).id).toBe(ID);
    expect(closed).toBe(true);
    expect(yielded).toBe(0);
  });
});
