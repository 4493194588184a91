import type { EntryTable } from '../../snapshot/entry-table.js';
import type { Entry, FileEntry, Manifest } from '../../snapshot/manifest.js';
import type { EntrySink } from '../../snapshot/manifest-stream.js';
import type { MemberExpectation } from '../../snapshot/member-expectation.js';
import { type MemberExpectations } from '../../snapshot/member-table.js';
/** The member a file's content is stored under (its own path unless shared with another). */
export declare function memberOf(entry: FileEntry): string;
/**
 * Everything a manifest says about the members of one pack, keyed by member name. The first pack
 * a snapshot writes also carries its directories and symlinks (so plain tar recreates them): they
 * come first, then the files, each in the manifest's order. Refused: two different contents
 * under one member name (the first such in the manifest's order), then a file stored under the
 * name of a directory or link of the same pack.
 */
export declare function packExpectations(manifest: Manifest, packIndex: number): Map<string, MemberExpectation>;
/**
 * Every pack's expectations from one pass over the manifest, instead of one pass per pack (a
 * chain of many packs made that packs × entries). `of(i)` is exactly `packExpectations(manifest, i)`:
 * the same map, in the same order, or the same refusal, which concerns only the pack asked for.
 */
export declare function allPackExpectations(manifest: Manifest): (packIndex: number) => MemberExpectations;
/**
 * allPackExpectations an entry at a time, as a manifest is read (an EntrySink): a reader that
 * needs only the expectations (verify) never holds the entries. Which pack is the snapshot's
 * first own one is known only from the packs, which a manifest's text gives after the entries,
 * so its directories and links wait apart until `of`.
 */
export declare class PackExpectations implements EntrySink {
    private readonly throughEntries;
    private readonly tables;
    /** By pack: a Map of expectations, or, with `tables`, a table of them (MemberTable). */
    private files;
    /** Packs whose files disagree, with the first member that does. */
    private conflicts;
    private tree;
    /**
     * `throughEntries`: the caller keeps every entry it hands in, so expectations may read them
     * instead of copying (in Maps). Otherwise each is copied: into a Map of objects (~300 bytes a
     * file), or with `tables` into tables (~150 bytes). Tables make an object per member each time
     * a pack is read, garbage that costs more than they save at 100,000 files (verify: 205-218 MB
     * against 177-181) and far less at 1,000,000 (490 against 640): the caller chooses by size.
     */
    constructor(throughEntries?: boolean, tables?: boolean);
    entry(e: Entry): void;
    restart(): void;
    /**
     * Each pack's map, handed over once (and then let go of here, so a reader of one pack after
     * another holds no more than before); a pack whose entries disagree is refused when asked for.
     */
    of(manifest: Pick<Manifest, 'id' | 'packs'>): (packIndex: number) => MemberExpectations;
}
/**
 * packExpectations for one pack of a manifest held as an EntryTable: `rows` are the rows of the
 * pack's files in the manifest's order, `treeRows` those of every directory and link when the
 * pack is the snapshot's first own one. The same map, in the same order, or the same refusal.
 */
export declare function rowPackExpectations(manifest: Pick<Manifest, 'id' | 'packs'>, table: EntryTable, packIndex: number, rows: Iterable<number>, treeRows: Iterable<number> | undefined): Map<string, MemberExpectation>;
