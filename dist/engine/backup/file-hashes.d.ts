/**
 * The sha256 of each scanned file an incremental knows, by the file's row in the scan's stamp
 * table (one row per file): 32 bytes a file, not a 64-character string and a map entry. The room
 * is made at the first hash set: a full backup sets none but its pinned files' (33 MB fewer at
 * a million files).
 */
export declare class FileHashes {
    private readonly files;
    private bytes;
    private known;
    private released;
    constructor(files: number);
    /** Sets the hash of row `row` from its hex text (64 lowercase hex digits, as every hash here is). */
    set(row: number, sha256: string): void;
    /** The hash of row `row` as hex text, if it is known. */
    get(row: number): string | undefined;
    /** The hash of row `row` as its 32 bytes (a view), if it is known. */
    bytesOf(row: number): Uint8Array | undefined;
    /** Lets go of the hashes (the manifest is made): any later use throws. */
    release(): void;
}
