import type { Entry, Manifest } from './manifest.js';

/** A path that is only in one snapshot; `size` is 0 for a symlink. */
export interface PathChange {
  path: string;
  size: number;
}

/** A path in both snapshots whose content, permission bits or link target differ. */
export interface ChangedPath {
  path: string;
  size: number;
  /** The size it had before. */
  sizeBefore: number;
}

/** The same file content under another path (and no longer under the old one). */
export interface RenamedPath {
  from: string;
  to: string;
  size: number;
}

/**
 * What changed between two snapshots of a tree, counted per file and symlink (directories are
 * not counted): the lists in path order, the counts for summaries.
 */
export interface ManifestDiff {
  added: number;
  changed: number;
  removed: number;
  renamed: number;
  unchanged: number;
  /** Bytes of added and changed files (a rename adds no content). */
  changedBytes: number;
  paths: { added: PathChange[]; changed: ChangedPath[]; removed: PathChange[]; renamed: RenamedPath[] };
}

function signature(e: Entry): string {
  if (e.type === 'file') return `f:${e.sha256}:${e.exec ? 1 : 0}:${e.mode ?? ''}`;
  if (e.type === 'symlink') return `l:${e.target}`;
  return 'd';
}

const sizeOf = (e: Entry) => (e.type === 'file' ? e.size : 0);

/**
 * Compares a snapshot with an earlier one (or with nothing: everything is added). A file removed
 * at one path and added at another with the same content is a rename; several removed paths with
 * one content pair up with the added ones in path order.
 */
export function diffManifests(parent: Manifest | undefined, child: Manifest): ManifestDiff {
  const before = new Map<string, Entry>();
  for (const e of parent?.entries ?? []) if (e.type !== 'dir') before.set(e.path, e);
  const diff: ManifestDiff = {
    added: 0,
    changed: 0,
    removed: 0,
    renamed: 0,
    unchanged: 0,
    changedBytes: 0,
    paths: { added: [], changed: [], removed: [], renamed: [] },
  };
  const added: Entry[] = [];
  const seen = new Set<string>();
  for (const e of child.entries) {
    if (e.type === 'dir') continue;
    seen.add(e.path);
    const old = before.get(e.path);
    if (old === undefined) added.push(e);
    else if (signature(old) !== signature(e)) diff.paths.changed.push({ path: e.path, size: sizeOf(e), sizeBefore: sizeOf(old) });
    else diff.unchanged++;
  }
  // Removed files by content, so an added file with that content is matched to one of them.
  const gone = new Map<string, Entry[]>();
  const removed: Entry[] = [];
  for (const [p, e] of before) {
    if (seen.has(p)) continue;
    removed.push(e);
    if (e.type === 'file') gone.set(e.sha256, [...(gone.get(e.sha256) ?? []), e]);
  }
  const renamedFrom = new Set<string>();
  for (const e of added) {
    const from = e.type === 'file' ? gone.get(e.sha256)?.shift() : undefined;
    if (from) {
      renamedFrom.add(from.path);
      diff.paths.renamed.push({ from: from.path, to: e.path, size: sizeOf(e) });
    } else diff.paths.added.push({ path: e.path, size: sizeOf(e) });
  }
  for (const e of removed) if (!renamedFrom.has(e.path)) diff.paths.removed.push({ path: e.path, size: sizeOf(e) });
  diff.added = diff.paths.added.length;
  diff.changed = diff.paths.changed.length;
  diff.removed = diff.paths.removed.length;
  diff.renamed = diff.paths.renamed.length;
  diff.changedBytes = [...diff.paths.added, ...diff.paths.changed].reduce((n, p) => n + p.size, 0);
  return diff;
}
