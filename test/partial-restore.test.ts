import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { backup } from '../src/engine/backup/backup.js';
import { restore } from '../src/engine/restore/restore.js';
import { loadManifest } from '../src/engine/series.js';
import { isIndexVaultError } from '../src/shared/errors.js';
import { LocalStore } from '../src/storage/local-store.js';
import { S3Store } from '../src/storage/s3-store.js';
import { countingStore } from './support/counting-store.js';
import { describeTree, silent, tempDir, writeTree } from './support/fixtures.js';
import { startS3, type S3Server } from './support/s3-server.js';

const KIB64 = 64 * 1024;

/**
 * 200 incompressible files in one pack, and a few small ones in other directories. A read takes
 * whole 1 MiB frames, and a file may straddle two: 256 KiB files make a pack where that is < 5%.
 */
async function bigTree(dir: string, fileBytes = 4 * KIB64) {
  const spec: Record<string, Buffer | string> = {
    'conf/a.json': '{"a":1}',
    'conf/deep/b.json': '{"b":2}',
    'conf/c.txt': 'c',
    'top.txt': 'top',
  };
  for (let i = 0; i < 200; i++) spec[`data/${String(i).padStart(3, '0')}.bin`] = randomBytes(fileBytes);
  await writeTree(dir, spec);
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return isIndexVaultError(err) ? err.code : `raw: ${String(err)}`;
  }
  return 'resolved';
}

