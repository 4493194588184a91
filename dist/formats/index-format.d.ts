import type { Manifest } from '../snapshot/manifest.js';
import type { IndexSelection, LanceVersionMode } from './selection.js';
/**
 * Options a format may read when it selects files; every format gets all of them and reads only
 * its own, so the engine passes them on without knowing which format wants what.
 */
export interface FormatOptions {
    /** Which versions of each LanceDB table to keep: `latest`, `tagged` (default: the newest and every tagged one) or `all`. */
    lanceVersions?: LanceVersionMode;
}
/**
 * What the engine needs from an index format. A format says how to take its files consistently
 * (which version to pin, which files are provably transient or another version's), never whether
 * a user's file is kept: everything a selection does not exclude is stored.
 */
export interface IndexFormat {
    /** Recorded in a manifest's `source.format`, and the value that asks for this format explicitly. */
    readonly name: string;
    /** Whether `dir` holds an index of this format; may throw when it looks like one but is damaged. */
    detect(dir: string): Promise<boolean>;
    /** Refuses option values this format cannot use, before anything is locked or read. */
    checkOptions?(options: FormatOptions): void;
    /**
     * The files of one consistent version of the index, and the facts recorded in the manifest
     * (versions, row counts, segments). Throws E_VALIDATION (`details.remedy: 'format'`) when
     * `dir` holds no such index.
     */
    select(dir: string, options: FormatOptions): Promise<IndexSelection>;
    /** Completes a restored index in the staging directory before it is swapped in (files the index keeps about itself). */
    afterRestore?(staging: string, manifest: Manifest): Promise<void>;
    /** Opens the restored index with its own library and checks it against the manifest's facts. */
    deepVerify?(staging: string, manifest: Manifest): Promise<void>;
    /**
     * The snapshot paths that hold the table (or other named part) `name`, from the manifest's
     * facts: a partial restore replaces just those subtrees. '' is the whole tree; none: no such part.
     */
    subtreesFor?(name: string, manifest: Manifest): string[];
}
