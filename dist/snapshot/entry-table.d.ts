import type { Entry, Manifest } from './manifest.js';
import type { EntrySink, ManifestHead } from './manifest-stream.js';
/**
 * A manifest's entries as columns, filled as a manifest is read (an EntrySink): a path as UTF-8
 * (Utf8List), numbers in typed arrays, a sha256 as its 32 bytes; ~85 bytes and the path's length
 * a row, where an entry object with its strings takes ~300. A reader that holds a million entries
 * (restore) asks for the fields of a row by index; `at` makes an Entry when one is needed. Exact:
 * an entry the columns cannot hold as it is (a field they have no room for, a number past 32
 * bits where they keep 32, a mode that is not permission bits) is kept as the object it was.
 */
export declare class EntryTable implements EntrySink {
    private blocks;
    private paths;
    private count;
    /** Symlink targets and shared member names, by row. */
    private texts;
    private kept;
    get length(): number;
    entry(e: Entry): void;
    restart(): void;
    /** Lets go of the room no row uses (a table read whole, about to be held while it is used): rows may still be added. */
    trim(): void;
    /** Fills a table from entries held already (a manifest given whole). */
    static of(entries: Iterable<Entry>): EntryTable;
    type(i: number): Entry['type'];
    isFile(i: number): boolean;
    path(i: number): string;
    mtimeMs(i: number): number;
    /** A file's or directory's recorded permission bits (format 2 on), or undefined. */
    mode(i: number): number | undefined;
    /** The fields of a file's row; a row of another kind answers for a file it is not. */
    exec(i: number): boolean;
    size(i: number): number;
    sha256(i: number): string;
    pack(i: number): number;
    skip(i: number): number;
    /** A file's compressed length of whole frames (its location's `length`). */
    locLength(i: number): number;
    span(i: number): number;
    offset(i: number): number;
    raw(i: number): number;
    /** The tar member a file's content is stored under: its own path unless shared with another. */
    member(i: number): string;
    /** A symlink's target. */
    target(i: number): string;
    /** Row `i` as an Entry: a new object with the fields it was read with, in their (sorted) order. */
    at(i: number): Entry;
    [Symbol.iterator](): Generator<Entry>;
    /** The block row `i` goes into: a new one at each ROWS-th row, the first grown while it is the only one. */
    private blockFor;
    private block;
    private keptAt;
    private file;
}
/**
 * A manifest whose entries are those of `table`, made into objects the first time they are read
 * (and kept): a reader that needs only the other members (most of a restore) makes none.
 */
export declare function manifestOf(head: ManifestHead, table: EntryTable): Manifest;
