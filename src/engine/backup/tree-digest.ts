import type { Manifest } from '../../snapshot/manifest.js';
import { TreeDigest } from '../tree-digest.js';
import type { ScanEntries } from './scan-entries.js';

/** Whether the scanned tree is the parent's tree: same paths, types, content, modes and link targets, in order. */
export function sameTree(parent: Pick<Manifest, 'entries'>, scanned: ScanEntries, hashes: ReadonlyMap<string, string>): boolean {
  if (parent.entries.length !== scanned.length) return false;
  return parent.entries.every((p, i) => {
    const s = scanned.at(i);
    if (p.path !== s.path || p.type !== s.type) return false;
    if (p.type === 'file' && s.type === 'file') return p.sha256 === hashes.get(s.path) && p.exec === s.exec && p.mode === s.mode;
    if (p.type === 'dir' && s.type === 'dir') return p.mode === s.mode;
    if (p.type === 'symlink' && s.type === 'symlink') return p.target === s.target;
    return true;
  });
}

/** The tree digest of the manifest a scan with these hashes would give. */
export function scannedTreeDigest(entries: ScanEntries, hashOf: (i: number) => string | undefined): string {
  const d = new TreeDigest();
  for (let i = 0; i < entries.length; i++) {
    const type = entries.type(i);
    if (type === 'file') d.file(entries.path(i), hashOf(i), entries.exec(i), entries.mode(i));
    else if (type === 'dir') d.dir(entries.path(i), entries.mode(i));
    else d.symlink(entries.path(i), entries.target(i));
  }
  return d.digest();
}

/**
 * A digest of all the tree rules and the name checks read of a scan: each entry's type, path
 * and link target, in order (a TreeDigest without contents or modes).
 */
export function namesDigest(entries: ScanEntries): string {
  const d = new TreeDigest();
  for (let i = 0; i < entries.length; i++) {
    const type = entries.type(i);
    if (type === 'file') d.file(entries.path(i), undefined, false, undefined);
    else if (type === 'dir') d.dir(entries.path(i), undefined);
    else d.symlink(entries.path(i), entries.target(i));
  }
  return d.digest();
}
