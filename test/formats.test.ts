import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../src/action/inputs.js';
import { renderSummary } from '../src/action/summary.js';
import { runCli } from '../src/cli/run.js';
import { backup } from '../src/engine/backup/backup.js';
import { sealManifest, type Manifest } from '../src/snapshot/manifest.js';
import { restore } from '../src/engine/restore/restore.js';
import { manifestKey, putManifest } from '../src/engine/series.js';
import { LocalStore } from '../src/storage/local-store.js';
import { describeTree, seededBytes, silent, tempDir, writeTree, type TreeItem } from './support/fixtures.js';

const FIX = path.resolve(__dirname, 'fixtures');
const TANTIVY = path.resolve(
  __dirname,
  'native/node_modules/@oxdev03/node-tantivy-binding-linux-x64-gnu/node-tantivy-binding.linux-x64-gnu.node',
);

function rows(from: number, n: number) {
  return Array.from({ length: n }, (_, k) => ({
    id: from + k,
    text: `doc ${from + k}`,
    vector: Array.from({ length: 8 }, (_, j) => Math.sin(from + k + j)),
  }));
}

async function startChild(args: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (c) => reject(new Error(`writer exited with ${c}`)));
  });
  return child;
}

async function stop(child: ChildProcess) {
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
}

async function topK(dir: string, table: string, version?: number) {
  const db = await lancedb.connect(dir);
  const t = await db.openTable(table);
  if (version !== undefined) await t.checkout(version);
  const hits = (await t
    .vectorSearch(Array.from({ length: 8 }, (_, j) => Math.cos(j)))
    .limit(5)
    .toArray()) as Array<{ id: number }>;
  const out = { rows: await t.countRows(), version: await t.version(), ids: hits.map((h) => h.id) };
  t.close();
  db.close();
  return out;
}

