import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { prune } from '../src/engine/prune.js';
import { restore } from '../src/engine/restore/restore.js';
import { listSnapshotIds, loadManifest } from '../src/engine/series.js';
import { verifySeries } from '../src/engine/verify/verify.js';
import { LocalStore } from '../src/storage/local-store.js';
import { describeTree, seededBytes, silent, tempDir, writeTree } from './support/fixtures.js';

/** Float-like data that compresses somewhat, like vector columns. */
function floats(seed: number, count: number): Buffer {
  const a = new Float32Array(count);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    a[i] = Math.round((x / 2 ** 32) * 10000) / 100;
  }
  return Buffer.from(a.buffer);
}

async function indexLike(dir: string, seed = 1) {
  const spec: Record<string, Buffer | string | { dir: true }> = { 'empty-dir': { dir: true } };
  for (let i = 0; i < 12; i++) spec[`table-data/data/${String(i).padStart(4, '0')}.lance`] = floats(seed * 100 + i, 100_000);
  for (let v = 1; v <= 30; v++) spec[`table-data/_versions/${v}.manifest`] = `version ${v} of seed ${seed}`;
  spec['table-data/_indices/ivf/index.idx'] = seededBytes(seed, 200_000);
  await writeTree(dir, spec);
}

async function setup() {
  const root = await tempDir();
  const src = path.join(root, 'idx');
  await indexLike(src);
  return { root, src, store: new LocalStore(path.join(root, 'store')) };
}

/** A pipeline run's change: rewrite some files, add some, delete some, rename one. */
async function change(src: string, round: number) {
  await fs.writeFile(path.join(src, 'table-data/data/0003.lance'), floats(9000 + round, 100_000));
  await fs.writeFile(path.join(src, `table-data/_versions/${30 + round}.manifest`), `version ${30 + round}`);
  await fs.writeFile(path.join(src, `table-data/data/new-${round}.lance`), floats(7000 + round, 20_000));
  await fs.rm(path.join(src, `table-data/_versions/${round}.manifest`));
  await fs.rename(
    path.join(src, `table-data/data/${String(4 + round).padStart(4, '0')}.lance`),
    path.join(src, `table-data/data/moved-${round}.lance`),
  );
}

