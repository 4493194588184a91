import { randomBytes } from 'node:crypto';
import { ValidationError } from '../shared/errors.js';
/**
 * Snapshot ids sort by creation time as plain strings: `20261122T143501123Z-1a2b3c4d`.
 * No ':' so they are valid file names and cache keys on every OS; the random tail keeps two
 * snapshots taken in the same millisecond apart.
 */
export function newSnapshotId(now = new Date()) {
    const iso = now.toISOString(); // 2026-11-22T14:35:01.123Z
    const stamp = iso.slice(0, 19).replace(/[-:]/g, '') + iso.slice(20, 23) + 'Z';
    return `${stamp}-${randomBytes(4).toString('hex')}`;
}
const ID_RE = /^\d{8}T\d{9}Z-[0-9a-f]{8}$/;
export function isSnapshotId(value) {
    return ID_RE.test(value);
}
export function assertSnapshotId(value) {
    if (!isSnapshotId(value)) {
        throw new ValidationError(`not a snapshot id: ${JSON.stringify(value)}`, {
            hint: 'ids look like 20261122T143501123Z-1a2b3c4d; listing the store shows them',
        });
    }
    return value;
}
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** Series names become store key prefixes and cache keys: keep them to a safe alphabet. */
export function assertSeriesName(name) {
    if (!NAME_RE.test(name) || name.includes('..')) {
        throw new ValidationError(`invalid series name ${JSON.stringify(name)}`, {
            hint: 'use 1–100 characters from A–Z a–z 0–9 . _ - starting with a letter or digit',
        });
    }
    return name;
}
/** Derives a series name from a directory name: `My Index (v2)` → `My-Index-v2`. */
export function seriesNameFor(dirName) {
    const cleaned = dirName
        .normalize('NFKD')
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/^[^A-Za-z0-9]+/, '')
        .replace(/-+$/, '')
        .replace(/\.\.+/g, '.')
        .slice(0, 100);
    return cleaned.length > 0 ? cleaned : 'index';
}