describe('LanceDB', () => {
  it('snapshots a table under a concurrent writer into copies that open at the pinned version with the same rows and answers', async () => {
    const root = await tempDir();
    const dbDir = path.join(root, 'db');
    const db = await lancedb.connect(dbDir);
    const table = await db.createTable('docs', rows(0, 2000));
    await table.createIndex('id');
    table.close();
    db.close();
    const store = new LocalStore(path.join(root, 'store'));
    const writer = await startChild([path.join(FIX, 'lance-writer.mjs'), dbDir, 'docs']);
    const snaps = [];
    try {
      for (let k = 0; k < 6; k++) {
        snaps.push(await backup({ source: dbDir, store, logger: silent, mode: k % 2 === 0 ? 'full' : 'auto' }));
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await stop(writer);
    }
    const versions = new Set<number>();
    // An `auto` backup that finds no commit since the last one is `unchanged`, with that one's id: one target per backup.
    for (const [k, s] of snaps.entries()) {
      expect(s.manifest!.source.format).toBe('lancedb');
      const facts = (s.manifest!.source.facts as { tables: Array<{ table: string; version: number; rows: number }> }).tables;
      expect(facts).toHaveLength(1);
      expect(facts[0]!.table).toBe('docs');
      versions.add(facts[0]!.version);
      // Only the pinned version's files: one manifest, its own commit record, no staging names.
      const paths = s.manifest!.entries.map((e) => e.path);
      expect(paths.filter((p) => p.includes('_versions/') && p.endsWith('.manifest'))).toHaveLength(1);
      expect(paths.filter((p) => p.includes('_transactions/') && p.endsWith('.txn'))).toHaveLength(1);
      expect(paths.some((p) => p.includes('latest_version_hint') || p.includes('.tmp'))).toBe(false);

      const out = path.join(root, `r-${k}-${s.id}`);
      await restore({ target: out, store, series: 'db', snapshot: s.id, deepVerify: true, logger: silent });
      const restored = await topK(out, 'docs');
      expect(restored.version).toBe(facts[0]!.version);
      expect(restored.rows).toBe(facts[0]!.rows);
      expect(restored).toEqual(await topK(dbDir, 'docs', facts[0]!.version));
      // The restored table takes new writes.
      const rdb = await lancedb.connect(out);
      const rt = await rdb.openTable('docs');
      await rt.add(rows(900_000, 3));
      expect(await rt.countRows()).toBe(facts[0]!.rows + 3);
      rt.close();
      rdb.close();
    }
    expect(versions.size).toBeGreaterThan(1); // the writer really committed between snapshots
  });

  it('takes the snapshot again on a newer version when cleanup removes pinned files mid-backup', async () => {
    const root = await tempDir();
    const dbDir = path.join(root, 'db');
    const db = await lancedb.connect(dbDir);
    const table = await db.createTable('docs', rows(0, 500));
    for (let k = 1; k <= 5; k++) await table.add(rows(k * 1000, 100));
    const store = new LocalStore(path.join(root, 'store'));
    let fired = false;
    const racing = Object.create(store) as LocalStore;
    racing.put = async (key, body, opts) => {
      if (!fired && key.includes('/packs/')) {
        fired = true;
        // Compaction plus cleanup rewrites the data files and deletes the pinned ones.
        await table.optimize({ cleanupOlderThan: new Date(Date.now() + 60_000) });
      }
      return store.put(key, body, opts);
    };
    const infos: string[] = [];
    const snap = await backup({ source: dbDir, store: racing, logger: { ...silent, info: (m) => infos.push(m) } });
    expect(fired).toBe(true);
    expect(infos.join('\n')).toContain('taking the snapshot again');
    const pinned = (snap.manifest!.source.facts as { tables: Array<{ version: number; rows: number }> }).tables[0]!;
    expect(pinned.version).toBe(await table.version());
    const out = path.join(root, 'out');
    await restore({ target: out, store, series: 'db', deepVerify: true, logger: silent });
    expect((await topK(out, 'docs')).rows).toBe(1000);
    table.close();
    db.close();
  });

  it('snapshots a single table directory and restores it under its own name', async () => {
    const root = await tempDir();
    const db = await lancedb.connect(path.join(root, 'db'));
    const table = await db.createTable('items', rows(0, 300));
    await table.delete('id < 10');
    table.close();
    db.close();
    const store = new LocalStore(path.join(root, 'store'));
    const snap = await backup({ source: path.join(root, 'db', 'items.lance'), store, logger: silent });
    expect(snap.manifest!.source.format).toBe('lancedb');
    const out = path.join(root, 'elsewhere', 'items.lance');
    await restore({ target: out, store, series: snap.series, deepVerify: true, logger: silent });
    expect((await topK(path.join(root, 'elsewhere'), 'items')).rows).toBe(290);
  });
});

const tantivy = fs.existsSync(TANTIVY) ? createRequire(import.meta.url)(TANTIVY) : undefined;
if (!tantivy) console.warn(`Tantivy tests skipped: the native binding is not installed for ${process.platform}-${process.arch}`);

describe.skipIf(!tantivy)('Tantivy', () => {
  it('snapshots an index under a concurrent writer into copies that open with whole commits, without lock files', async () => {
    const root = await tempDir();
    const dir = path.join(root, 'tv');
    await fsp.mkdir(dir);
    const store = new LocalStore(path.join(root, 'store'));
    const writer = await startChild([path.join(FIX, 'tantivy-writer.cjs'), TANTIVY, dir]);
    const snaps = [];
    try {
      await new Promise((r) => setTimeout(r, 200));
      for (let k = 0; k < 6; k++) {
        snaps.push(await backup({ source: dir, store, logger: silent, mode: 'full' }));
        await new Promise((r) => setTimeout(r, 40));
      }
    } finally {
      await stop(writer);
    }
    const opstamps = new Set<number>();
    for (const s of snaps) {
      expect(s.manifest!.source.format).toBe('tantivy');
      const facts = s.manifest!.source.facts as { docs: number; opstamp: number };
      opstamps.add(facts.opstamp);
      const paths = s.manifest!.entries.map((e) => e.path);
      expect(paths).toContain('meta.json');
      expect(paths.some((p) => p.includes('.lock') || p === '.managed.json')).toBe(false);
      const out = path.join(root, `r-${s.id}`);
      await restore({ target: out, store, series: 'tv', snapshot: s.id, logger: silent });
      const managed = JSON.parse(await fsp.readFile(path.join(out, '.managed.json'), 'utf8')) as string[];
      expect(managed.sort()).toEqual(paths.filter((p) => s.manifest!.entries.find((e) => e.path === p)?.type === 'file').sort());
      const index = tantivy.Index.open(out);
      index.reload();
      const searcher = index.searcher();
      expect(searcher.numDocs).toBe(facts.docs);
      expect(facts.docs % 20).toBe(0); // whole commits of 20 documents only
      const hits = searcher.search(index.parseQuery('hello', ['title']), 1000).hits;
      expect(hits.length).toBe(Math.min(1000, facts.docs));
    }
    expect(opstamps.size).toBeGreaterThan(1);
    // meta.json is the last file in the pack: readers of a partial extraction never see it before its segments.
    const files = snaps[0]!.manifest!.entries.filter((e) => e.type === 'file') as Array<{ path: string; loc: { raw: number } }>;
    const lastByRaw = files.reduce((a, b) => (b.loc.raw > a.loc.raw ? b : a));
    expect(lastByRaw.path).toBe('meta.json');
  });
});

async function exists(p: string): Promise<boolean> {
  return fsp.access(p).then(
    () => true,
    () => false,
  );
}

function pick(tree: Record<string, TreeItem>, paths: string[]): Record<string, TreeItem | undefined> {
  return Object.fromEntries(paths.map((p) => [p, tree[p]]));
}

describe('index awareness keeps every file that is not part of an index', () => {
  it('LanceDB: files beside and inside the tables survive backup and restore --force byte for byte; only transient and other-version files are excluded', async () => {
    const root = await tempDir();
    const dbDir = path.join(root, 'db');
    const db = await lancedb.connect(dbDir);
    const table = await db.createTable('docs', rows(0, 200));
    await table.add(rows(1000, 20));
    table.close();
    db.close();
    const user = {
      'README.md': '# vectors of the docs site\n',
      'config.json': '{"model":"mini","dims":8}\n',
      'notes/todo.txt': 'reindex on Friday\n',
      'notes/deep/blob.bin': seededBytes(7, 70_000),
      'docs.lance/NOTES': 'a file LanceDB never writes, inside the table\n',
      'docs.lance/data/README': 'not a data file\n',
      'docs.lance/_versions/NOTES.txt': 'not a manifest\n',
      'scratch.lance/readme.txt': 'a folder named like a table, without _versions\n',
    };
    await writeTree(dbDir, user);
    const transient = [
      'docs.lance/_versions/.tmp_3.manifest_5c1f',
      'docs.lance/_versions/3.manifest#1',
      'docs.lance/data/.tmp-upload',
      'docs.lance/data/0a1b2c.lance#2',
      'docs.lance/_latest.manifest',
    ];
    for (const t of transient) await fsp.writeFile(path.join(dbDir, ...t.split('/')), 'half-written');
    // Data no version names (an aborted write's leftover): another version's, by LanceDB's own naming.
    await fsp.writeFile(path.join(dbDir, 'docs.lance', 'data', 'ffff0000aaaa.lance'), 'orphan');
    const before = await describeTree(dbDir);

    const store = new LocalStore(path.join(root, 'store'));
    const snap = await backup({ source: dbDir, store, logger: silent });
    expect(snap.manifest!.source.format).toBe('lancedb');

    // Restore over the directory itself, as a user rolling back would.
    await fsp.writeFile(path.join(dbDir, 'README.md'), 'changed after the backup');
    await restore({ target: dbDir, store, series: snap.series, force: true, deepVerify: true, logger: silent });
    const after = await describeTree(dbDir);
    expect(pick(after, Object.keys(user))).toEqual(pick(before, Object.keys(user)));
    expect(after['notes/deep']?.type).toBe('dir');
    for (const t of transient) expect(after[t]).toBeUndefined();
    expect((await topK(dbDir, 'docs')).rows).toBe(220);

    const excluded = snap.excluded.map((x) => x.path);
    expect(excluded).toEqual(
      expect.arrayContaining([...transient, 'docs.lance/_versions/latest_version_hint.json', 'docs.lance/data/ffff0000aaaa.lance']),
    );
    // The older version (1) is not tagged: its manifest and commit record are the only other exclusions.
    expect(
      excluded.filter((p) => !transient.includes(p) && !p.endsWith('latest_version_hint.json') && !p.endsWith('ffff0000aaaa.lance')),
    ).toHaveLength(2);
    expect(snap.excluded.every((x) => x.reason.length > 0)).toBe(true);
  });

  it.skipIf(!fs.existsSync(TANTIVY))(
    'Tantivy: files and folders beside the segments survive backup and restore --force; locks, temporaries and uncommitted segments are excluded',
    async () => {
      const root = await tempDir();
      const dir = path.join(root, 'tv');
      await fsp.mkdir(dir);
      const script = `const b = require(${JSON.stringify(TANTIVY)});
const sb = new b.SchemaBuilder(); sb.addTextField('title', { stored: true });
const index = new b.Index(sb.build(), ${JSON.stringify(dir)}, true);
const w = index.writer(50_000_000, 1);
for (let n = 0; n < 30; n++) { const d = new b.Document(); d.addText('title', 'hello ' + n); w.addDocument(d); }
w.commit();`;
      await new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, ['-e', script], { stdio: 'inherit' });
        child.once('exit', (c) => (c === 0 ? resolve() : reject(new Error(`indexer exited with ${c}`))));
      });
      const user = {
        'NOTES.txt': 'built from the March dump\n',
        'extra/schema.md': '# schema\n',
        'extra/deeper/x.bin': seededBytes(3, 9000),
        '0123456789abcdef0123456789abcdef.txt': 'named like a segment, but not a segment file\n',
        '.tmp-draft.md': 'not named as Tantivy names its temporaries\n',
      };
      await writeTree(dir, user);
      const orphan = `${'ab'.repeat(16)}.idx`; // a segment no meta.json lists: merged away or not yet committed
      const transient = ['.tantivy-writer.lock', '.tantivy-meta.lock', '.tmpA1b2C3', orphan, `${'cd'.repeat(16)}.store.temp`];
      for (const t of transient) await fsp.writeFile(path.join(dir, t), 'x');
      expect(await exists(path.join(dir, '.managed.json'))).toBe(true);
      const before = await describeTree(dir);

      const store = new LocalStore(path.join(root, 'store'));
      const snap = await backup({ source: dir, store, logger: silent });
      expect(snap.manifest!.source.format).toBe('tantivy');
      await restore({ target: dir, store, series: snap.series, force: true, logger: silent });
      const after = await describeTree(dir);
      expect(pick(after, Object.keys(user))).toEqual(pick(before, Object.keys(user)));
      for (const t of transient) expect(after[t]).toBeUndefined();
      // Tantivy deletes what .managed.json lists once unused: the user's files must not be on it.
      const managed = JSON.parse(await fsp.readFile(path.join(dir, '.managed.json'), 'utf8')) as string[];
      expect(managed).toContain('meta.json');
      for (const p of Object.keys(user)) expect(managed).not.toContain(p);
      const index = tantivy.Index.open(dir);
      index.reload();
      expect(index.searcher().numDocs).toBe(30);
      expect(snap.excluded.map((x) => x.path).sort()).toEqual([...transient, '.managed.json'].sort());
    },
  );
});

