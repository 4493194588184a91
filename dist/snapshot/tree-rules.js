import { PortabilityError, ValidationError } from '../shared/errors.js';
import { Utf8List } from '../shared/utf8-list.js';
import { comparePaths, linkStaysInside, MAX_LINK_TARGET_BYTES, pathProblem } from './entry-path.js';
/** Upper bound on entries, so a hostile manifest cannot make us allocate without limit. */
export const MAX_ENTRIES = 20_000_000;
/** Links one lookup may pass through, as Linux counts them (macOS stops at 32, Windows at 63). */
export const MAX_LINK_HOPS = 40;
/** Tree-level limits, one object for writer and readers; tests lower `maxEntries` to reach it. */
export const TREE_LIMITS = { maxEntries: MAX_ENTRIES };
/** One entry of the tree; every field set at construction, so all nodes share one shape. */
class Node {
    type;
    parent;
    depth;
    children;
    target = undefined;
    /** True while its target is being resolved. */
    busy = false;
    final = undefined;
    hops = 1;
    constructor(type, parent, depth) {
        this.type = type;
        this.parent = parent;
        this.depth = depth;
        this.children = type === 'dir' ? new Map() : undefined;
    }
}
/**
 * The rules every snapshot tree obeys, checked in one place by the backup (before anything is
 * stored), by every manifest read (restore, verify, incremental parents) and by scan's link
 * handling: each path safe and within the limits, byte-sorted and unique, nothing under the
 * reserved directory, every parent a listed directory, and every symlink staying inside the tree
 * when resolved the way the OS will resolve it — through the tree's own links, `..` after a link
 * taken from where the link leads. Stops after `max` problems. Linear in the total size of paths
 * and targets: each link is resolved once and remembered.
 */
export function treeProblems(entries, options = {}) {
    const check = new TreeCheck(options);
    // Known before any entry is read: reported first, as a reader that counts as it goes cannot.
    if (entries.length > TREE_LIMITS.maxEntries && check.tooMany())
        return check.problems;
    for (const e of entries)
        if (check.add(e))
            return check.problems;
    return check.finish();
}
/**
 * treeProblems one entry at a time, for a reader that does not hold the entries: it keeps the
 * directories, and of every other entry only its path (links are resolved once all are in).
 */
export class TreeCheck {
    problems = [];
    max;
    reserved;
    root = new Node('dir', undefined, 0);
    // Only directories can be parents; files and links join the tree (for resolving links) only if there are links.
    dirs = new Map([['', this.root]]);
    /**
     * Every other entry's name and parent, in order: the names as UTF-8 (Utf8List), ~40 bytes an
     * entry less than paths kept as strings, held by every reader until a manifest's last entry.
     */
    otherNames = new Utf8List();
    otherParents = [];
    /** `other`: the link's place among the other entries. */
    links = [];
    count = 0;
    countReported = false;
    prev;
    // The last parent found: sorted siblings share it, so most entries need no lookup.
    lastParentPath = '';
    lastParent = this.root;
    constructor(options = {}) {
        this.max = options.max ?? Infinity;
        this.reserved = options.reserved;
    }
    /** Records a problem; true once `max` are found (the caller stops). */
    report(p) {
        return this.problems.push(p) >= this.max;
    }
    /** Reports that there are more entries than a tree may hold (once); true once `max` problems are found. */
    tooMany() {
        if (this.countReported)
            return false;
        this.countReported = true;
        return this.report({ path: '', rule: 'count', why: `more than ${TREE_LIMITS.maxEntries} entries` });
    }
    /** The next entry, in the tree's order; true once `max` problems are found. */
    add(e) {
        if (++this.count > TREE_LIMITS.maxEntries && this.tooMany())
            return true;
        const bad = pathProblem(e.path);
        if (bad)
            return this.report({ path: String(e.path), rule: 'path', why: bad.why, portable: bad.portable });
        if (this.prev !== undefined && comparePaths(this.prev, e.path) >= 0)
            return this.report({ path: e.path, rule: 'order', why: 'entries not sorted or duplicated' });
        this.prev = e.path;
        const reserved = this.reserved;
        if (reserved !== undefined && (e.path === reserved || e.path.startsWith(`${reserved}/`)))
            return this.report({ path: e.path, rule: 'reserved', why: `${reserved}/ is reserved for pack metadata` });
        // Every parent must be listed as a directory: no implicit directories, nothing under a symlink.
        const slash = e.path.lastIndexOf('/');
        const parentLength = slash < 0 ? 0 : slash;
        let parent;
        if (parentLength === this.lastParentPath.length && e.path.startsWith(this.lastParentPath))
            parent = this.lastParent;
        else {
            this.lastParentPath = slash < 0 ? '' : e.path.slice(0, slash);
            parent = this.lastParent = this.dirs.get(this.lastParentPath);
        }
        if (parent === undefined)
            return this.report({ path: e.path, rule: 'parent', why: 'its parent is not a directory entry of the tree' });
        if (e.type === 'dir') {
            const node = new Node(e.type, parent, parent.depth + 1);
            parent.children.set(slash < 0 ? e.path : e.path.slice(slash + 1), node);
            this.dirs.set(e.path, node);
            return false;
        }
        if (e.type === 'symlink') {
            const target = e.target;
            if (typeof target !== 'string' || target.length === 0 || Buffer.byteLength(target) > MAX_LINK_TARGET_BYTES || target.includes('\0')) {
                this.pushOther(e, parent);
                return this.report({
                    path: e.path,
                    rule: 'link',
                    why: `symlink target is empty, not text, contains NUL or is longer than ${MAX_LINK_TARGET_BYTES} bytes`,
                });
            }
            this.links.push({ path: e.path, target, node: this.root, other: this.otherParents.length });
        }
        this.pushOther(e, parent);
        return false;
    }
    /** Every problem, once all entries are in (resolving the links through the whole tree). */
    finish() {
        const { links, otherNames, otherParents } = this;
        if (links.length > 0) {
            // The rest of the tree, for the links to be resolved through; `links` are in the same order as they appear here.
            let l = 0;
            for (let i = 0; i < otherParents.length; i++) {
                const parent = otherParents[i];
                // Only whether a node is a directory decides how a lookup goes on through it.
                const node = new Node('other', parent, parent.depth + 1);
                parent.children.set(otherNames.get(i), node);
                if (l < links.length && links[l].other === i) {
                    node.target = links[l].target;
                    links[l++].node = node;
                }
            }
        }
        for (const { path, node } of links) {
            const why = linkProblem(path, node);
            if (why && this.report({ path, rule: 'link', why }))
                break;
        }
        return this.problems;
    }
    pushOther(e, parent) {
        this.otherNames.push(e.path.slice(e.path.lastIndexOf('/') + 1));
        this.otherParents.push(parent);
    }
}
/**
 * The backup's refusal of a tree that breaks these rules: one line naming the path and the rule
 * when there is one problem; E_PORTABILITY when every problem is only about other systems.
 */
