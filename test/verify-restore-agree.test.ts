import fs from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { restore } from '../src/engine/restore/restore.js';
import { verifySeries } from '../src/engine/verify/verify.js';
import { loadManifest, manifestKey } from '../src/engine/series.js';
import { comparePaths } from '../src/snapshot/entry-path.js';
import { sealManifest, serializeManifest, type Entry, type FileEntry, type Manifest } from '../src/snapshot/manifest.js';
import { LocalStore } from '../src/storage/local-store.js';
import { describeTree, seededBytes, silent, tempDir, writeTree } from './support/fixtures.js';
import { WrappedStore } from './support/wrapped-store.js';

/**
 * A forger who can write the store and recompute every digest edits an incremental's manifest
 * (its files' names, sizes, digests and places in its own and its parent's packs). Whatever the
 * edit, verify and restore must agree: verify says "ok" exactly when restore makes the tree the
 * manifest describes, and a refused restore leaves the target as it was.
 */

type Edit =
  | { op: 'rename'; i: number; keepMember: boolean }
  | { op: 'borrow'; i: number; j: number; what: 'all' | 'loc' | 'sha256' | 'size' }
  | { op: 'shift'; i: number; blocks: number }
  | { op: 'pack'; i: number }
  | { op: 'member'; i: number; j: number }
  | { op: 'drop'; i: number }
  | { op: 'size'; i: number; by: number }
  | { op: 'meta'; i: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('rename' as const), i: fc.nat(30), keepMember: fc.boolean() }),
  fc.record({ op: fc.constant('borrow' as const), i: fc.nat(30), j: fc.nat(30), what: fc.constantFrom('all', 'loc', 'sha256', 'size') }),
  fc.record({ op: fc.constant('shift' as const), i: fc.nat(30), blocks: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ op: fc.constant('pack' as const), i: fc.nat(30) }),
  fc.record({ op: fc.constant('member' as const), i: fc.nat(30), j: fc.nat(30) }),
  fc.record({ op: fc.constant('drop' as const), i: fc.nat(30) }),
  fc.record({ op: fc.constant('size' as const), i: fc.nat(30), by: fc.constantFrom(-1, 1, 512) }),
  fc.record({ op: fc.constant('meta' as const), i: fc.nat(30) }),
);

function applyEdit(entries: Entry[], packs: number, e: Edit): Entry[] {
  const files = entries.filter((x): x is FileEntry => x.type === 'file');
  const f = files[e.i % files.length]!;
  const g = 'j' in e ? files[e.j % files.length]! : f;
  const put = (next: FileEntry | undefined) => entries.flatMap((x) => (x === f ? (next ? [next] : []) : [x]));
  switch (e.op) {
    case 'rename':
      return put({ ...f, path: `${f.path}.x`, loc: e.keepMember ? { ...f.loc, member: f.loc.member ?? f.path } : f.loc });
    case 'borrow':
      if (e.what === 'all') return put({ ...f, size: g.size, sha256: g.sha256, loc: { ...g.loc, member: g.loc.member ?? g.path } });
      if (e.what === 'loc') return put({ ...f, loc: { ...g.loc, member: g.loc.member ?? g.path } });
      return put({ ...f, [e.what]: g[e.what] });
    case 'shift':
      return put({ ...f, loc: { ...f.loc, raw: f.loc.raw + 512 * e.blocks, skip: f.loc.skip + 512 * e.blocks } });
    case 'pack':
      return put({ ...f, loc: { ...f.loc, pack: (f.loc.pack + 1) % packs } });
    case 'member':
      return put({ ...f, loc: { ...f.loc, member: g.loc.member ?? g.path } });
    case 'drop':
      return put(undefined);
    case 'size':
      return put({ ...f, size: Math.max(0, f.size + e.by) });
    case 'meta':
      return put({ ...f, mtimeMs: f.mtimeMs + 1000, mode: 0o600, exec: false });
  }
}