/** Every path of a tree with its inode and mtime: what "untouched" means. */
async function stamps(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (dir: string, rel: string): Promise<void> => {
    for (const name of (await fs.readdir(dir)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const st = await fs.lstat(path.join(dir, name));
      out[r] = `${st.ino}:${st.mtimeMs}:${st.size}`;
      if (st.isDirectory()) await walk(path.join(dir, name), r);
    }
  };
  await walk(root, '');
  return out;
}

/** The part of a tree description at or below the given paths. */
function under(tree: Record<string, unknown>, ...roots: string[]) {
  return Object.fromEntries(Object.entries(tree).filter(([p]) => roots.some((r) => p === r || p.startsWith(`${r}/`))));
}

async function setup(fileBytes?: number) {
  const root = await tempDir();
  const src = path.join(root, 'idx');
  await bigTree(src, fileBytes);
  const store = new LocalStore(path.join(root, 'store'));
  const snap = await backup({ source: src, store, logger: silent });
  return { root, src, store, snap, series: snap.series };
}

describe('partial restore (--only)', () => {
  it('restores one file of a large pack reading only its frames, and leaves every other file of the target as it was', async () => {
    const { root, src, store, snap, series } = await setup();
    const target = path.join(root, 'target');
    await fs.cp(src, target, { recursive: true, preserveTimestamps: true });
    await fs.writeFile(path.join(target, 'data/017.bin'), 'damaged');
    await fs.writeFile(path.join(target, 'data/018.bin'), 'changed, and outside the selection');
    await fs.writeFile(path.join(target, 'local-only.txt'), 'not in the snapshot');
    const before = await stamps(target);

    const counting = countingStore(store);
    const r = await restore({ target, store: counting, series, only: ['data/017.bin'], force: true, hashCache: false, logger: silent });
    const packSize = snap.manifest!.packs.reduce((n, p) => n + p.size, 0);
    expect(counting.fetched).toBeLessThan(packSize * 0.05);
    expect(r.fetchedBytes).toBeLessThan(packSize * 0.05);
    expect(r.files).toBe(1);
    expect(r.restoredPaths).toEqual(['data/017.bin']);

    expect(under(await describeTree(target), 'data/017.bin')).toEqual(under(await describeTree(src), 'data/017.bin'));
    const after = await stamps(target);
    for (const [p, s] of Object.entries(before)) if (p !== 'data/017.bin' && p !== 'data') expect(after[p], p).toBe(s);
    expect(await fs.readFile(path.join(target, 'data/018.bin'), 'utf8')).toBe('changed, and outside the selection');
    expect(await fs.readFile(path.join(target, 'local-only.txt'), 'utf8')).toBe('not in the snapshot');
    // No leftovers beside the target.
    expect((await fs.readdir(root)).sort()).toEqual(['idx', 'store', 'target']);
  });

  it("makes a selected directory exactly the snapshot's subtree, only with --force when it is not empty; a glob selects across directories", async () => {
    const { root, src, store, series } = await setup(KIB64);
    const target = path.join(root, 'target');
    await writeTree(target, { 'conf/a.json': 'old', 'conf/extra.txt': 'not in the snapshot', 'mine.txt': 'mine' });
    const before = await describeTree(target);
    expect(await code(restore({ target, store, series, only: ['conf'], logger: silent }))).toBe('E_TARGET_NOT_EMPTY');
    expect(await describeTree(target)).toEqual(before);

    await restore({ target, store, series, only: ['conf/'], force: true, logger: silent });
    const tree = await describeTree(target);
    expect(under(tree, 'conf')).toEqual(under(await describeTree(src), 'conf'));
    expect(tree['mine.txt']).toEqual(before['mine.txt']);
    expect(tree.data).toBeUndefined();

    // Into an empty target: only what the glob matches (and the directories holding it).
    const fresh = path.join(root, 'fresh');
    const r = await restore({ target: fresh, store, series, only: ['**/*.json'], logger: silent });
    expect(r.files).toBe(2);
    expect(Object.keys(await describeTree(fresh)).sort()).toEqual(['conf', 'conf/a.json', 'conf/deep', 'conf/deep/b.json']);
    expect(under(await describeTree(fresh), 'conf/a.json', 'conf/deep/b.json')).toEqual(
      under(await describeTree(src), 'conf/a.json', 'conf/deep/b.json'),
    );
  });

  it('refuses a selector that matches nothing (E_NOT_FOUND) or is not a snapshot path (E_VALIDATION), and --deep-verify with it, leaving the target untouched', async () => {
    const { root, store, series } = await setup(KIB64);
    const target = path.join(root, 'target');
    await writeTree(target, { 'mine.txt': 'mine' });
    const before = await stamps(target);
    expect(await code(restore({ target, store, series, only: ['conf/a.json', 'nope/*.bin'], force: true, logger: silent }))).toBe(
      'E_NOT_FOUND',
    );
    for (const bad of ['../idx', '/etc/passwd', 'conf//a.json', './conf', 'C:/x', '']) {
      expect(await code(restore({ target, store, series, only: [bad], force: true, logger: silent })), bad).toBe('E_VALIDATION');
    }
    expect(await code(restore({ target, store, series, only: ['conf'], deepVerify: true, force: true, logger: silent }))).toBe(
      'E_VALIDATION',
    );
    expect(await code(restore({ target, store, series, tables: ['conf'], force: true, logger: silent }))).toBe('E_VALIDATION');
    expect(await stamps(target)).toEqual(before);
    expect((await fs.readdir(root)).sort()).toEqual(['idx', 'store', 'target']);
  });

  it('never writes through a symlink in the target: a selected path below one is refused', async () => {
    const { root, store, series } = await setup(KIB64);
    const outside = path.join(root, 'outside');
    await writeTree(outside, { 'a.json': 'outside, must stay' });
    const target = path.join(root, 'target');
    await fs.mkdir(target);
    await fs.symlink(outside, path.join(target, 'conf'));
    expect(await code(restore({ target, store, series, only: ['conf/a.json'], force: true, logger: silent }))).toBe('E_UNSAFE_ENTRY');
    expect(await fs.readFile(path.join(outside, 'a.json'), 'utf8')).toBe('outside, must stay');
    expect((await fs.lstat(path.join(target, 'conf'))).isSymbolicLink()).toBe(true);
  });

  it("leaves the target as it was when a selected file's stored bytes were altered", async () => {
    const { root, src, store, snap, series } = await setup();
    const target = path.join(root, 'target');
    await fs.cp(src, target, { recursive: true, preserveTimestamps: true });
    await fs.writeFile(path.join(target, 'data/005.bin'), 'damaged');
    const before = await stamps(target);
    // The adversary flips a byte inside the frames of the selected file.
    const f = snap.manifest!.entries.find((e) => e.path === 'data/005.bin');
    if (f?.type !== 'file') throw new Error('fixture');
    const packFile = path.join(root, 'store', series, 'packs', `${snap.manifest!.packs[f.loc.pack]!.name}`);
    const packPath = (await fs.stat(packFile).catch(() => undefined))
      ? packFile
      : (await findFile(path.join(root, 'store'), snap.manifest!.packs[f.loc.pack]!.name))!;
    const bytes = await fs.readFile(packPath);
    bytes[f.loc.offset + Math.floor(f.loc.length / 2)]! ^= 0xff;
    await fs.writeFile(packPath, bytes);
    expect(await code(restore({ target, store, series, only: ['data/005.bin', 'conf'], force: true, logger: silent }))).toBe('E_INTEGRITY');
    expect(await stamps(target)).toEqual(before);
    expect(await fs.readFile(path.join(target, 'data/005.bin'), 'utf8')).toBe('damaged');
  });

  it("restores a selected file of an incremental snapshot from its chain's packs", async () => {
    const { root, src, store, series } = await setup(KIB64);
    await fs.writeFile(path.join(src, 'conf/a.json'), '{"a":2}');
    const inc = await backup({ source: src, store, logger: silent });
    expect(inc.kind).toBe('incremental');
    const target = path.join(root, 'target');
    await restore({ target, store, series, only: ['conf/a.json', 'data/150.bin'], logger: silent });
    const paths = ['conf', 'conf/a.json', 'data', 'data/150.bin'];
    expect(Object.keys(await describeTree(target)).sort()).toEqual(paths);
    expect(pick(await describeTree(target), paths.slice(1, 2).concat(paths.slice(3)))).toEqual(
      pick(await describeTree(src), ['conf/a.json', 'data/150.bin']),
    );
  });

  it('works through the CLI, with --json reporting what was restored', async () => {
    const { root, src, store, series } = await setup(KIB64);
    const target = path.join(root, 'target');
    await writeTree(target, { 'mine.txt': 'mine' });
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, env: {} };
    expect(
      await runCli(
        ['restore', target, '--store', store.localRoot!, '--name', series, '--only', 'top.txt', '--only', 'conf/deep', '--json', '--quiet'],
        io,
      ),
      err.join(''),
    ).toBe(0);
    const report = JSON.parse(out.join('')) as { restoredPaths: string[]; files: number; fetchedBytes: number };
    expect(report.restoredPaths).toEqual(['conf/deep', 'top.txt']);
    expect(report.files).toBe(2);
    expect(pick(await describeTree(target), ['conf/deep', 'conf/deep/b.json', 'top.txt'])).toEqual(
      pick(await describeTree(src), ['conf/deep', 'conf/deep/b.json', 'top.txt']),
    );
    expect((await describeTree(target))['mine.txt']).toBeDefined();
    err.length = 0;
    expect(
      await runCli(['restore', target, '--store', store.localRoot!, '--name', series, '--only', 'missing.txt', '--quiet'], io),
    ).not.toBe(0);
    expect(err.join('')).toMatch(/E_NOT_FOUND.*missing\.txt|missing\.txt.*E_NOT_FOUND/s);
  });
});