export function refuseTree(problems, source) {
    const show = (p) => (p.length > 120 ? `${p.slice(0, 60)}…${p.slice(-50)} (${Buffer.byteLength(p)} bytes)` : p);
    const lines = problems.slice(0, 20).map((p) => `${JSON.stringify(show(p.path))}: ${p.why}`);
    const text = lines.length === 1 ? lines[0] : `${problems.length} path(s) of ${source}:\n  ${lines.join('\n  ')}`;
    const options = { hint: 'rename or move them: every restore refuses a snapshot that holds them', details: { problems } };
    if (problems.every((p) => p.portable))
        throw new PortabilityError(`cannot snapshot ${text}`, options);
    throw new ValidationError(`cannot snapshot ${text}`, options);
}
/** Why a symlink may not be in the tree, or undefined. */
function linkProblem(path, node) {
    // Read as text first: that alone keeps absolute and climbing targets out, on every OS.
    if (!linkStaysInside(path, node.target))
        return `symlink to ${JSON.stringify(node.target)} points outside the tree`;
    const outcome = resolve(node, 0);
    if (outcome.kind === 'out')
        return `symlink to ${JSON.stringify(node.target)} leads outside the tree through the tree's own links`;
    if (outcome.kind === 'loop')
        return `symlink to ${JSON.stringify(node.target)} goes round a loop of links or through more than ${MAX_LINK_HOPS} links`;
    return undefined;
}
const LOOP = { kind: 'loop' };
const OUT = { kind: 'out' };
const DEEP = { kind: 'deep' };
/** Where a link leads, resolved through the tree's links; remembered per link. */
function resolve(link, stack) {
    if (link.final)
        return link.final;
    if (link.busy)
        return LOOP;
    if (stack > MAX_LINK_HOPS)
        return DEEP;
    link.busy = true;
    const o = follow(link, stack);
    link.busy = false;
    // A result cut short by the recursion bound is only certain for the outermost link.
    if (o === DEEP && stack > 0)
        return o;
    link.final = o === DEEP ? LOOP : o;
    return link.final;
}
/** Walks a link's target from the link's directory; sets link.hops to the links it passed through. */
function follow(link, stack) {
    link.hops = 1;
    let cur = link.parent;
    // Once the path leaves what the tree holds, the rest is followed as text from this depth.
    let lexical = -1;
    let last;
    const target = link.target;
    for (let start = 0; start <= target.length;) {
        let end = target.indexOf('/', start);
        if (end < 0)
            end = target.length;
        const seg = target.slice(start, end);
        start = end + 1;
        if (seg === '' || seg === '.')
            continue;
        last = undefined;
        if (lexical >= 0) {
            if (seg !== '..')
                lexical++;
            else if (--lexical < 0)
                return OUT;
            continue;
        }
        if (seg === '..') {
            // POSIX takes `..` physically: from where the path has actually got to, links included.
            if (cur.parent === undefined)
                return OUT;
            cur = cur.parent;
            continue;
        }
        let child = cur.children?.get(seg);
        if (child === undefined) {
            lexical = cur.depth + 1;
            continue;
        }
        if (child.target !== undefined) {
            const o = resolve(child, stack + 1);
            if (o.kind === 'out' || o.kind === 'loop' || o.kind === 'deep')
                return o;
            link.hops += child.hops;
            if (link.hops > MAX_LINK_HOPS)
                return LOOP;
            if (o.kind === 'dangling') {
                lexical = o.depth;
                continue;
            }
            child = o.node;
        }
        if (child.type === 'dir')
            cur = child;
        else {
            // A file (or anything else) in the middle of a path is a dead end; followed as text after it.
            lexical = child.depth;
            last = child;
        }
    }
    if (lexical >= 0 && last === undefined)
        return { kind: 'dangling', depth: lexical };
    return { kind: 'at', node: last ?? cur };
}
