function signature(e) {
    if (e.type === 'file')
        return `f:${e.sha256}:${e.exec ? 1 : 0}:${e.mode ?? ''}`;
    if (e.type === 'symlink')
        return `l:${e.target}`;
    return 'd';
}
/** Compares a snapshot with its parent (or with nothing, for a full snapshot: everything is added). */
export function diffManifests(parent, child) {
    const before = new Map();
    for (const e of parent?.entries ?? [])
        if (e.type !== 'dir')
            before.set(e.path, signature(e));
    const diff = { added: 0, changed: 0, removed: 0, unchanged: 0, changedBytes: 0 };
    const seen = new Set();
    for (const e of child.entries) {
        if (e.type === 'dir')
            continue;
        seen.add(e.path);
        const old = before.get(e.path);
        const size = e.type === 'file' ? e.size : 0;
        if (old === undefined) {
            diff.added++;
            diff.changedBytes += size;
        }
        else if (old !== signature(e)) {
            diff.changed++;
            diff.changedBytes += size;
        }
        else
            diff.unchanged++;
    }
    for (const p of before.keys())
        if (!seen.has(p))
            diff.removed++;
    return diff;
}