function pick(tree: Record<string, unknown>, paths: string[]) {
  return Object.fromEntries(paths.map((p) => [p, tree[p]]));
}

async function findFile(dir: string, name: string): Promise<string | undefined> {
  for (const d of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) {
      const found = await findFile(p, name);
      if (found) return found;
    } else if (d.name === name) return p;
  }
  return undefined;
}

describe('partial restore of a LanceDB table (--table)', () => {
  it("replaces just the named table, resolved from the snapshot's facts; the other table stays as it was", async () => {
    const root = await tempDir();
    const db = path.join(root, 'db');
    const conn = await lancedb.connect(db);
    const rows = (n: number, off = 0) =>
      Array.from({ length: n }, (_, i) => ({ id: i + off, vector: Array.from({ length: 8 }, (_, j) => Math.sin(i + j + off)) }));
    const a = await conn.createTable('alpha', rows(100));
    const b = await conn.createTable('beta', rows(50));
    const store = new LocalStore(path.join(root, 'store'));
    const snap = await backup({ source: db, store, logger: silent });
    expect(snap.manifest!.source.format).toBe('lancedb');
    const whole = path.join(root, 'whole');
    await restore({ target: whole, store, series: snap.series, logger: silent });
    await a.add(rows(10, 1000));
    await b.add(rows(10, 2000));
    a.close();
    b.close();
    conn.close();
    const betaBefore = await stamps(path.join(db, 'beta.lance'));

    const r = await restore({ target: db, store, series: snap.series, tables: ['alpha'], force: true, logger: silent });
    expect(r.restoredPaths).toEqual(['alpha.lance']);
    expect(under(await describeTree(db), 'alpha.lance')).toEqual(under(await describeTree(whole), 'alpha.lance'));
    expect(await stamps(path.join(db, 'beta.lance'))).toEqual(betaBefore);
    const check = await lancedb.connect(db);
    const ta = await check.openTable('alpha');
    const tb = await check.openTable('beta');
    expect(await ta.countRows()).toBe(100);
    expect(await tb.countRows()).toBe(60);
    ta.close();
    tb.close();
    check.close();
    expect(await code(restore({ target: db, store, series: snap.series, tables: ['gamma'], force: true, logger: silent }))).toBe(
      'E_NOT_FOUND',
    );
    expect((await loadManifest(store, snap.series, snap.id)).id).toBe(snap.id);
  });
});

