import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as lib from '../src/index.js';
import { backup, isIndexVaultError, LocalStore, listSnapshotIds, loadManifest, restore, verifySeries } from '../src/index.js';
import { FIXTURE, FULL, INCREMENTAL, SERIES, makeKnownGood, storeObjects } from './support/known-good.js';
import { unpackZstd } from './support/tar-layout.js';
import { silent, tempDir } from './support/fixtures.js';

// The committed store in test/fixtures/known-good/store is the current format's reference. If a
// test here fails, the format changed: bump the version (and keep reading the old one) or fix the
// writer; regenerate the fixture (scripts/make-known-good.mjs) only for a deliberate change.
const COMMITTED = path.join(FIXTURE, 'store');
const SOURCE = path.join(FIXTURE, 'source');

/** What a restored tree holds: type, mode, content or link text of every path. */
async function treeOf(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (rel: string): Promise<void> => {
    for (const name of (await fs.readdir(path.join(root, rel))).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const abs = path.join(root, r);
      const st = await fs.lstat(abs);
      const mode = (st.mode & 0o777).toString(8).padStart(4, '0');
      if (st.isSymbolicLink()) out[r] = `link -> ${await fs.readlink(abs)}`;
      else if (st.isDirectory()) {
        out[`${r}/`] = `dir ${mode}`;
        await walk(r);
      } else out[r] = `file ${mode} ${JSON.stringify(await fs.readFile(abs, 'utf8'))}`;
    }
  };
  await walk('');
  return out;
}

const text = (rel: string) => fs.readFile(path.join(SOURCE, rel), 'utf8');

/** The trees the two snapshots hold, written out by hand from the recipe: an oracle independent of the writer. */
async function expectedTrees(): Promise<{ full: Record<string, string>; incremental: Record<string, string> }> {
  const file = async (mode: string, rel: string) => `file ${mode} ${JSON.stringify(await text(rel))}`;
  const full = {
    'bin/': 'dir 0755',
    'bin/run.sh': await file('0755', 'bin/run.sh'),
    'docs/': 'dir 0750',
    'docs/café.txt': await file('0644', 'docs/café.txt'),
    'docs/notes.txt': await file('0600', 'docs/notes.txt'),
    empty: 'file 0644 ""',
    'empty-dir/': 'dir 0700',
    'hello.txt': await file('0644', 'hello.txt'),
    latest: 'link -> hello.txt',
  };
  const { empty: _gone, ...kept } = full;
  const incremental = {
    ...kept,
    'docs/': 'dir 0755',
    'hello.txt': `file 0644 ${JSON.stringify('hello again, world\n')}`,
    'notes-copy.txt': await file('0640', 'docs/notes.txt'),
  };
  return { full, incremental };
}

