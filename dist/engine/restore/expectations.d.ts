import type { FileEntry, Manifest } from '../../snapshot/manifest.js';
import type { MemberExpectation } from '../../snapshot/member-expectation.js';
/** The member a file's content is stored under (its own path unless shared with another). */
export declare function memberOf(entry: FileEntry): string;
/**
 * Everything a manifest says about the members of one pack, keyed by member name. The first pack
 * a snapshot writes also carries its directories and symlinks (so plain tar recreates them).
 */
export declare function packExpectations(manifest: Manifest, packIndex: number): Map<string, MemberExpectation>;
/**
 * Every pack's expectations from one pass over the manifest, instead of one pass per pack (a
 * chain of many packs made that packs × entries). `of(i)` is exactly `packExpectations(manifest, i)`:
 * the same map, in the same order, or the same refusal, which concerns only the pack asked for.
 * Each pack's map is handed over once (and then let go of here, so a reader of one pack after
 * another holds no more than before).
 */
export declare function allPackExpectations(manifest: Manifest): (packIndex: number) => Map<string, MemberExpectation>;
