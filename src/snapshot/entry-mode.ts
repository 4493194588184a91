import type { DirEntry, FileEntry, Manifest } from './manifest.js';

/** Permission bits a snapshot keeps: read, write and execute for owner, group and others. */
export const PERMISSION_BITS = 0o777;
/** setuid, setgid and sticky: never recorded, never restored. */
export const SPECIAL_BITS = 0o7000;
/** Mode of a file or directory in staging until its recorded mode is applied: the owner's alone. */
export const STAGING_FILE_MODE = 0o600;
export const STAGING_DIR_MODE = 0o700;

/** The permission bits of an lstat's mode, as a snapshot records them. */
export function permissionBits(statMode: number | bigint): number {
  return Number(statMode) & PERMISSION_BITS;
}

export function isPermissionMode(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= PERMISSION_BITS;
}

/**
 * Whether a manifest's modes say exactly who may read and write: from format 2 on, unless the
 * backup ran on Windows, where a file shows only its read-only attribute (Node reports 0o444 or
 * 0o666, never an execute bit) and everything else would be invented.
 */
export function modesAreExact(manifest: Pick<Manifest, 'formatVersion' | 'source'>): boolean {
  return manifest.formatVersion >= 2 && manifest.source.platform !== 'win32';
}

/**
 * The mode a restore gives a file or directory. Exact modes are applied as recorded, whatever
 * the umask. Otherwise (format 1, or a Windows source) the umask decides as for a newly created
 * file, from the execute bit, and a read-only file (no owner write bit) stays read-only; a
 * directory's read-only attribute means nothing on Windows and is not carried over.
 */
export function restoreMode(manifest: Pick<Manifest, 'formatVersion' | 'source'>, entry: FileEntry | DirEntry, umask: number): number {
  if (modesAreExact(manifest)) return entry.mode!;
  const base = entry.type === 'dir' || entry.exec ? 0o777 : 0o666;
  const readOnly = entry.type === 'file' && entry.mode !== undefined && (entry.mode & 0o200) === 0;
  return base & ~umask & (readOnly ? ~0o222 : PERMISSION_BITS);
}

/** Whether a file on this machine already has `mode`, as far as the platform keeps modes (Windows: read-only or not). */
export function hasMode(statMode: number, mode: number): boolean {
  if (process.platform === 'win32') return ((statMode ^ mode) & 0o200) === 0;
  return permissionBits(statMode) === mode;
}
