import type { FileEntry } from '../../snapshot/manifest.js';
import type { ScanEntries } from './scan-entries.js';
/**
 * The files a backup wrote into its new packs, by their index in the scan's entries, until the
 * manifest is made: per file its pack, where its record starts in the pack's tar stream and how
 * long it is, its hash (32 bytes), and whether its read proved the scanned stamp (the hash cache
 * may take the hash). The compressed range is derived from the pack's frame sizes, and size,
 * mtime and mode are the scan's unless the writer saw others: ~57 bytes a file, not ~110.
 * Room is made for the files to write (`capacity`), not for every scanned one.
 */
export declare class WrittenFiles {
    private readonly scanned;
    /** Each entry's slot in the columns + 1; 0 for a file not written. */
    private readonly slots;
    private readonly packs;
    private readonly raws;
    private readonly spans;
    private readonly sha256;
    /** Per slot, 1: written; 2: written, and its read proved the scanned stamp. */
    private readonly state;
    private readonly seen;
    /** Per new pack, where each frame starts in it (compressed), and where the last ends. */
    private readonly frameStarts;
    private count;
    constructor(scanned: ScanEntries, capacity: number);
    /** Notes how the frames of new pack `pack` came out: their compressed sizes, in order. */
    addPack(pack: number, frameSizes: readonly number[]): void;
    /** Notes the file at scan index `i` as the writer of new pack `pack` wrote it. */
    add(i: number, pack: number, f: FileEntry, proven: boolean): void;
    get size(): number;
    has(i: number): boolean;
    /** Whether the read of this file proved its scanned stamp. */
    proven(i: number): boolean;
    /** The hash of a written file. */
    sha256Of(i: number): string;
    /** Whether the writer saw the written file at scan index `i` with the scan's mode and exec (a chmod between the two would not). */
    modeAsScanned(i: number): boolean;
    /** The hash of a written file as its 32 bytes (a view, valid as long as this table). */
    sha256BytesOf(i: number): Uint8Array;
    /** The entry of the written file at scan index `i` as its writer saw it; `loc.pack` is among the new packs. */
    entry(i: number): FileEntry;
}
