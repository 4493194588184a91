/** Upper bound on entries, so a hostile manifest cannot make us allocate without limit. */
export declare const MAX_ENTRIES = 20000000;
/** Links one lookup may pass through, as Linux counts them (macOS stops at 32, Windows at 63). */
export declare const MAX_LINK_HOPS = 40;
/** Tree-level limits, one object for writer and readers; tests lower `maxEntries` to reach it. */
export declare const TREE_LIMITS: {
    maxEntries: number;
};
export interface TreeEntry {
    path: string;
    type: string;
    target?: unknown;
}
export type TreeRule = 'path' | 'order' | 'reserved' | 'parent' | 'link' | 'count';
export interface TreeProblem {
    path: string;
    rule: TreeRule;
    why: string;
    /** The rule exists because of other systems (a name too long for Linux or macOS). */
    portable?: boolean;
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
export declare function treeProblems(entries: Iterable<TreeEntry> & {
    readonly length: number;
}, options?: TreeCheckOptions): TreeProblem[];
export interface TreeCheckOptions {
    reserved?: string;
    max?: number;
}
/**
 * treeProblems one entry at a time, for a reader that does not hold the entries: it keeps the
 * directories, and of every other entry only its path (links are resolved once all are in).
 */
export declare class TreeCheck {
    readonly problems: TreeProblem[];
    private readonly max;
    private readonly reserved;
    private readonly root;
    private readonly dirs;
    /**
     * Every other entry's name and parent, in order: the names as UTF-8 (Utf8List), ~40 bytes an
     * entry less than paths kept as strings, held by every reader until a manifest's last entry.
     */
    private readonly otherNames;
    private readonly otherParents;
    /** `other`: the link's place among the other entries. */
    private readonly links;
    private count;
    private countReported;
    private prev;
    private lastParentPath;
    private lastParent;
    constructor(options?: TreeCheckOptions);
    /** Records a problem; true once `max` are found (the caller stops). */
    report(p: TreeProblem): boolean;
    /** Reports that there are more entries than a tree may hold (once); true once `max` problems are found. */
    tooMany(): boolean;
    /** The next entry, in the tree's order; true once `max` problems are found. */
    add(e: TreeEntry): boolean;
    /** Every problem, once all entries are in (resolving the links through the whole tree). */
    finish(): TreeProblem[];
    private pushOther;
}
/**
 * The backup's refusal of a tree that breaks these rules: one line naming the path and the rule
 * when there is one problem; E_PORTABILITY when every problem is only about other systems.
 */
export declare function refuseTree(problems: readonly TreeProblem[], source: string): never;
