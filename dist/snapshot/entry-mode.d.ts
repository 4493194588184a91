import type { DirEntry, FileEntry, Manifest } from './manifest.js';
/** Permission bits a snapshot keeps: read, write and execute for owner, group and others. */
export declare const PERMISSION_BITS = 511;
/** setuid, setgid and sticky: never recorded, never restored. */
export declare const SPECIAL_BITS = 3584;
/** Mode of a file or directory in staging until its recorded mode is applied: the owner's alone. */
export declare const STAGING_FILE_MODE = 384;
export declare const STAGING_DIR_MODE = 448;
/** The permission bits of an lstat's mode, as a snapshot records them. */
export declare function permissionBits(statMode: number | bigint): number;
export declare function isPermissionMode(v: unknown): v is number;
/**
 * Whether a manifest's modes say exactly who may read and write: from format 2 on, unless the
 * backup ran on Windows, where a file shows only its read-only attribute (Node reports 0o444 or
 * 0o666, never an execute bit) and everything else would be invented.
 */
export declare function modesAreExact(manifest: Pick<Manifest, 'formatVersion' | 'source'>): boolean;
/**
 * The mode a restore gives a file or directory. Exact modes are applied as recorded, whatever
 * the umask. Otherwise (format 1, or a Windows source) the umask decides as for a newly created
 * file, from the execute bit, and a read-only file (no owner write bit) stays read-only; a
 * directory's read-only attribute means nothing on Windows and is not carried over.
 */
export declare function restoreMode(manifest: Pick<Manifest, 'formatVersion' | 'source'>, entry: FileEntry | DirEntry, umask: number): number;
/** Whether a file on this machine already has `mode`, as far as the platform keeps modes (Windows: read-only or not). */
export declare function hasMode(statMode: number, mode: number): boolean;
