import { TreeDigest } from '../tree-digest.js';
/** Whether the scanned tree is the parent's tree: same paths, types, content, modes and link targets, in order. */
export function sameTree(parent, scanned, hashes) {
    if (parent.entries.length !== scanned.length)
        return false;
    return scanned.every((s, i) => {
        const p = parent.entries[i];
        if (p.path !== s.path || p.type !== s.type)
            return false;
        if (p.type === 'file' && s.type === 'file')
            return p.sha256 === hashes.get(s.path) && p.exec === s.exec && p.mode === s.mode;
        if (p.type === 'dir' && s.type === 'dir')
            return p.mode === s.mode;
        if (p.type === 'symlink' && s.type === 'symlink')
            return p.target === s.target;
        return true;
    });
}
/** The tree digest of the manifest a scan with these hashes would give. */
export function scannedTreeDigest(entries, hashOf) {
    const d = new TreeDigest();
    for (const e of entries) {
        if (e.type === 'file')
            d.file(e.path, hashOf(e), e.exec, e.mode);
        else if (e.type === 'dir')
            d.dir(e.path, e.mode);
        else
            d.symlink(e.path, e.target);
    }
    return d.digest();
}