describe('the known-good store', () => {
  // The manifests name the platform they were made on (`source.platform`: linux).
  it.skipIf(process.platform !== 'linux')('is what the writer produces today, byte for byte, from the committed source tree', async () => {
    const root = await tempDir('iv-known-good-');
    const storeDir = path.join(root, 'store');
    await fs.mkdir(path.join(root, 'work'));
    await makeKnownGood(lib, path.join(root, 'work'), storeDir);
    const made = await storeObjects(storeDir);
    const committed = await storeObjects(COMMITTED);
    expect([...made.keys()]).toEqual([...committed.keys()]);
    // The tar streams first: a difference there is the format (or the writer) changing.
    for (const [key, bytes] of committed) {
      if (!key.endsWith('.tar.zst')) continue;
      expect(unpackZstd(made.get(key)!).equals(unpackZstd(bytes)), `the tar stream of ${key} changed: the format changed`).toBe(true);
    }
    // Then every object whole. Equal tar streams in other zstd bytes would mean the bundled zstd
    // compresses differently (no format change): then regenerate the fixture.
    for (const [key, bytes] of committed) {
      expect(made.get(key)!.equals(bytes), `${key} differs from the committed one`).toBe(true);
    }
  });

  it('restores and verifies exactly, both snapshots of the committed store', async () => {
    const root = await tempDir('iv-known-good-');
    const store = new LocalStore(path.join(root, 'store'));
    await fs.cp(COMMITTED, store.root, { recursive: true });
    expect((await listSnapshotIds(store, SERIES)).sort()).toEqual([FULL.id, INCREMENTAL.id]);
    const reports = await verifySeries(store, SERIES, undefined);
    expect(reports.map((r) => [r.id, r.ok]).sort()).toEqual([
      [FULL.id, true],
      [INCREMENTAL.id, true],
    ]);
    const want = await expectedTrees();
    for (const [snapshot, tree] of [
      [FULL.id, want.full],
      [INCREMENTAL.id, want.incremental],
    ] as const) {
      const target = path.join(root, snapshot);
      await restore({ target, store, series: SERIES, snapshot, hashCache: false, logger: silent });
      expect(await treeOf(target)).toEqual(tree);
      // Times come back as the manifest has them (milliseconds).
      const m = await loadManifest(store, SERIES, snapshot);
      for (const e of m.entries) expect((await fs.lstat(path.join(target, e.path))).mtimeMs, e.path).toBe(e.mtimeMs);
    }
    const inc = await loadManifest(store, SERIES, INCREMENTAL.id);
    expect(inc).toMatchObject({ kind: 'incremental', depth: 1, parent: { id: FULL.id } });
    expect(inc.entries.find((e) => e.path === 'notes-copy.txt')).toMatchObject({ loc: { pack: 0, member: 'docs/notes.txt' } });
  });

  it('extracts with plain `tar --zstd -xf`: a full snapshot is its tree plus .index-vault/', async () => {
    const root = await tempDir('iv-known-good-tar-');
    const out = path.join(root, 'out');
    await fs.mkdir(out);
    const pack = path.join(COMMITTED, SERIES, 'packs', `${FULL.id}-000.tar.zst`);
    // -p: permissions as recorded in the headers, whoever runs the test.
    execFileSync('tar', ['--zstd', '-xpf', pack, '-C', out], { stdio: 'pipe' });
    const { '.index-vault/': meta, [`.index-vault/${FULL.id}/`]: metaDir, ...tree } = await treeOf(out);
    expect(meta).toBeDefined();
    expect(metaDir).toBeDefined();
    const rest = Object.keys(tree).filter((k) => k.startsWith('.index-vault/'));
    expect(rest.sort()).toEqual([`.index-vault/${FULL.id}/pack-000.index.json`, `.index-vault/${FULL.id}/pack-000.json`]);
    for (const k of rest) delete tree[k];
    expect(tree).toEqual((await expectedTrees()).full);
  });

  it('refuses a chosen id or time that would break the store: one it has, one older than its newest, a malformed one', async () => {
    const root = await tempDir('iv-known-good-ids-');
    const store = new LocalStore(path.join(root, 'store'));
    await fs.cp(COMMITTED, store.root, { recursive: true });
    const before = await storeObjects(store.root);
    const source = path.join(root, 'src');
    await fs.cp(SOURCE, source, { recursive: true, verbatimSymlinks: true });
    const attempt = async (extra: Partial<Parameters<typeof backup>[0]>): Promise<unknown> => {
      try {
        await backup({ source, store, series: SERIES, mode: 'full', hashCache: false, logger: silent, ...extra });
      } catch (err) {
        return err;
      }
      throw new Error('backup accepted it');
    };
    for (const extra of [
      { snapshotId: FULL.id }, // would write over the full snapshot's pack
      { snapshotId: INCREMENTAL.id },
      { snapshotId: '20261101T000000000Z-00000000' }, // before the newest: would not be the latest
      { snapshotId: '20261102T090000000Z' },
      { createdAt: new Date('+010000-01-01T00:00:00Z') },
      { createdAt: new Date('not a date') },
      { tool: '' },
    ]) {
      const err = await attempt(extra);
      expect(isIndexVaultError(err, 'E_VALIDATION'), `${JSON.stringify(extra)}: ${String(err)}`).toBe(true);
    }
    // Nothing of the store changed, and it still verifies.
    const after = await storeObjects(store.root);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [k, v] of before) expect(after.get(k)!.equals(v), k).toBe(true);
    expect((await verifySeries(store, SERIES, undefined)).every((r) => r.ok)).toBe(true);
  });

  it('is the example manifest of docs/format.md, so the example is real', async () => {
    const doc = await fs.readFile(path.join(import.meta.dirname, '..', 'docs', 'format.md'), 'utf8');
    const example = /### Example\n[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const stored = await fs.readFile(path.join(COMMITTED, SERIES, 'snapshots', `${FULL.id}.json`));
    // The example is the stored line with line breaks added between members: nothing else differs.
    expect(example!.replace(/\n\s*/g, '')).toBe(stored.toString('utf8').trimEnd());
  });
});
