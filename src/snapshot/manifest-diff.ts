import type { Entry, Manifest } from './manifest.js';

/** What changed between two snapshots of a tree, counted per file (directories are not counted). */
export interface ManifestDiff {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  /** Bytes of added and changed files. */
  changedBytes: number;
}

function signature(e: Entry): string {
  if (e.type === 'file') return `f:${e.sha256}:${e.exec ? 1 : 0}:${e.mode ?? ''}`;
  if (e.type === 'symlink') return `l:${e.target}`;
  return 'd';
}

/** Compares a snapshot with its parent (or with nothing, for a full snapshot: everything is added). */
export function diffManifests(parent: Manifest | undefined, child: Manifest): ManifestDiff {
  const before = new Map<string, string>();
  for (const e of parent?.entries ?? []) if (e.type !== 'dir') before.set(e.path, signature(e));
  const diff: ManifestDiff = { added: 0, changed: 0, removed: 0, unchanged: 0, changedBytes: 0 };
  const seen = new Set<string>();
  for (const e of child.entries) {
    if (e.type === 'dir') continue;
    seen.add(e.path);
    const old = before.get(e.path);
    const size = e.type === 'file' ? e.size : 0;
    if (old === undefined) {
      diff.added++;
      diff.changedBytes += size;
    } else if (old !== signature(e)) {
      diff.changed++;
      diff.changedBytes += size;
    } else diff.unchanged++;
  }
  for (const p of before.keys()) if (!seen.has(p)) diff.removed++;
  return diff;
}