describe('partial restore from S3 (s3rver)', () => {
  let s3: S3Server;
  beforeAll(async () => {
    s3 = await startS3(['vault']);
  }, 60_000);
  afterAll(async () => {
    await s3?.stop();
  });

  it('reads only the frames of the selected file through ranged GETs', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await bigTree(src, KIB64);
    const store = new S3Store({
      bucket: 'vault',
      prefix: 'partial/',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: s3.credentials,
      logger: silent,
    });
    const snap = await backup({ source: src, store, logger: silent });
    const counting = countingStore(store);
    const target = path.join(root, 'target');
    await writeTree(target, { 'mine.txt': 'mine' });
    await restore({ target, store: counting, series: snap.series, only: ['data/123.bin'], logger: silent });
    // At most the two 1 MiB frames a 64 KiB file can straddle, of a 12.5 MiB pack.
    expect(counting.fetched).toBeLessThan(2.2 * 1024 * 1024);
    expect(pick(await describeTree(target), ['data/123.bin', 'mine.txt'])).toEqual({
      'data/123.bin': (await describeTree(src))['data/123.bin'],
      'mine.txt': (await describeTree(target))['mine.txt'],
    });
    expect(Object.keys(await describeTree(target)).sort()).toEqual(['data', 'data/123.bin', 'mine.txt']);
  });
});

describe('a partial restore killed while moving its subtrees in', () => {
  it('is finished by the next run: subtrees still in staging whose place is empty are moved in', async () => {
    const root = await tempDir();
    const target = path.join(root, 'idx');
    await writeTree(target, { 'keep.txt': 'kept', 'b/old.txt': 'old b' });
    // The state a kill leaves after `a` was moved in and `b`'s old version aside, before the new `b` went in.
    const staging = path.join(root, '.idx.index-vault-staging-000000000001');
    const old = path.join(root, '.idx.index-vault-old-000000000001');
    await writeTree(staging, { 'b/new.txt': 'new b' });
    await writeTree(old, { '1/old.txt': 'old b' });
    await writeTree(target, { 'a/new.txt': 'new a' });
    await fs.rm(path.join(target, 'b'), { recursive: true });
    await fs.writeFile(
      path.join(root, '.idx.index-vault-swap.json'),
      JSON.stringify({ staging: path.basename(staging), old: path.basename(old), roots: ['a', 'b', '../escape'] }),
    );
    const { recoverInterruptedRestore } = await import('../src/fs-safety/swap.js');
    await recoverInterruptedRestore(target, silent);
    const tree = await describeTree(target);
    expect(Object.keys(tree).sort()).toEqual(['a', 'a/new.txt', 'b', 'b/new.txt', 'keep.txt']);
    expect((await fs.readdir(root)).sort()).toEqual(['idx']);
  });
});
