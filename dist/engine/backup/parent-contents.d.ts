import type { Entry, FileEntry, Location } from '../../snapshot/manifest.js';
import type { EntrySink } from '../../snapshot/manifest-stream.js';
/** Where the chain holds one content: the location of the first file of the parent holding it (`pack` into the parent's packs). */
export interface ChainContent {
    loc: Location;
    /** The tar member holding it: the location's member, else that file's path. */
    member: string;
    size: number;
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
    private tree;
    private treeDigest;
    /** sha256 -> its row in the columns below. */
    private bySha;
    /** LOC_FIELDS numbers per content, by row. */
    private locs;
    /** The member name per content, as UTF-8 (a million names as strings held ~20 MB more). */
    private members;
    private previousFiles;
    private released;
    /**
     * `treeDigest`: the tree's digest when it is known already, and `rows`, how many contents
     * will be added (an index of the contents, parent-contents-file.ts).
     */
    constructor(keepPrevious: boolean, treeDigest?: string, rows?: number);
    entry(e: Entry): void;
    /**
     * A file's content as an index of contents holds it (contents-index.ts): its sha256 as bytes
     * (`sha[shaAt, shaAt + 32)`), the 7 numbers `entry` keeps as little-endian doubles from byte
     * `numsAt` of `nums`; `member` is asked for only when the content is new.
     */
    addContentBytes(sha: Uint8Array, shaAt: number, nums: DataView, numsAt: number, member: () => string): void;
    /** Where row `row`'s numbers go, room made for them. */
    private room;
    restart(): void;
    /** Lets go of the columns (the manifest is made): any later question throws, never answers "not in the chain". */
    release(): void;
    /** Where the chain holds the content of this sha256, if it does. */
    content(sha256: string): ChainContent | undefined;
    /** The sha256 of the content of row `row`. */
    shaAt(row: number): string;
    /** Where the chain holds the content of row `row`. */
    contentAt(row: number): ChainContent;
    /** The parent's pack holding the content of row `row`. */
    packAt(row: number): number;
    /** The parent's file at this path; only when made to keep them (trusting mtimes). */
    previous(path: string): PreviousFile | undefined;
    /** The digest of the parent's tree (tree-digest.ts), once every entry is taken. */
    treeDigestOf(): string;
    /** The row of the content of this sha256, if the chain holds it (see `contentAt`, `shaAt`). */
    rowOf(sha256: string): number | undefined;
}
