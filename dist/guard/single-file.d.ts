/** What the record keeps of a guarded single file: enough to put it back byte for byte and check it. */
export interface FileState {
    sha256: string;
    size: number;
    /** Permission bits (`mode & 0o7777`). */
    mode: number;
    mtimeMs: number;
}
export declare function checkFileState(s: Record<string, unknown>): string | undefined;
/** Backs up the file `source` as `copy`. A file that changes while it is copied is refused, not kept torn. */
export declare function backupFile(source: string, copy: string): Promise<FileState>;
/**
 * Puts the backed-up file back at `target`: copied beside it, checked against the recorded digest,
 * given its mode and mtime, then renamed over whatever is there now (a directory the operation
 * left in its place is moved aside first). A damaged copy leaves the target untouched.
 */
export declare function restoreFile(copy: string, target: string, state: FileState): Promise<void>;