describe('incremental snapshots', () => {
  it('stores only new content, honours deletions and renames, and restores both snapshots exactly', async () => {
    const { root, src, store } = await setup();
    const full = await backup({ source: src, store, logger: silent });
    expect(full.kind).toBe('full');
    const firstTree = await describeTree(src);
    await change(src, 1);
    const inc = await backup({ source: src, store, logger: silent });
    expect(inc.kind).toBe('incremental');
    expect(inc.parent).toBe(full.id);
    const latestTree = await describeTree(src);

    // Only the rewritten and added content was stored: the rename cost nothing.
    const changedBytes = 400_000 + 80_000 + 'version 31'.length;
    expect(inc.storedBytes).toBeLessThan(changedBytes);
    const m = await loadManifest(store, 'idx', inc.id);
    expect(m.parent).toEqual({ id: full.id, digest: full.manifest!.digest });
    const moved = m.entries.find((e) => e.path === 'table-data/data/moved-1.lance')!;
    expect(moved).toMatchObject({ type: 'file', loc: { member: 'table-data/data/0005.lance' } });
    expect(m.packs[(moved as { loc: { pack: number } }).loc.pack]!.origin).toBe(full.id);
    expect(m.entries.some((e) => e.path === 'table-data/_versions/1.manifest')).toBe(false);

    // Latest over the old tree: deleted files go, moved files move, and unchanged files are reused.
    const stage = path.join(root, 'stage');
    await restore({ target: stage, store, series: 'idx', snapshot: full.id, logger: silent });
    expect(await describeTree(stage)).toEqual(firstTree);
    const r = await restore({ target: stage, store, series: 'idx', force: true, logger: silent });
    expect(await describeTree(stage)).toEqual(latestTree);
    expect(r.reusedFiles).toBeGreaterThan(35); // everything but the new content came from the old tree
    expect(r.fetchedBytes).toBeLessThan(inc.storedBytes + 10_000);

    // The first snapshot by id into a fresh directory.
    const fresh = path.join(root, 'fresh');
    await restore({ target: fresh, store, series: 'idx', snapshot: full.id, logger: silent });
    expect(await describeTree(fresh)).toEqual(firstTree);
    // The incremental into a fresh directory needs ranged reads of the full snapshot's pack.
    const fresh2 = path.join(root, 'fresh2');
    await restore({ target: fresh2, store, series: 'idx', logger: silent });
    expect(await describeTree(fresh2)).toEqual(latestTree);
    expect((await verifySeries(store, 'idx', undefined)).every((x) => x.ok)).toBe(true);
  });

  it('stores new content held by several new files once, each file naming the one record, and restores them all', async () => {
    const { root, src, store } = await setup();
    const full = await backup({ source: src, store, logger: silent });
    // Three new files with one new content, one before them with another, and a new copy of content the chain holds.
    const fresh = floats(4242, 50_000);
    for (const name of ['b-copy.lance', 'c-copy.lance', 'd-copy.lance']) await fs.writeFile(path.join(src, 'table-data/data', name), fresh);
    await fs.writeFile(path.join(src, 'table-data/data/a-other.lance'), floats(4343, 50_000));
    await fs.copyFile(path.join(src, 'table-data/data/0001.lance'), path.join(src, 'table-data/data/old-copy.lance'));
    const tree = await describeTree(src);
    const inc = await backup({ source: src, store, logger: silent });
    expect(inc).toMatchObject({ kind: 'incremental', parent: full.id });
    expect(inc.storedBytes).toBeLessThan(2 * fresh.length);
    const m = await loadManifest(store, 'idx', inc.id);
    const file = (name: string) =>
      m.entries.find((e) => e.path === `table-data/data/${name}`) as Extract<(typeof m.entries)[number], { type: 'file' }>;
    // The first in the tree's order stores it; the others point at its record in the new pack.
    const first = file('b-copy.lance');
    expect(first.loc.member).toBeUndefined();
    expect(m.packs[first.loc.pack]!.origin).toBe(inc.id);
    for (const name of ['c-copy.lance', 'd-copy.lance']) {
      const { member, ...loc } = file(name).loc;
      expect(member).toBe('table-data/data/b-copy.lance');
      expect(loc).toEqual(first.loc);
      expect(file(name).sha256).toBe(first.sha256);
    }
    expect(file('a-other.lance')).toMatchObject({ loc: { pack: first.loc.pack } });
    expect(file('a-other.lance').sha256).not.toBe(first.sha256);
    expect(file('old-copy.lance')).toMatchObject({ sha256: file('0001.lance').sha256, loc: { member: 'table-data/data/0001.lance' } });
    expect(m.packs[file('old-copy.lance').loc.pack]!.origin).toBe(full.id);
    const out = path.join(root, 'out');
    await restore({ target: out, store, series: 'idx', logger: silent });
    expect(await describeTree(out)).toEqual(tree);
  });

  it('reports unchanged when nothing changed, without storing anything', async () => {
    const { src, store } = await setup();
    const full = await backup({ source: src, store, logger: silent });
    const before = await store.list('');
    const again = await backup({ source: src, store, logger: silent });
    expect(again).toMatchObject({ kind: 'unchanged', id: full.id, storedBytes: 0 });
    expect(await store.list('')).toEqual(before);
    // mtime alone is not a change; --trust-mtime takes hashes from the parent when size and mtime match.
    const t = new Date(Date.now() - 3_600_000);
    await fs.utimes(path.join(src, 'table-data/_versions/1.manifest'), t, t);
    expect((await backup({ source: src, store, logger: silent })).kind).toBe('unchanged');
    expect((await backup({ source: src, store, logger: silent, trustMtime: true })).kind).toBe('unchanged');
  });

  it('restores every snapshot of a chain of 5 exactly, and starts a new full one at --max-chain', async () => {
    const { root, src, store } = await setup();
    const trees: Array<[string, unknown]> = [];
    for (let round = 0; round < 5; round++) {
      if (round > 0) await change(src, round);
      const b = await backup({ source: src, store, logger: silent, maxChain: 5 });
      expect(b.kind).toBe(round === 0 ? 'full' : 'incremental');
      expect(b.manifest!.depth).toBe(round);
      trees.push([b.id, await describeTree(src)]);
    }
    for (const [id, tree] of trees) {
      const out = path.join(root, `r-${id}`);
      await restore({ target: out, store, series: 'idx', snapshot: id, logger: silent });
      expect(await describeTree(out)).toEqual(tree);
    }
    await change(src, 5);
    expect((await backup({ source: src, store, logger: silent, maxChain: 5 })).kind).toBe('full');
    await change(src, 6);
    expect((await backup({ source: src, store, logger: silent, mode: 'full' })).kind).toBe('full');
  });

  it('prune keeps every kept snapshot restorable and deletes only unneeded packs', async () => {
    const { root, src, store } = await setup();
    const ids: string[] = [];
    const trees = new Map<string, unknown>();
    // full, incremental, incremental, full, incremental
    for (let round = 0; round < 5; round++) {
      if (round > 0) await change(src, round);
      const b = await backup({ source: src, store, logger: silent, mode: round === 3 ? 'full' : 'auto' });
      ids.push(b.id);
      trees.set(b.id, await describeTree(src));
    }
    // Dropping only the first full snapshot frees no pack: the two incrementals after it still need its content.
    const dry = await prune({ store, series: 'idx', keepLast: 4, dryRun: true });
    expect(dry.deleted).toEqual([ids[0]]);
    expect(dry.packsDeleted).toEqual([]);
    expect((await listSnapshotIds(store, 'idx')).length).toBe(5);

    // Keeping the second chain only: the first chain's packs all go.
    const res = await prune({ store, series: 'idx', keepLast: 2 });
    expect(res.deleted).toEqual(ids.slice(0, 3));
    expect(res.packsDeleted.map((p) => p.slice(0, 28)).sort()).toEqual(ids.slice(0, 3));
    expect(res.bytesFreed).toBeGreaterThan(0);
    expect(await listSnapshotIds(store, 'idx')).toEqual(ids.slice(3));
    expect((await store.list('idx/packs/')).map((o) => o.key.split('/')[2]!.slice(0, 28)).sort()).toEqual(ids.slice(3));
    for (const id of ids.slice(3)) {
      const out = path.join(root, `p-${id}`);
      await restore({ target: out, store, series: 'idx', snapshot: id, logger: silent });
      expect(await describeTree(out)).toEqual(trees.get(id));
    }
    expect((await verifySeries(store, 'idx', undefined)).every((x) => x.ok)).toBe(true);
    // keep-within keeps young snapshots even beyond keep-last.
    expect((await prune({ store, series: 'idx', keepLast: 1, keepWithinMs: 3_600_000, dryRun: true })).deleted).toEqual([]);
    expect((await prune({ store, series: 'idx', keepLast: 1, dryRun: true })).deleted).toEqual([ids[3]]);
    await expect(prune({ store, series: 'idx', keepLast: 0 })).rejects.toMatchObject({ code: 'E_VALIDATION' });
    // A window that is not a duration (a library caller's NaN, a negative number) or an invalid 'now' is refused
    // before anything is deleted, never read as "keep nothing by age".
    for (const keepWithinMs of [Number.NaN, -1, '3600000' as unknown as number]) {
      await expect(prune({ store, series: 'idx', keepLast: 1, keepWithinMs })).rejects.toMatchObject({ code: 'E_VALIDATION' });
    }
    await expect(prune({ store, series: 'idx', keepLast: 1, keepWithinMs: 3_600_000, now: new Date(Number.NaN) })).rejects.toMatchObject({
      code: 'E_VALIDATION',
    });
    expect(await listSnapshotIds(store, 'idx')).toEqual(ids.slice(3));
  });

  it('reports a broken chain clearly; auto mode then takes a full snapshot with a warning', async () => {
    const { root, src, store } = await setup();
    const full = await backup({ source: src, store, logger: silent });
    await change(src, 1);
    const inc = await backup({ source: src, store, logger: silent });
    await fs.rm(path.join(store.root, 'idx', 'packs', full.manifest!.packs[0]!.name));
    const err = (await restore({ target: path.join(root, 'out'), store, series: 'idx', logger: silent }).then(
      () => new Error('restore succeeded'),
      (e: unknown) => e,
    )) as Error & { code?: string };
    expect(err).toMatchObject({ code: 'E_NOT_FOUND' });
    expect(err.message).toContain(inc.id);
    expect(err.message).toContain(`written by snapshot ${full.id}`);
    await expect(fs.access(path.join(root, 'out'))).rejects.toThrow();

    await change(src, 2);
    await expect(backup({ source: src, store, logger: silent, mode: 'incremental' })).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    const warnings: string[] = [];
    const next = await backup({ source: src, store, logger: { ...silent, warn: (m) => warnings.push(m) } });
    expect(next.kind).toBe('full');
    expect(warnings.join()).toContain(inc.id);

    // A corrupt parent manifest is E_INTEGRITY, and auto falls back the same way.
    const mfile = path.join(store.root, 'idx', 'snapshots', `${next.id}.json`);
    await fs.writeFile(mfile, (await fs.readFile(mfile, 'utf8')).replace('"kind":"full"', '"kind":"fuLL"'));
    await expect(restore({ target: path.join(root, 'out2'), store, series: 'idx', logger: silent })).rejects.toMatchObject({
      code: 'E_INTEGRITY',
    });
    await change(src, 3);
    expect((await backup({ source: src, store, logger: silent })).kind).toBe('full');
  });

  it('stores about what the changed files alone take compressed with zstd -3 (figure printed)', async () => {
    const root = await tempDir();
    const src = path.join(root, 'big');
    const spec: Record<string, Buffer> = {};
    // ~100 MB: float fragments, random blocks, small files.
    for (let i = 0; i < 20; i++) spec[`data/${i}.lance`] = floats(i + 1, 1_000_000);
    for (let i = 0; i < 4; i++) spec[`idx/${i}.bin`] = seededBytes(i + 50, 4_000_000);
    for (let i = 0; i < 200; i++) spec[`_versions/${i}.manifest`] = Buffer.from(`{"version":${i},"fragments":[${i % 20}]}`);
    await writeTree(src, spec);
    const store = new LocalStore(path.join(root, 'store'));
    await backup({ source: src, store, logger: silent });
    // ~5%: one fragment rewritten, one new, ten new small files.
    const changed: Buffer[] = [floats(999, 1_000_000), floats(998, 250_000)];
    await fs.writeFile(path.join(src, 'data/7.lance'), changed[0]!);
    await fs.writeFile(path.join(src, 'data/new.lance'), changed[1]!);
    for (let i = 200; i < 210; i++) {
      const b = Buffer.from(`{"version":${i},"fragments":[${i % 20}]}`);
      changed.push(b);
      await fs.writeFile(path.join(src, `_versions/${i}.manifest`), b);
    }
    const inc = await backup({ source: src, store, logger: silent });
    const reference = zlib.zstdCompressSync(Buffer.concat(changed), { params: { [zlib.constants.ZSTD_c_compressionLevel]: 3 } }).length;
    const ratio = inc.storedBytes / reference;
    console.log(
      `incremental after a ~5% change: ${inc.storedBytes} bytes stored; changed files alone, zstd -3: ${reference} bytes; ratio ${ratio.toFixed(3)}`,
    );
    expect(inc.kind).toBe('incremental');
    expect(ratio).toBeLessThan(1.1);
  });
});