/** The manifest with the edits, its totals and digest recomputed as a forger would. */
function forge(m: Manifest, edits: Edit[]): Manifest {
  let entries = [...m.entries];
  for (const e of edits) entries = applyEdit(entries, m.packs.length, e);
  entries.sort((a, b) => comparePaths(a.path, b.path));
  const count = (t: Entry['type']) => entries.filter((e) => e.type === t).length;
  const bytes = entries.reduce((n, e) => n + (e.type === 'file' ? e.size : 0), 0);
  const { digest: _digest, ...body } = m;
  return sealManifest({
    ...body,
    entries,
    totals: { ...body.totals, files: count('file'), dirs: count('dir'), symlinks: count('symlink'), bytes },
  });
}

async function incrementalChain() {
  const root = await tempDir('iv-agree-');
  const src = path.join(root, 'src');
  const spec: Record<string, Buffer | string | { link: string }> = { 'l.txt': { link: 'd/a0.txt' } };
  // Small files share frames; the large ones span several frames of their own.
  for (let i = 0; i < 12; i++) spec[`d/a${i}.txt`] = seededBytes(i + 1, 300 + 700 * i);
  spec['big/b1.bin'] = seededBytes(50, 2_500_000);
  spec['big/b2.bin'] = seededBytes(51, 1_200_000);
  await writeTree(src, spec);
  const store = new LocalStore(path.join(root, 'store'));
  await backup({ source: src, store, logger: silent });
  await fs.writeFile(path.join(src, 'd/a3.txt'), seededBytes(99, 4000));
  await fs.writeFile(path.join(src, 'd/new.txt'), seededBytes(98, 9000));
  const inc = await backup({ source: src, store, logger: silent });
  expect(inc.kind).toBe('incremental');
  const manifest = await loadManifest(store, 'src', inc.id);
  expect(manifest.packs.length).toBe(2);
  const text = await fs.readFile(path.join(store.root, ...manifestKey('src', inc.id).split('/')));
  return { root, store, manifest, text };
}

describe('verify and restore agree on a forged incremental', () => {
  it('for any edit of its files (names, sizes, digests, places in its own and its parent packs)', async () => {
    const { root, store, manifest, text } = await incrementalChain();
    const file = path.join(store.root, ...manifestKey('src', manifest.id).split('/'));
    const samples = fc.sample(fc.array(edit, { minLength: 1, maxLength: 2 }), { numRuns: 60, seed: 23 });
    let verified = 0;
    let refused = 0;
    for (const [k, edits] of samples.entries()) {
      let forged: Manifest;
      try {
        forged = forge(manifest, edits);
      } catch {
        continue;
      }
      await fs.writeFile(file, serializeManifest(forged));
      // Every other one through a store without local files (packs downloaded, or read in ranges).
      const via = k % 2 === 0 ? store : new WrappedStore(store);
      const [report] = await verifySeries(via, 'src', manifest.id, { logger: silent });
      const target = path.join(root, `t${k}`);
      await writeTree(target, { 'keep.txt': 'kept' });
      const before = await describeTree(target);
      const err = await restore({ target, store: via, series: 'src', force: true, logger: silent }).then(
        () => undefined,
        (e: unknown) => e as Error & { code?: string },
      );
      const what = `${JSON.stringify(edits)}: verify ${report!.ok ? 'ok' : report!.error?.message}; restore ${err?.message ?? 'ok'}`;
      expect(report!.ok, what).toBe(err === undefined);
      if (err === undefined) {
        verified++;
        // What restore made is what the manifest says, file for file.
        const tree = await describeTree(target);
        for (const e of forged.entries) {
          if (e.type === 'file') expect(tree[e.path], what).toMatchObject({ type: 'file', size: e.size, sha256: e.sha256 });
        }
        expect(Object.keys(tree).length, what).toBe(forged.entries.length);
      } else {
        refused++;
        expect(err.code, what).toMatch(/^E_(INTEGRITY|UNSAFE_ENTRY)$/);
        expect(await describeTree(target), what).toEqual(before);
      }
      await fs.rm(target, { recursive: true, force: true });
    }
    if (process.env.IV_SHOW) console.log({ verified, refused, of: samples.length });
    await fs.writeFile(file, text);
    // Both kinds of outcome were met (the edits are neither all harmless nor all refused).
    expect(verified).toBeGreaterThan(3);
    expect(refused).toBeGreaterThan(20);
  });
});
