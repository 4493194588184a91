import type { Entry, FileEntry, Location } from '../../snapshot/manifest.js';
import type { EntrySink } from '../../snapshot/manifest-stream.js';
/** Where the chain holds one content: the location of the first file of the parent holding it (`pack` into the parent's packs). */
export interface ChainContent {
    loc: Location;
    /** The tar member holding it: the location's member, else that file's path. */
    member: string;
    size: number;
}
/** Where a content is in the chain, without its member's name (`ParentContents.memberAt`). */
export type ChainLocation = Omit<ChainContent, 'member'>;
/** The new scan's paths, in comparePaths order (scan-entries.ts). */
export interface ScannedPaths {
    readonly length: number;
    path(i: number): string;
}
/** What trusting mtimes compares a scanned file with: the parent's file of the same path. */
export type PreviousFile = Pick<FileEntry, 'size' | 'mtimeMs' | 'exec' | 'sha256'>;
/**
 * What an incremental needs of its parent's entries, taken one at a time as the manifest is read
 * (an EntrySink): which content the chain holds and where, the digest of its tree (equal to a
 * scan's exactly when `sameTree` would find them equal, see tree-digest.ts), and, to trust mtimes,
 * its files by path. No entry is kept: a content is a few numbers and its member's name.
 */
export declare class ParentContents implements EntrySink {
    private readonly keepPrevious;
    /** The new scan: a member found among its paths is kept as its row there. */
    private readonly scanned?;
    private tree;
    private treeDigest;
    /** sha256 -> its row in the columns below; undefined once only the planned contents are kept (`keepOnly`). */
    private bySha;
    /** Each kept content's sha256 (32 bytes a row), after `keepOnly`. */
    private keptShas;
    /** Where each content is, by row. */
    private locs;
    /**
     * Per content, where its member's name is: the row of the same path in the new scan (>= 0),
     * which is nearly always so (a file unchanged since the parent), or `-(k + 1)` for name `k` of
     * `others`. A million names as UTF-8 took ~24 MB; as rows, 4 MB.
     */
    private memberRows;
    /** Member names no scanned path has, as UTF-8 (as strings, a million held ~20 MB more). */
    private others;
    /** The scan row the next name is looked for from, and the last name looked for (names come in path order, mostly). */
    private next;
    private lastName;
    private previousFiles;
    private released;
    /**
     * `treeDigest`: the tree's digest when it is known already, and `rows`, how many contents
     * will be added (an index of the contents, parent-contents-file.ts).
     */
    constructor(keepPrevious: boolean, treeDigest?: string, rows?: number, 
    /** The new scan: a member found among its paths is kept as its row there. */
    scanned?: ScannedPaths | undefined);
    entry(e: Entry): void;
    /**
     * A file's content as an index of contents holds it (contents-index.ts): its sha256 as bytes
     * (`sha[shaAt, shaAt + 32)`), the 7 numbers `entry` keeps as little-endian doubles from byte
     * `numsAt` of `nums`; `member` is asked for only when the content is new.
     */
    addContentBytes(sha: Uint8Array, shaAt: number, nums: DataView, numsAt: number, member: () => string): void;
    /**
     * Where a member's name is kept (see `memberRows`): the scan is walked once, forward, as the
     * names come in path order; a name out of that order, or that no scanned path equals, is kept
     * as it is. Only an exact match of the strings makes a row.
     */
    private placeMember;
    /** Room for row `row`'s member (its location makes its own). */
    private room;
    restart(): void;
    /** Lets go of the columns (the manifest is made): any later question throws, never answers "not in the chain". */
    release(): void;
    /**
     * Once planned, keeps only the contents `sources` refers to (its rows >= 0, renumbered in place,
     * in the same order) and lets go of the lookup by sha256: `rowOf` then throws. Where a tree
     * dropped most of its parent's content (an index rewritten), that is most of these columns,
     * ~96 MB at a million files; where it kept most, only the lookup's table goes.
     */
    keepOnly(sources: Int32Array): void;
    /** Where the chain holds the content of this sha256, if it does. */
    content(sha256: string): ChainContent | undefined;
    /** The sha256 of the content of row `row`. */
    shaAt(row: number): string;
    /** Where the chain holds the content of row `row`. */
    contentAt(row: number): ChainContent;
    /** contentAt without the member's name (made only if asked for: `memberAt`, `memberIsScanned`). */
    locationAt(row: number): ChainLocation;
    /** The tar member holding the content of row `row`. */
    memberAt(row: number): string;
    /** Whether the member of row `row` is the path of the scan's entry `i` (no name made to tell). */
    memberIsScanned(row: number, i: number): boolean;
    /** The parent's pack holding the content of row `row`. */
    packAt(row: number): number;
    /** The parent's file at this path; only when made to keep them (trusting mtimes). */
    previous(path: string): PreviousFile | undefined;
    /** The digest of the parent's tree (tree-digest.ts), once every entry is taken. */
    treeDigestOf(): string;
    /** The row of the content of this sha256, if the chain holds it (see `contentAt`, `shaAt`). */
    rowOf(sha256: string): number | undefined;
    /** `rowOf` for a sha256 given as its 32 bytes. */
    rowOfBytes(sha256: Uint8Array): number | undefined;
    /** The lookup by sha256, there until `keepOnly`. */
    private lookup;
}
