import type { Manifest } from '../../snapshot/manifest.js';
import type { ScanEntries } from './scan-entries.js';
/** Whether the scanned tree is the parent's tree: same paths, types, content, modes and link targets, in order. */
export declare function sameTree(parent: Pick<Manifest, 'entries'>, scanned: ScanEntries, hashes: ReadonlyMap<string, string>): boolean;
/** The tree digest of the manifest a scan with these hashes would give. */
export declare function scannedTreeDigest(entries: ScanEntries, hashOf: (i: number) => string | undefined): string;
/**
 * A digest of all the tree rules and the name checks read of a scan: each entry's type, path
 * and link target, in order (a TreeDigest without contents or modes).
 */
export declare function namesDigest(entries: ScanEntries): string;
