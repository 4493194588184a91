import { StampTable } from '../../fs-safety/stamp-table.js';
import type { Logger } from '../../shared/logger.js';
/**
 * An entry of the tree. Its path on disk is the root's joined with `path` (see `absPathOf`); only
 * an entry below or at a name that is not NFC keeps its own `absPath`. A file's `stamp` is its row
 * in the scan's `stamps`.
 */
export type ScannedEntry = {
    type: 'dir';
    path: string;
    absPath?: string;
    mtimeMs: number;
    mode: number;
} | {
    type: 'symlink';
    path: string;
    absPath?: string;
    target: string;
    mtimeMs: number;
} | {
    type: 'file';
    path: string;
    absPath?: string;
    size: number;
    mtimeMs: number;
    exec: boolean;
    mode: number;
    stamp: number;
};
export type ScannedFile = Extract<ScannedEntry, {
    type: 'file';
}>;
export interface ScanOptions {
    /** Copy what symlinks that leave the tree point to, and hard-linked files, instead of refusing them. */
    followLinks?: boolean;
    logger?: Logger;
    /** Relative POSIX paths (and everything below them) to leave out. */
    exclude?: (relPath: string, type: 'file' | 'dir' | 'symlink') => boolean;
}
export interface ScanResult {
    root: string;
    entries: ScannedEntry[];
    /** The files' stamps (size, ns times, inode), by each file entry's `stamp`. */
    stamps: StampTable;
    files: number;
    bytes: number;
}
/**
 * Lists a directory tree for a snapshot: relative NFC paths in byte order, regular files,
 * directories and in-tree symlinks. Whatever a restore could not reproduce exactly (links out of
 * the tree, hard links, sockets, FIFOs, devices, names that are not UTF-8) is refused here, with
 * every offending path named, before a single byte is stored.
 */
export declare function scanTree(rootDir: string, options?: ScanOptions): Promise<ScanResult>;
/** Where an entry is on disk: its own `absPath`, or the root's path joined with its path. */
export declare function absPathOf(root: string, e: {
    path: string;
    absPath?: string;
}): string;
/**
 * Whether the name's bytes are UTF-8, given their decoding. Decoding turns every byte that is not
 * part of valid UTF-8 into U+FFFD, so a name without one is valid; one with it is re-encoded and
 * compared (it may hold a real U+FFFD).
 */
export declare function isUtf8Name(decoded: string, raw: Buffer): boolean;
