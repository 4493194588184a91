import type { FileEntry, Manifest } from '../../snapshot/manifest.js';
import type { MemberExpectation } from '../../snapshot/member-expectation.js';
/** The member a file's content is stored under (its own path unless shared with another). */
export declare function memberOf(entry: FileEntry): string;
/**
 * Everything a manifest says about the members of one pack, keyed by member name. The first pack
 * a snapshot writes also carries its directories and symlinks (so plain tar recreates them).
 */
export declare function packExpectations(manifest: Manifest, packIndex: number): Map<string, MemberExpectation>;
