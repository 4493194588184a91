function signature(e) {
    if (e.type === 'file')
        return `f:${e.sha256}:${e.exec ? 1 : 0}:${e.mode ?? ''}`;
    if (e.type === 'symlink')
        return `l:${e.target}`;
    return 'd';
}
const sizeOf = (e) => (e.type === 'file' ? e.size : 0);
/**
 * Compares a snapshot with an earlier one (or with nothing: everything is added). A file removed
 * at one path and added at another with the same content is a rename; several removed paths with
 * one content pair up with the added ones in path order.
 */
export function diffManifests(parent, child) {
    const before = new Map();
    for (const e of parent?.entries ?? [])
        if (e.type !== 'dir')
            before.set(e.path, e);
    const diff = {
        added: 0,
        changed: 0,
        removed: 0,
        renamed: 0,
        unchanged: 0,
        changedBytes: 0,
        paths: { added: [], changed: [], removed: [], renamed: [] },
    };
    const added = [];
    const seen = new Set();
    for (const e of child.entries) {
        if (e.type === 'dir')
            continue;
        seen.add(e.path);
        const old = before.get(e.path);
        if (old === undefined)
            added.push(e);
        else if (signature(old) !== signature(e))
            diff.paths.changed.push({ path: e.path, size: sizeOf(e), sizeBefore: sizeOf(old) });
        else
            diff.unchanged++;
    }
    // Removed files by content, so an added file with that content is matched to one of them.
    const gone = new Map();
    const removed = [];
    for (const [p, e] of before) {
        if (seen.has(p))
            continue;
        removed.push(e);
        if (e.type === 'file')
            gone.set(e.sha256, [...(gone.get(e.sha256) ?? []), e]);
    }
    const renamedFrom = new Set();
    for (const e of added) {
        const from = e.type === 'file' ? gone.get(e.sha256)?.shift() : undefined;
        if (from) {
            renamedFrom.add(from.path);
            diff.paths.renamed.push({ from: from.path, to: e.path, size: sizeOf(e) });
        }
        else
            diff.paths.added.push({ path: e.path, size: sizeOf(e) });
    }
    for (const e of removed)
        if (!renamedFrom.has(e.path))
            diff.paths.removed.push({ path: e.path, size: sizeOf(e) });
    diff.added = diff.paths.added.length;
    diff.changed = diff.paths.changed.length;
    diff.removed = diff.paths.removed.length;
    diff.renamed = diff.paths.renamed.length;
    diff.changedBytes = [...diff.paths.added, ...diff.paths.changed].reduce((n, p) => n + p.size, 0);
    return diff;
}
