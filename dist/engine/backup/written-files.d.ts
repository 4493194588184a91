import type { FileEntry } from '../../snapshot/manifest.js';
/**
 * The files a backup wrote into its new packs, by their row in the scan's stamp table (one row
 * per file): what each pack writer reported of a file (hash, location, size, mode and mtime as
 * it read them) kept as numbers and 32 bytes, not as an entry object, until the manifest is made.
 * Whether the read proved the scanned stamp (the hash cache may take the hash) is kept too.
 */
export declare class WrittenFiles {
    private readonly nums;
    private readonly sha256;
    /** 0: not written; 1: written; 2: written, and its read proved the scanned stamp. */
    private readonly state;
    private readonly execs;
    private count;
    constructor(files: number);
    /** Notes a file the writer of new pack `pack` wrote (its location within that pack). */
    add(row: number, pack: number, f: FileEntry, proven: boolean): void;
    get size(): number;
    has(row: number): boolean;
    /** Whether the read of this file proved its scanned stamp. */
    proven(row: number): boolean;
    sha256Of(row: number): string;
    /** The entry of the file at `path` as its writer saw it; `loc.pack` is among the new packs. */
    entry(row: number, path: string): FileEntry;
}
