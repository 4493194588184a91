import { type HeaderData } from 'tar';
import type { Codec, Entry, FileEntry, PackInfo, SnapshotKind } from '../../snapshot/manifest.js';
import { ReadHasher } from '../../workers/read-hasher.js';
import { type FileStamp } from '../../fs-safety/hash-cache.js';
import type { Store } from '../../storage/store.js';
/** What the writer is asked to put in a pack: a directory, a symlink, or a file to read. */
export type PackItem = {
    type: 'dir';
    path: string;
    mtimeMs: number;
    mode: number;
} | {
    type: 'symlink';
    path: string;
    target: string;
    mtimeMs: number;
} | {
    type: 'file';
    path: string;
    /** Where to read it (the resolved target when links are followed). */
    absPath: string;
    /** From a previous hashing pass: the content must still hash to this. */
    expectedSha256?: string;
    /** The file's stat when scanned: the result says whether its read proved the content still that of this stat. */
    stamp?: FileStamp;
    /** Bytes already read (an index's commit file, as the selection saw it): stored as they are, not re-read. */
    content?: Buffer;
    mtimeMs?: number;
    /** Permission bits of stored `content` (a file that is read gets them from its own stat). */
    mode?: number;
};
export interface PackWriteOptions {
    store: Store;
    key: string;
    name: string;
    codec: Codec;
    level: number;
    snapshotId: string;
    series: string;
    kind: SnapshotKind;
    index: number;
    createdAt: string;
    tool: string;
    /** Taken one at a time as the pack is written: a lazy iterable keeps only the item being read alive. */
    items: Iterable<PackItem>;
    /** Called with the number of source bytes just read. */
    onBytes?: (n: number) => void;
    /** How often a small file that keeps changing is read again before giving up. */
    rereads?: number;
    /** The worker that reads and hashes large files; one of its own when not given. */
    reader?: ReadHasher;
    /** Ask the store to read the pack back as it writes it (PutOptions.readBack). */
    readBack?: boolean;
}
export interface PackWriteResult {
    info: PackInfo;
    /** File entries as read (size, hash, mode, mtime) with their locations in this pack. */
    files: FileEntry[];
    /**
     * For each of `files`: whether the file's stat before and after the read equalled the item's
     * `stamp`, so the hash is that of the content the file had when scanned and still had after the read.
     */
    proven: boolean[];
    /** The compressed size of each frame of the pack, in order (see frame-location.ts). */
    frameSizes: number[];
    /** The store read the pack back as it wrote it and found it equal: no second read needed. */
    readBack: boolean;
    /** Settles once the pack would survive a crash: await it before publishing a manifest that names it. */
    durable: Promise<void>;
}
/** Names of the pack's own metadata members, under the reserved directory. */
export declare function packMetaPaths(snapshotId: string, index: number): {
    descriptor: string;
    listing: string;
};
/** One tar record header (plus a pax header when a field does not fit ustar), via node-tar. */
export declare function tarHeader(data: HeaderData): Buffer;
/**
 * Writes one pack: a descriptor member first, then the items, then a listing of what the pack
 * holds (with every file's sha256), then the tar end blocks. The tar stream is cut into frames
 * of exactly FRAME_BYTES, each compressed on its own, so frames are compressed on all cores and
 * any member can later be read by fetching just the frames that hold it.
 */
export declare function writePack(opts: PackWriteOptions): Promise<PackWriteResult>;
export type { Entry };
