// The recipe of the known-good store committed under test/fixtures/known-good/: run by
// test/known-good.test.ts with src/, and by scripts/make-known-good.mjs with dist/ to regenerate it.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { BackupOptions, BackupResult, LocalStore } from '../../src/index.js';

/** What the recipe needs of the library: src/ in the test, dist/ in the script. */
export interface KnownGoodLib {
  backup(options: BackupOptions): Promise<BackupResult>;
  LocalStore: new (root: string) => LocalStore;
}

export const FIXTURE = path.join(import.meta.dirname, '..', 'fixtures', 'known-good');
export const SERIES = 'known-good';
/** The writer named in the manifests and descriptors: not the package version, which would change them at every release. */
export const TOOL = 'index-vault known-good';
export const FULL = { id: '20261102T090000000Z-0000f011', createdAt: new Date('2026-11-02T09:00:00.000Z') };
export const INCREMENTAL = { id: '20261102T090100000Z-000001c0', createdAt: new Date('2026-11-02T09:01:00.000Z') };

/** Modes of the tree as backed up first (git keeps neither modes nor empty directories). */
export const MODES: Record<string, number> = {
  'bin/': 0o755,
  'bin/run.sh': 0o755,
  'docs/': 0o750,
  'docs/café.txt': 0o644,
  'docs/notes.txt': 0o600,
  empty: 0o644,
  'empty-dir/': 0o700,
  'hello.txt': 0o644,
};

/** Every entry's mtime is this plus the entry's position (seconds), plus half a second (exact in binary, so utimes keeps the milliseconds). */
const T0 = Date.parse('2026-11-01T12:00:00.000Z');

/** Sets modes and mtimes of every entry (children before their directory, whose mtime they change). */
async function settle(root: string, modes: Record<string, number>): Promise<void> {
  const rels: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const name of (await fs.readdir(path.join(root, rel))).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      rels.push(r);
      if ((await fs.lstat(path.join(root, r))).isDirectory()) await walk(r);
    }
  };
  await walk('');
  rels.sort();
  for (const r of [...rels].reverse()) {
    const abs = path.join(root, r);
    const st = await fs.lstat(abs);
    const when = new Date(T0 + rels.indexOf(r) * 1000 + 500);
    if (st.isSymbolicLink()) {
      await fs.lutimes(abs, when, when);
      continue;
    }
    const mode = modes[st.isDirectory() ? `${r}/` : r];
    if (mode === undefined) throw new Error(`no mode given for ${r}`);
    await fs.chmod(abs, mode);
    await fs.utimes(abs, when, when);
  }
}

/**
 * Builds the known-good store in `storeDir` from the committed source tree, with `lib` (the
 * library: `backup` and `LocalStore`) from dist/ or src/. `work` is an empty scratch directory.
 * Returns the source tree as each snapshot saw it.
 */
export async function makeKnownGood(
  lib: KnownGoodLib,
  work: string,
  storeDir: string,
): Promise<{ full: BackupResult; incremental: BackupResult; fullTree: string; incrementalTree: string }> {
  const source = path.join(work, 'source');
  await fs.cp(path.join(FIXTURE, 'source'), source, { recursive: true, verbatimSymlinks: true });
  await fs.mkdir(path.join(source, 'empty-dir'));
  await settle(source, MODES);
  const store = new lib.LocalStore(storeDir);
  const common: BackupOptions = {
    source,
    store,
    series: SERIES,
    tool: TOOL,
    format: 'dir',
    codec: 'zstd',
    hashCache: false,
    logger: { debug() {}, info() {}, warn() {} },
  };
  const full = await lib.backup({ ...common, mode: 'full', snapshotId: FULL.id, createdAt: FULL.createdAt });

  const fullTree = path.join(work, 'full-tree');
  await fs.cp(source, fullTree, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  // The incremental: one file changed, one removed, one added whose content the full snapshot
  // already holds (stored once, under the other path: `loc.member`), and a mode changed alone.
  await fs.writeFile(path.join(source, 'hello.txt'), 'hello again, world\n');
  await fs.rm(path.join(source, 'empty'));
  await fs.copyFile(path.join(source, 'docs/notes.txt'), path.join(source, 'notes-copy.txt'));
  await settle(source, { ...MODES, 'docs/': 0o755, 'notes-copy.txt': 0o640 });
  const incremental = await lib.backup({ ...common, mode: 'incremental', snapshotId: INCREMENTAL.id, createdAt: INCREMENTAL.createdAt });
  return { full, incremental, fullTree, incrementalTree: source };
}

/** Every object of a store, by key, with its bytes. */
export async function storeObjects(storeDir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const walk = async (rel: string): Promise<void> => {
    for (const d of await fs.readdir(path.join(storeDir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) await walk(r);
      else out.set(r, await fs.readFile(path.join(storeDir, r)));
    }
  };
  await walk('');
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}
