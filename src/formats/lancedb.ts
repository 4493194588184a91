import fs from 'node:fs/promises';
import path from 'node:path';
import { ChangedError, IntegrityError, isIndexVaultError, NotFoundError } from '../shared/errors.js';
import { readLanceManifest, versionOfManifestName, type LanceVersionFiles } from './lance-manifest.js';
import type { IndexSelection, LanceVersionMode } from './selection.js';

export interface LanceTableFacts {
  table: string;
  /** The newest stored version: a restored table opens at it. */
  version: number;
  rows: number;
  /** Every stored version, newest first, with its live row count. */
  versions?: Array<{ version: number; rows: number }>;
  /** Tags kept, by name, with the version each names. */
  tags?: Record<string, number>;
}

async function isTable(dir: string): Promise<boolean> {
  return fs.stat(path.join(dir, '_versions')).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** A LanceDB database directory (tables `*.lance` inside) or a single table directory. */
export async function detectLance(dir: string): Promise<string[] | undefined> {
  if (dir.endsWith('.lance') && (await isTable(dir))) return [''];
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const tables: string[] = [];
  for (const n of names.sort()) if (n.endsWith('.lance') && (await isTable(path.join(dir, n)))) tables.push(n);
  return tables.length > 0 ? tables : undefined;
}

async function listAll(dir: string, rel: string, out: string[]): Promise<void> {
  for (const d of await fs.readdir(dir, { withFileTypes: true })) {
    const r = `${rel}/${d.name}`;
    if (d.isDirectory()) await listAll(path.join(dir, d.name), r, out);
    else if (d.isFile()) out.push(r);
  }
}

function vanished(rel: string, err: unknown): ChangedError {
  return new ChangedError(`${rel} vanished while the table was being pinned`, { cause: err, details: { path: rel, vanished: true } });
}

interface PinnedTable {
  facts: LanceTableFacts;
  /** Table-relative paths of every stored version's files. */
  files: Map<string, number>;
  indexDirs: Set<string>;
  /** Tag files kept, with their bytes as read. */
  tagBytes: Map<string, Buffer>;
  /** Tag files left out, with the reason. */
  droppedTags: Map<string, string>;
}

/**
 * Pins the versions of one table that `mode` keeps — the newest committed one, plus every tagged
 * one (`tagged`) or every committed one (`all`) — and lists exactly the files they need: their
 * manifests, data, deletion and transaction files, index directories, and the tags kept.
 */
async function pinTable(tableDir: string, mode: LanceVersionMode): Promise<PinnedTable> {
  const names = await fs.readdir(path.join(tableDir, '_versions'));
  const byVersion = new Map<number, string>();
  for (const n of names) {
    const v = versionOfManifestName(n);
    if (v !== undefined) byVersion.set(v, n);
  }
  if (byVersion.size === 0)
    throw new NotFoundError(`Lance table ${tableDir} has no committed version`, { hint: 'is the table still being created?' });
  const newest = Math.max(...byVersion.keys());

  // Tags are read once and stored as read, so a tag moved mid-backup cannot name a version not stored.
  const tags = new Map<string, { bytes: Buffer; version: number | undefined }>();
  const tagDir = path.join(tableDir, '_refs', 'tags');
  for (const n of (await fs.readdir(tagDir).catch(() => [] as string[])).sort()) {
    if (!n.endsWith('.json')) continue;
    const bytes = await fs.readFile(path.join(tagDir, n)).catch(() => undefined);
    if (!bytes) continue; // deleted since listed: not part of the table any more
    let version: number | undefined;
    try {
      const v = (JSON.parse(bytes.toString('utf8')) as { version?: unknown }).version;
      if (typeof v === 'number' && Number.isSafeInteger(v)) version = v;
    } catch {
      // Not a tag LanceDB can read: stored as the user's file, it names no version.
    }
    tags.set(n, { bytes, version });
  }

  const wanted = new Set<number>([newest]);
  if (mode === 'all') for (const v of byVersion.keys()) wanted.add(v);
  if (mode === 'tagged') for (const t of tags.values()) if (t.version !== undefined && byVersion.has(t.version)) wanted.add(t.version);

  const files = new Map<string, number>();
  const indexDirs = new Set<string>();
  const versions: Array<{ version: number; rows: number }> = [];
  for (const v of [...wanted].sort((a, b) => b - a)) {
    const n = byVersion.get(v)!;
    let read: LanceVersionFiles;
    try {
      read = await readLanceManifest(path.join(tableDir, '_versions', n), n);
    } catch (err) {
      // A cleanup removed an old version after the listing: the caller takes the snapshot again.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw vanished(`_versions/${n}`, err);
      throw err;
    }
    for (const [rel, size] of read.files) files.set(rel, size);
    for (const idx of read.indexDirs) indexDirs.add(idx);
    versions.push({ version: read.version, rows: read.rows });
  }
  for (const idx of indexDirs) {
    const found: string[] = [];
    await listAll(path.join(tableDir, ...idx.split('/')), idx, found).catch((err: unknown) => {
      throw vanished(idx, err);
    });
    for (const f of found) files.set(f, 0);
  }

  const tagBytes = new Map<string, Buffer>();
  const droppedTags = new Map<string, string>();
  const kept: Record<string, number> = {};
  for (const [n, t] of tags) {
    const rel = `_refs/tags/${n}`;
    // A tag naming a version this mode does not store would dangle in the restored table.
    if (t.version !== undefined && byVersion.has(t.version) && !wanted.has(t.version)) {
      droppedTags.set(rel, `tag of version ${t.version}, which --lance-versions ${mode} does not store`);
      continue;
    }
    tagBytes.set(rel, t.bytes);
    files.set(rel, t.bytes.length);
    if (t.version !== undefined) kept[n.slice(0, -'.json'.length)] = t.version;
  }
  const head = versions[0]!;
  return { facts: { table: '', version: head.version, rows: head.rows, versions, tags: kept }, files, indexDirs, tagBytes, droppedTags };
}

const STAGED = /#\d+$/;
const DATA_FILE = /^data\/[^/]+\.lance$/;
const DELETION_FILE = /^_deletions\/[^/]+\.(?:arrow|bin)$/;
const TRANSACTION_FILE = /^_transactions\/[^/]+\.txn$/;
const INDEX_DIR = /^_indices\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TAG_FILE = /^_refs\/tags\/[^/]+\.json$/;

/**
 * The exclusion rule inside one table directory (`rel` relative to it). Left out: staging and
 * temporary names, the version hint, and files of the kinds LanceDB writes per version (manifests,
 * data, deletion, transaction files, index directories, tags) that no stored version names.
 * Anything else — a file LanceDB never writes — is kept.
 */
function excludeInTable(t: PinnedTable, mode: LanceVersionMode, rel: string, type: 'file' | 'dir' | 'symlink'): string | undefined {
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  // `<name>#<n>`: a write staged by the object store before its rename; `.tmp*`: a commit's temporary file.
  if (base.startsWith('.tmp') || STAGED.test(base)) return 'transient: LanceDB staging file';
  if (t.files.has(rel) || type === 'symlink') return undefined;
  if (type === 'dir') return INDEX_DIR.test(rel) && !t.indexDirs.has(rel) ? 'index of a version not stored' : undefined;
  if (rel === '_versions/latest_version_hint.json') return 'transient: LanceDB version hint, rewritten by every commit';
  if (rel === '_latest.manifest') return 'transient: copy of the newest manifest (older layout), rewritten by every commit';
  if (rel.startsWith('_versions/') && !rel.slice(10).includes('/')) {
    const v = versionOfManifestName(rel.slice(10));
    if (v !== undefined) return `manifest of version ${v}, which --lance-versions ${mode} does not store`;
  }
  if (DATA_FILE.test(rel)) return 'data file of a version not stored';
  if (DELETION_FILE.test(rel)) return 'deletion file of a version not stored';
  if (TRANSACTION_FILE.test(rel)) return 'commit record of a version not stored';
  if (TAG_FILE.test(rel)) return t.droppedTags.get(rel) ?? 'tag written after the versions were pinned';
  return undefined;
}

/**
 * Selects the files of the versions `mode` keeps of every table, and checks their sizes against
 * the manifests. Files outside the tables, and files in a table that LanceDB never writes, are
 * the user's and are stored as they are.
 */
export async function selectLance(root: string, tables: string[], mode: LanceVersionMode = 'tagged'): Promise<IndexSelection> {
  const files = new Map<string, number>();
  const pinned = new Map<string, Buffer>();
  const facts: LanceTableFacts[] = [];
  const byPrefix = new Map<string, PinnedTable>();
  for (const t of tables) {
    const p = await pinTable(t ? path.join(root, t) : root, mode).catch((err: unknown) => {
      if (isIndexVaultError(err, 'E_INTEGRITY')) {
        throw new IntegrityError(`${path.join(root, t)} looks like a LanceDB table but ${err.message}`, {
          hint: 'if it is not a LanceDB table, back it up as plain files',
          details: { remedy: 'format-dir' },
          cause: err,
        });
      }
      throw err;
    });
    const prefix = t ? `${t}/` : '';
    byPrefix.set(prefix, p);
    facts.push({ ...p.facts, table: t.replace(/\.lance$/, '') });
    for (const [k, v] of p.files) files.set(prefix + k, v);
    for (const [k, v] of p.tagBytes) pinned.set(prefix + k, v);
  }
  for (const [rel, size] of files) {
    if (pinned.has(rel)) continue;
    // A cleanup removed it after the manifest was read: the caller retries on a newer version.
    const st = await fs.stat(path.join(root, ...rel.split('/'))).catch((err: unknown) => {
      throw vanished(rel, err);
    });
    if (size > 0 && st.size !== size) {
      throw new ChangedError(`${rel} has ${st.size} bytes but its manifest records ${size}`, {
        hint: 'the table is being written to or is damaged',
        details: { path: rel },
      });
    }
  }
  const exclude = (rel: string, type: 'file' | 'dir' | 'symlink'): string | undefined => {
    const single = byPrefix.get('');
    if (single) return excludeInTable(single, mode, rel, type);
    const slash = rel.indexOf('/');
    const table = slash < 0 ? undefined : byPrefix.get(rel.slice(0, slash + 1));
    return table ? excludeInTable(table, mode, rel.slice(slash + 1), type) : undefined;
  };
  return { format: 'lancedb', facts: { lanceVersions: mode, tables: facts }, files, last: [], pinned, exclude };
}