describe('LanceDB history', () => {
  // Versions: 1 create 100 rows, 2 +50, 3 +25, 4 delete 10, 5 index, 6 +5; tags `first` -> 1, `mid` -> 3.
  const ROWS = [100, 150, 175, 165, 165, 170];
  async function historyDb(dbDir: string) {
    const db = await lancedb.connect(dbDir);
    const t = await db.createTable('docs', rows(0, 100));
    await t.add(rows(100, 50));
    await t.add(rows(200, 25));
    await t.delete('id < 10');
    await t.createIndex('id');
    const tags = await t.tags();
    await tags.create('first', 1);
    await tags.create('mid', 3);
    await t.add(rows(300, 5));
    expect(await t.version()).toBe(6);
    t.close();
    db.close();
  }

  async function openAt(dir: string, version: number | string) {
    const db = await lancedb.connect(dir);
    const t = await db.openTable('docs');
    try {
      await t.checkout(version);
      const all = (await t.query().toArray()) as Array<{ id: number; text: string }>;
      return {
        version: await t.version(),
        rows: await t.countRows(),
        ids: all.map((r) => r.id).sort((a, b) => a - b),
        texts: new Set(all.map((r) => r.text)),
      };
    } finally {
      t.close();
      db.close();
    }
  }

  async function tagsOf(dir: string) {
    const db = await lancedb.connect(dir);
    const t = await db.openTable('docs');
    const list = await (await t.tags()).list();
    const out = Object.fromEntries(Object.entries(list).map(([k, v]) => [k, v.version]));
    t.close();
    db.close();
    return out;
  }

  it('tagged (default): a restored table keeps every tag and opens each tagged version with its rows and content; untagged older versions are not stored', async () => {
    const root = await tempDir();
    const dbDir = path.join(root, 'db');
    await historyDb(dbDir);
    const store = new LocalStore(path.join(root, 'store'));
    const snap = await backup({ source: dbDir, store, logger: silent });
    const out = path.join(root, 'restored');
    await restore({ target: out, store, series: snap.series, deepVerify: true, logger: silent });

    expect(await tagsOf(out)).toEqual({ first: 1, mid: 3 });
    const first = await openAt(out, 'first');
    expect(first).toEqual(await openAt(dbDir, 'first'));
    expect(first.rows).toBe(100);
    expect(first.ids).toEqual(Array.from({ length: 100 }, (_, k) => k));
    expect(first.texts.has('doc 42')).toBe(true);
    const mid = await openAt(out, 'mid');
    expect(mid).toEqual(await openAt(dbDir, 'mid'));
    expect(mid.rows).toBe(175);
    expect((await openAt(out, 6)).rows).toBe(170);
    await expect(openAt(out, 2)).rejects.toThrow();

    const facts = snap.manifest!.source.facts as {
      lanceVersions: string;
      tables: Array<{
        table: string;
        version: number;
        rows: number;
        versions: Array<{ version: number; rows: number }>;
        tags: Record<string, number>;
      }>;
    };
    expect(facts.lanceVersions).toBe('tagged');
    expect(facts.tables).toEqual([
      {
        table: 'docs',
        version: 6,
        rows: 170,
        versions: [
          { version: 6, rows: 170 },
          { version: 3, rows: 175 },
          { version: 1, rows: 100 },
        ],
        tags: { first: 1, mid: 3 },
      },
    ]);

    // Files of older versions never change: the next incremental stores only the new commit's files.
    const db = await lancedb.connect(dbDir);
    const t = await db.openTable('docs');
    await t.add(rows(400, 7));
    t.close();
    db.close();
    const next = await backup({ source: dbDir, store, logger: silent });
    expect(next.kind).toBe('incremental');
    const earlier = new Set(snap.manifest!.entries.map((e) => e.path));
    const ownIndexes = next.manifest!.packs.map((p, i) => (p.name.startsWith(next.id) ? i : -1)).filter((i) => i >= 0);
    expect(ownIndexes.length).toBeGreaterThan(0);
    const storedAgain = next
      .manifest!.entries.filter((e) => e.type === 'file' && ownIndexes.includes(e.loc.pack) && earlier.has(e.path))
      .map((e) => e.path);
    expect(storedAgain).toEqual([]);
    const out2 = path.join(root, 'restored-2');
    await restore({ target: out2, store, series: snap.series, deepVerify: true, logger: silent });
    expect(await tagsOf(out2)).toEqual({ first: 1, mid: 3 });
    expect((await openAt(out2, 'first')).rows).toBe(100);
    expect((await openAt(out2, 7)).rows).toBe(177);
  });

  it('restore --deep-verify opens every stored version and checks the tags: a snapshot whose recorded history does not match is refused with the target untouched', async () => {
    const root = await tempDir();
    const dbDir = path.join(root, 'db');
    await historyDb(dbDir);
    const store = new LocalStore(path.join(root, 'store'));
    const snap = await backup({ source: dbDir, store, logger: silent });
    // An adversary who can write to the store and recompute every digest rewrites what the snapshot claims.
    const lie = async (edit: (t: { versions: Array<{ version: number; rows: number }>; tags: Record<string, number> }) => void) => {
      const { digest: _digest, ...body } = JSON.parse(JSON.stringify(snap.manifest)) as Manifest;
      edit(
        (body.source.facts as { tables: Array<{ versions: Array<{ version: number; rows: number }>; tags: Record<string, number> }> })
          .tables[0]!,
      );
      await store.delete(manifestKey(snap.series, snap.id));
      await putManifest(store, sealManifest(body));
    };
    const target = path.join(root, 'target');
    await writeTree(target, { 'keep.txt': 'the old tree' });
    await lie((t) => (t.versions[2]!.rows = 99));
    await expect(restore({ target, store, series: snap.series, force: true, deepVerify: true, logger: silent })).rejects.toMatchObject({
      code: 'E_INTEGRITY',
      message: expect.stringContaining('version 1 has 100 rows'),
    });
    await lie((t) => (t.tags = { first: 1, mid: 3, gone: 2 }));
    await expect(restore({ target, store, series: snap.series, force: true, deepVerify: true, logger: silent })).rejects.toMatchObject({
      code: 'E_INTEGRITY',
      message: expect.stringContaining('tags'),
    });
    await lie((t) => t.versions.push({ version: 2, rows: 150 }));
    await expect(restore({ target, store, series: snap.series, force: true, deepVerify: true, logger: silent })).rejects.toMatchObject({
      code: 'E_INTEGRITY',
      message: expect.stringContaining('version 2 does not open'),
    });
    expect(await fsp.readdir(target)).toEqual(['keep.txt']);
    expect(await fsp.readFile(path.join(target, 'keep.txt'), 'utf8')).toBe('the old tree');
  });

  it('all: every committed version opens after a restore with its own rows', async () => {
    const root = await tempDir();
    const dbDir = path.join(root, 'db');
    await historyDb(dbDir);
    const store = new LocalStore(path.join(root, 'store'));
    const snap = await backup({ source: dbDir, store, lanceVersions: 'all', logger: silent });
    const out = path.join(root, 'restored');
    await restore({ target: out, store, series: snap.series, deepVerify: true, logger: silent });
    for (let v = 1; v <= 6; v++) {
      const got = await openAt(out, v);
      expect(got).toEqual(await openAt(dbDir, v));
      expect(got.rows).toBe(ROWS[v - 1]);
    }
    expect(await tagsOf(out)).toEqual({ first: 1, mid: 3 });
    const facts = snap.manifest!.source.facts as { tables: Array<{ versions: Array<{ version: number }> }> };
    expect(facts.tables[0]!.versions.map((v) => v.version)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(snap.excluded.map((x) => x.path)).toEqual(['docs.lance/_versions/latest_version_hint.json']);
  });

  it('all, under a cleanup that deletes old versions mid-backup: takes the snapshot again and stores exactly the versions that remain', async () => {
    const root = await tempDir();
    const dbDir = path.join(root, 'db');
    await historyDb(dbDir);
    const db = await lancedb.connect(dbDir);
    const table = await db.openTable('docs');
    const store = new LocalStore(path.join(root, 'store'));
    let fired = false;
    const racing = Object.create(store) as LocalStore;
    racing.put = async (key, body, opts) => {
      if (!fired && key.includes('/packs/')) {
        fired = true;
        // LanceDB refuses to clean up tagged versions: untag them first.
        for (const tag of ['first', 'mid']) await (await table.tags()).delete(tag);
        await table.optimize({ cleanupOlderThan: new Date(Date.now() + 60_000) });
      }
      return store.put(key, body, opts);
    };
    const infos: string[] = [];
    const snap = await backup({ source: dbDir, store: racing, lanceVersions: 'all', logger: { ...silent, info: (m) => infos.push(m) } });
    expect(fired).toBe(true);
    expect(infos.join('\n')).toContain('taking the snapshot again');
    const facts = snap.manifest!.source.facts as {
      tables: Array<{ version: number; versions: Array<{ version: number; rows: number }>; tags: Record<string, number> }>;
    };
    const left = (await table.listVersions()).map((v) => v.version).sort((a, b) => b - a);
    expect(facts.tables[0]!.versions.map((v) => v.version)).toEqual(left);
    expect(left).not.toContain(1);
    expect(facts.tables[0]!.tags).toEqual({});
    const out = path.join(root, 'out');
    await restore({ target: out, store, series: snap.series, deepVerify: true, logger: silent });
    for (const v of facts.tables[0]!.versions) expect((await openAt(out, v.version)).rows).toBe(v.rows);
    expect(await tagsOf(out)).toEqual({});
    table.close();
    db.close();
  });

  it('tagged: a tag moved to a version not stored while the packs are written is stored as it was read, never dangling', async () => {
    const root = await tempDir();
    const dbDir = path.join(root, 'db');
    await historyDb(dbDir);
    const db = await lancedb.connect(dbDir);
    const table = await db.openTable('docs');
    const store = new LocalStore(path.join(root, 'store'));
    let fired = false;
    const racing = Object.create(store) as LocalStore;
    racing.put = async (key, body, opts) => {
      if (!fired && key.includes('/packs/')) {
        fired = true;
        await (await table.tags()).update('mid', 2);
      }
      return store.put(key, body, opts);
    };
    const snap = await backup({ source: dbDir, store: racing, logger: silent });
    expect(fired).toBe(true);
    expect(await tagsOf(dbDir)).toEqual({ first: 1, mid: 2 });
    const out = path.join(root, 'out');
    await restore({ target: out, store, series: snap.series, deepVerify: true, logger: silent });
    expect(await tagsOf(out)).toEqual({ first: 1, mid: 3 });
    expect((await openAt(out, 'mid')).rows).toBe(175);
    table.close();
    db.close();
  });

  it('latest: only the newest version is stored; tags of other versions are left out as counted exclusions, never restored dangling', async () => {
    const root = await tempDir();
    const dbDir = path.join(root, 'db');
    await historyDb(dbDir);
    const db = await lancedb.connect(dbDir);
    const t = await db.openTable('docs');
    await (await t.tags()).create('newest', 6);
    t.close();
    db.close();
    const store = new LocalStore(path.join(root, 'store'));
    const snap = await backup({ source: dbDir, store, lanceVersions: 'latest', logger: silent });
    const out = path.join(root, 'restored');
    await restore({ target: out, store, series: snap.series, deepVerify: true, logger: silent });
    expect((await openAt(out, 6)).rows).toBe(170);
    for (let v = 1; v <= 5; v++) await expect(openAt(out, v)).rejects.toThrow();
    expect(await tagsOf(out)).toEqual({ newest: 6 });
    const excluded = snap.excluded.map((x) => x.path);
    expect(excluded).toEqual(expect.arrayContaining(['docs.lance/_refs/tags/first.json', 'docs.lance/_refs/tags/mid.json']));
    expect(snap.excluded.find((x) => x.path.endsWith('first.json'))!.reason).toContain('version 1');
    expect(excluded.filter((p) => /_versions\/\d+\.manifest$/.test(p))).toHaveLength(5);
    const facts = snap.manifest!.source.facts as { tables: Array<{ versions: unknown; tags: unknown }> };
    expect(facts.tables[0]!.versions).toEqual([{ version: 6, rows: 170 }]);
    expect(facts.tables[0]!.tags).toEqual({ newest: 6 });
  });
});

describe('excluded paths are reported', () => {
  function capture() {
    const o = { out: '', err: '' };
    const io = { stdout: { write: (s: string) => (o.out += s) }, stderr: { write: (s: string) => (o.err += s) }, env: {} };
    return { o, io };
  }

  it('backup --json counts them, --verbose lists them with the reason; invalid --lance-versions and lance-versions list the valid values', async () => {
    const root = await tempDir();
    const dbDir = path.join(root, 'db');
    const db = await lancedb.connect(dbDir);
    const t = await db.createTable('docs', rows(0, 50));
    await t.add(rows(50, 5));
    t.close();
    db.close();
    await fsp.writeFile(path.join(dbDir, 'docs.lance', '_versions', '.tmp_3.manifest_9e'), 'staging');
    const storeDir = path.join(root, 'store');

    const a = capture();
    expect(await runCli(['backup', dbDir, '--store', storeDir, '--json', '--quiet'], a.io)).toBe(0);
    const json = JSON.parse(a.o.out) as { excluded: number; excludedPaths?: unknown };
    // Staging file, version hint, version 1's manifest and commit record.
    expect(json.excluded).toBe(4);
    expect(json.excludedPaths).toBeUndefined();

    const b = capture();
    expect(await runCli(['backup', dbDir, '--store', storeDir, '--name', 'v', '--verbose', '--lance-versions', 'all'], b.io)).toBe(0);
    expect(b.o.err).toContain('excluded docs.lance/_versions/.tmp_3.manifest_9e: transient');
    expect(b.o.err).toContain('excluded docs.lance/_versions/latest_version_hint.json: transient');
    expect(b.o.out).toContain('2 transient or other-version paths excluded');

    const c = capture();
    expect(await runCli(['backup', dbDir, '--store', storeDir, '--json', '--verbose'], c.io)).toBe(0);
    expect((JSON.parse(c.o.out) as { excludedPaths: Array<{ path: string }> }).excludedPaths.map((x) => x.path)).toContain(
      'docs.lance/_versions/.tmp_3.manifest_9e',
    );

    const d = capture();
    expect(await runCli(['backup', dbDir, '--store', storeDir, '--lance-versions', 'newest'], d.io)).toBe(2);
    expect(d.o.err).toMatch(/E_VALIDATION.*--lance-versions "newest".*valid values: latest, tagged, all/);

    const input = (v: Record<string, string>) => (n: string) => v[n] ?? '';
    expect(readInputs(input({ path: 'db' }), root).lanceVersions).toBe('tagged');
    expect(readInputs(input({ path: 'db', 'lance-versions': 'all' }), root).lanceVersions).toBe('all');
    expect(() => readInputs(input({ path: 'db', 'lance-versions': 'every' }), root)).toThrow(
      expect.objectContaining({ code: 'E_VALIDATION', hint: 'valid values: latest, tagged, all' }),
    );
    await expect(
      backup({ source: dbDir, store: new LocalStore(storeDir), lanceVersions: 'newest' as 'all', logger: silent }),
    ).rejects.toMatchObject({ code: 'E_VALIDATION' });
    expect(renderSummary({ mode: 'backup', series: 'db', store: 'local', excluded: 4, durationMs: 1, chain: [] })).toContain(
      '| excluded | 4 transient or other-version path(s) |',
    );
  });
});
