import fs from 'node:fs/promises';
import type { Logger } from '../shared/logger.js';
import type { Entry } from '../snapshot/manifest.js';
/**
 * What the next incremental needs of the snapshot this machine just wrote (a ParentContents, engine/backup/parent-contents.ts),
 * kept beside the record of the last snapshot (last-snapshot.ts) so that it need not read and
 * parse that manifest again: at 100,000 files that parse is a second of a backup that changes
 * 1% of them. It is bound to the same things as the record: the snapshot's id and its
 * manifest's stored bytes (length and sha256), which the backup compares with the store before
 * it uses either; and it carries the sha256 of its own records, so a damaged file is ignored
 * rather than believed. Like the hash cache, it is local, owner-only and only an optimization:
 * missing, damaged or of another snapshot, and the manifest is read as before.
 *
 * Layout: one record per file of the snapshot, in its order — sha256 (32 bytes), the location's
 * pack, offset, length, raw, skip and span and the file's size (7 little-endian doubles), the
 * member's name (uint32 length, UTF-8) — then a JSON trailer (`ContentsBinding` with `count`,
 * `tree` and `records`, the sha256 of the records), its length (uint32) and MAGIC.
 */
export interface ContentsBinding {
    snapshot: string;
    manifest: {
        size: number;
        sha256: string;
    };
}
/** Far more than the index of the largest manifest a reader accepts. */
export declare const MAX_FILE_BYTES: number;
/** The index of `cacheFile`'s tree (`<hash of the root>.bin`): beside it, named alike. */
export declare function contentsFileFor(cacheFile: string): string;
/**
 * Writes the index as the new manifest's entries are made (`entry`), to a temporary file in
 * pieces of a MiB (nothing grows with the file count), and puts it in place with `commit` once
 * the snapshot is published. Never throws: a failure leaves no index, and the next incremental
 * reads the manifest.
 */
export declare class ContentsWriter {
    private readonly file;
    private readonly logger;
    private readonly tmp;
    private fd;
    private buf;
    private at;
    private count;
    private readonly hash;
    private failed;
    /** Removes the temporary file if the process is stopped before it is put in place or left. */
    private forgetStop;
    private constructor();
    static open(file: string, logger: Logger): Promise<ContentsWriter>;
    entry(e: Entry): void;
    /** Puts the index in place, bound to the published snapshot and the digest of its tree (tree-digest.ts). */
    commit(binding: ContentsBinding, tree: string): Promise<void>;
    /** Leaves no index (the snapshot was not published, or the index could not be written). */
    abort(): Promise<void>;
    private flush;
    private fail;
}
/** Bytes of a record before its name: sha256, the numbers, the name's length. */
export declare const RECORD_HEAD: number;
export interface Trailer extends ContentsBinding {
    tree: string;
    count: number;
    records: string;
    /** Where the records end (and the trailer starts). */
    recordsEnd: number;
}
/** The trailer at the end of the index, checked for its fields' types. */
export declare function readTrailer(fh: fs.FileHandle, size: number): Promise<Trailer>;
