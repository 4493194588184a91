import { StampTable } from '../../fs-safety/stamp-table.js';
import type { Logger } from '../../shared/logger.js';
import { type ScanEntries } from './scan-entries.js';
export interface ScanOptions {
    /** Copy what symlinks that leave the tree point to, and hard-linked files, instead of refusing them. */
    followLinks?: boolean;
    logger?: Logger;
    /** Relative POSIX paths (and everything below them) to leave out. */
    exclude?: (relPath: string, type: 'file' | 'dir' | 'symlink') => boolean;
    /** Stat big directories' names on a second thread as well (default true; the walk's result is the same). */
    statHelper?: boolean;
}
export interface ScanResult {
    root: string;
    entries: ScanEntries;
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
/** Where entry `i` is on disk: its own path, or the root's path joined with its path. */
export declare function absPathOf(root: string, entries: ScanEntries, i: number): string;
/**
 * Whether the name's bytes are UTF-8, given their decoding. Decoding turns every byte that is not
 * part of valid UTF-8 into U+FFFD, so a name without one is valid; one with it is re-encoded and
 * compared (it may hold a real U+FFFD).
 */
export declare function isUtf8Name(decoded: string, raw: Buffer): boolean;
