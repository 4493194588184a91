import { ShaRows } from './sha-rows.js';
import { TreeDigest } from './tree-digest.js';
/**
 * What an incremental needs of its parent's entries, taken one at a time as the manifest is read
 * (an EntrySink): which content the chain holds and where, the digest of its tree (equal to a
 * scan's exactly when `sameTree` would find them equal, see tree-digest.ts), and, to trust mtimes,
 * its files by path. No entry is kept: a content is a few numbers and its member's name.
 */
export class ParentContents {
    keepPrevious;
    tree = new TreeDigest();
    treeDigest;
    /** sha256 -> its row in the columns below. */
    bySha = new ShaRows();
    locs = [];
    members = [];
    previousFiles;
    constructor(keepPrevious) {
        this.keepPrevious = keepPrevious;
        if (keepPrevious)
            this.previousFiles = new Map();
    }
    entry(e) {
        this.tree.entry(e);
        if (e.type !== 'file')
            return;
        this.previousFiles?.set(e.path, { size: e.size, mtimeMs: e.mtimeMs, exec: e.exec, sha256: e.sha256 });
        if (!this.bySha.add(e.sha256).added)
            return;
        const { loc } = e;
        this.locs.push(loc.pack, loc.offset, loc.length, loc.raw, loc.skip, loc.span, e.size);
        this.members.push(loc.member ?? e.path);
    }
    restart() {
        this.tree = new TreeDigest();
        this.treeDigest = undefined;
        this.bySha = new ShaRows();
        this.locs = [];
        this.members = [];
        if (this.keepPrevious)
            this.previousFiles = new Map();
    }
    /** Where the chain holds the content of this sha256, if it does. */
    content(sha256) {
        const row = this.bySha.get(sha256);
        if (row === undefined)
            return undefined;
        const at = LOC_FIELDS * row;
        const l = this.locs;
        return {
            loc: { length: l[at + 2], offset: l[at + 1], pack: l[at], raw: l[at + 3], skip: l[at + 4], span: l[at + 5] },
            member: this.members[row],
            size: l[at + 6],
        };
    }
    /** The parent's pack holding this content (an index into its packs), if the chain holds it. */
    packOf(sha256) {
        const row = this.bySha.get(sha256);
        return row === undefined ? undefined : this.locs[LOC_FIELDS * row];
    }
    /** The parent's file at this path; only when made to keep them (trusting mtimes). */
    previous(path) {
        return this.previousFiles?.get(path);
    }
    /** The digest of the parent's tree (tree-digest.ts), once every entry is taken. */
    treeDigestOf() {
        return (this.treeDigest ??= this.tree.digest());
    }
}
/** pack, offset, length, raw, skip, span and the file's size, per content. */
const LOC_FIELDS = 7;
