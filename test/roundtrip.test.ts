import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { restore } from '../src/engine/restore/restore.js';
import { verifySeries } from '../src/engine/verify/verify.js';
import { loadManifest, listSnapshotIds } from '../src/engine/series.js';
import { LocalStore } from '../src/storage/local-store.js';
import { describeTree, seededBytes, silent, tempDir, writeTree } from './support/fixtures.js';

const spec = {
  'README.txt': 'an index\n',
  'empty.bin': '',
  'empty-dir': { dir: true },
  'deep/a/b/c/d/leaf.json': '{"x":1}',
  'data/part-0001.lance': seededBytes(1, 300_000),
  'data/part-0002.lance': Buffer.alloc(5 * 1024 * 1024, 7), // spans frames
  'data/random.bin': seededBytes(2, 9 * 1024 * 1024 + 123), // larger than a frame, streamed
  'unicode/日本語/ファイル.txt': 'こんにちは',
  'unicode/café-naïve.txt': 'accents',
  [`long/${'x'.repeat(120)}/${'y'.repeat(120)}.dat`]: 'pax path',
  'bin/run.sh': { exec: '#!/bin/sh\necho hi\n' },
  'links/to-readme': { link: '../README.txt' },
  'links/to-dir': { link: '../data' },
  'links/dangling-inside': { link: 'nothing-here' },
} as const;

async function setup() {
  const root = await tempDir();
  const src = path.join(root, 'my-index');
  const store = new LocalStore(path.join(root, 'store'));
  await writeTree(src, spec);
  return { root, src, store };
}

