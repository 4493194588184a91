import type { FileEntry } from '../../snapshot/manifest.js';
/**
 * The files a backup wrote into its new packs, by their row in the scan's stamp table (one row
 * per file): what each pack writer reported of a file (hash, location, size, mode and mtime as
 * it read them) kept as numbers and 32 bytes, not as an entry object, until the manifest is made.
 * Whether the read proved the scanned stamp (the hash cache may take the hash) is kept too.
 * Room is made for the files to write (`capacity`), not for every scanned one.
 */
export declare class WrittenFiles {
    /** Each scanned row's slot in the columns + 1; 0 for a file not written. */
    private readonly slots;
    private readonly nums;
    private readonly sha256;
    /** Per slot, 1: written; 2: written, and its read proved the scanned stamp. */
    private readonly state;
    private readonly execs;
    private count;
    constructor(rows: number, capacity: number);
    /** Notes a file the writer of new pack `pack` wrote (its location within that pack). */
    add(row: number, pack: number, f: FileEntry, proven: boolean): void;
    get size(): number;
    has(row: number): boolean;
    /** Whether the read of this file proved its scanned stamp. */
    proven(row: number): boolean;
    /** The hash of a written file. */
    sha256Of(row: number): string;
    /** The hash of a written file as its 32 bytes (a view, valid as long as this table). */
    sha256BytesOf(row: number): Uint8Array;
    /** The entry of the written file at `path` as its writer saw it; `loc.pack` is among the new packs. */
    entry(row: number, path: string): FileEntry;
}