describe('full snapshot round trip', () => {
  it('restores nested dirs, empty dirs and files, unicode names, exec bits and symlinks exactly', async () => {
    const { root, src, store } = await setup();
    const result = await backup({ source: src, store, logger: silent });
    expect(result.kind).toBe('full');
    expect(result.series).toBe('my-index');
    expect(result.files).toBe(10);
    expect(result.symlinks).toBe(3);
    expect(result.verified).toBe(true);
    expect(result.storedBytes).toBeGreaterThan(0);

    const out = path.join(root, 'restored');
    const r = await restore({ target: out, store, series: 'my-index', logger: silent });
    expect(r.id).toBe(result.id);
    expect(await describeTree(out)).toEqual(await describeTree(src));
    // nothing left beside the target
    expect((await fs.readdir(root)).sort()).toEqual(['my-index', 'restored', 'store']);
  });

  it('splits large trees into several packs and restores them all', async () => {
    const { root, src, store } = await setup();
    const result = await backup({ source: src, store, logger: silent, packBytes: 4 * 1024 * 1024 });
    expect(result.packs).toBeGreaterThan(2);
    const out = path.join(root, 'restored');
    await restore({ target: out, store, series: 'my-index', logger: silent });
    expect(await describeTree(out)).toEqual(await describeTree(src));
  });

  it('writes gzip packs when asked', async () => {
    const { root, src, store } = await setup();
    const result = await backup({ source: src, store, logger: silent, codec: 'gzip', level: 1 });
    expect(result.manifest!.packs[0]!.name.endsWith('.tar.gz')).toBe(true);
    const out = path.join(root, 'restored');
    await restore({ target: out, store, series: 'my-index', logger: silent });
    expect(await describeTree(out)).toEqual(await describeTree(src));
  });

  it("extracts with plain GNU tar into the original tree (plus the pack's .index-vault metadata)", async () => {
    const { root, src, store } = await setup();
    const result = await backup({ source: src, store, logger: silent, packBytes: 4 * 1024 * 1024 });
    const out = path.join(root, 'plain');
    await fs.mkdir(out);
    for (const p of result.manifest!.packs) {
      execFileSync('tar', ['--zstd', '-xf', path.join(store.root, 'my-index', 'packs', p.name), '-C', out]);
    }
    const listing = execFileSync('tar', ['--zstd', '-tf', path.join(store.root, 'my-index', 'packs', result.manifest!.packs[0]!.name)])
      .toString()
      .split('\n');
    expect(listing[0]).toMatch(/^\.index-vault\/.+\/pack-000\.json$/);
    const meta = await describeTree(path.join(out, '.index-vault'));
    expect(Object.keys(meta).length).toBeGreaterThan(1);
    await fs.rm(path.join(out, '.index-vault'), { recursive: true });
    expect(await describeTree(out)).toEqual(await describeTree(src));
  });

  it('replaces a non-empty target only with force, and then removes files not in the snapshot', async () => {
    const { root, src, store } = await setup();
    await backup({ source: src, store, logger: silent });
    const out = path.join(root, 'target');
    await writeTree(out, { 'stale.txt': 'old', 'README.txt': 'old readme', 'data/part-0001.lance': seededBytes(1, 300_000) });
    await expect(restore({ target: out, store, series: 'my-index', logger: silent })).rejects.toMatchObject({ code: 'E_TARGET_NOT_EMPTY' });
    expect(await fs.readFile(path.join(out, 'stale.txt'), 'utf8')).toBe('old');
    const r = await restore({ target: out, store, series: 'my-index', force: true, logger: silent });
    expect(r.reusedFiles).toBeGreaterThanOrEqual(1); // part-0001 had the right content already
    expect(await describeTree(out)).toEqual(await describeTree(src));
    expect((await fs.readdir(root)).sort()).toEqual(['my-index', 'store', 'target']);
  });

  it('lists, verifies and keeps several snapshots apart', async () => {
    const { root, src, store } = await setup();
    const a = await backup({ source: src, store, logger: silent });
    await fs.writeFile(path.join(src, 'README.txt'), 'changed\n');
    const b = await backup({ source: src, store, logger: silent });
    expect(await listSnapshotIds(store, 'my-index')).toEqual([a.id, b.id].sort());
    const reports = await verifySeries(store, 'my-index', undefined);
    expect(reports.map((r) => r.ok)).toEqual([true, true]);
    const out = path.join(root, 'first');
    await restore({ target: out, store, series: 'my-index', snapshot: a.id, logger: silent });
    expect(await fs.readFile(path.join(out, 'README.txt'), 'utf8')).toBe('an index\n');
    const m = await loadManifest(store, 'my-index', b.id);
    expect(m.entries.find((e) => e.path === 'README.txt')).toMatchObject({ type: 'file', size: 8 });
  });

  it('refuses links out of the tree, hard links and FIFOs, naming them; --follow-links stores targets', async () => {
    const root = await tempDir();
    const src = path.join(root, 'src');
    await writeTree(src, { 'a.txt': 'a', 'out-link': { link: '../outside.txt' }, 'abs-link': { link: '/etc/hostname' } });
    await fs.writeFile(path.join(root, 'outside.txt'), 'outside');
    await fs.link(path.join(src, 'a.txt'), path.join(src, 'hard.txt'));
    execFileSync('mkfifo', [path.join(src, 'pipe')]);
    const store = new LocalStore(path.join(root, 'store'));
    const err = (await backup({ source: src, store, logger: silent }).then(
      () => new Error('backup should have failed'),
      (e: unknown) => e as Error,
    )) as Error & { code?: string };
    expect(err).toMatchObject({ code: 'E_UNSUPPORTED' });
    for (const name of ['out-link', 'abs-link', 'hard.txt', 'pipe']) expect(err.message).toContain(name);
    await fs.rm(path.join(src, 'pipe'));
    const ok = await backup({ source: src, store, logger: silent, followLinks: true });
    const out = path.join(root, 'out');
    await restore({ target: out, store, series: ok.series, logger: silent });
    expect(await fs.readFile(path.join(out, 'out-link'), 'utf8')).toBe('outside');
    expect((await fs.lstat(path.join(out, 'out-link'))).isFile()).toBe(true);
    expect(await fs.readFile(path.join(out, 'hard.txt'), 'utf8')).toBe('a');
  });
});

describe('incompressible frames', () => {
  it('random bytes are detected (and go through zstd fast mode at the same size); text, floats and zeros are not', async () => {
    const { looksIncompressible, compressFrame } = await import('../src/snapshot/codec.js');
    const random = seededBytes(42, 4 * 1024 * 1024);
    const text = Buffer.from('the quick brown fox jumps over the lazy dog '.repeat(100_000));
    const floats = Buffer.from(Float32Array.from({ length: 1 << 20 }, (_, i) => Math.round(Math.sin(i) * 100) / 100).buffer);
    expect(looksIncompressible(random)).toBe(true);
    expect(looksIncompressible(text)).toBe(false);
    expect(looksIncompressible(floats)).toBe(false);
    expect(looksIncompressible(Buffer.alloc(1 << 20))).toBe(false);
    const packed = await compressFrame('zstd', 3, random);
    expect(packed.length).toBeLessThan(random.length + 1024);
    const { zstdDecompressSync } = await import('node:zlib');
    expect(zstdDecompressSync(packed).equals(random)).toBe(true);
  });
});
