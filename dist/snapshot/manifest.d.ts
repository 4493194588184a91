export { MAX_ENTRIES } from './tree-rules.js';
export declare const MANIFEST_FORMAT = "index-vault.snapshot";
/** The version writers write; readers also read every earlier one (1: no `mode`, only `exec`). */
export declare const FORMAT_VERSION = 2;
/** Reserved top-level directory inside packs for pack metadata. */
export declare const META_DIR = ".index-vault";
/** Largest manifest read or written: below V8's longest string, which the text must fit in. */
export declare const MAX_MANIFEST_BYTES: number;
export type Codec = 'zstd' | 'gzip';
export type SnapshotKind = 'full' | 'incremental';
/** Where a file's bytes live: a byte range of whole compressed frames in one pack. */
export interface Location {
    /** Index into `manifest.packs`. */
    pack: number;
    /** Compressed offset of the frame holding the member's header. */
    offset: number;
    /** Compressed length up to the end of the frame holding its last byte. */
    length: number;
    /** Offset of the member's record in the uncompressed tar stream of the pack. */
    raw: number;
    /** Uncompressed bytes before the record in the first frame of the range. */
    skip: number;
    /** Uncompressed length of the record: pax header, header, data and padding. */
    span: number;
    /** Tar member name when it differs from the entry's path (content shared with another path). */
    member?: string;
}
export interface FileEntry {
    path: string;
    type: 'file';
    size: number;
    /** Any execute bit of `mode` (the only permission a format-1 manifest records). */
    exec: boolean;
    /** Permission bits (`mode & 0o777`); from format 2 on. */
    mode?: number;
    mtimeMs: number;
    sha256: string;
    loc: Location;
}
export interface DirEntry {
    path: string;
    type: 'dir';
    /** Permission bits (`mode & 0o777`); from format 2 on. */
    mode?: number;
    mtimeMs: number;
}
export interface SymlinkEntry {
    path: string;
    type: 'symlink';
    target: string;
    mtimeMs: number;
}
export type Entry = FileEntry | DirEntry | SymlinkEntry;
export interface PackInfo {
    /** Object name under the series' `packs/` prefix, e.g. `20261122T143501123Z-1a2b3c4d-000.tar.zst`. */
    name: string;
    /** Snapshot that wrote the pack. */
    origin: string;
    codec: Codec;
    /** Compressed size in bytes and its sha256. */
    size: number;
    sha256: string;
    /** Bytes of the uncompressed tar stream: the most a reader will ever decode from it. */
    rawSize: number;
}
export interface Totals {
    files: number;
    dirs: number;
    symlinks: number;
    /** Sum of file sizes. */
    bytes: number;
    /** Compressed bytes of all packs the snapshot needs. */
    packedBytes: number;
    /** Compressed bytes this snapshot added to the store. */
    storedBytes: number;
}
export interface Manifest {
    format: typeof MANIFEST_FORMAT;
    formatVersion: number;
    tool: string;
    id: string;
    series: string;
    kind: SnapshotKind;
    parent: {
        id: string;
        digest: string;
    } | null;
    /** Incrementals since the last full snapshot: 0 for a full one. */
    depth: number;
    createdAt: string;
    /** `format` is `dir` or the name of the index format that selected the files (`lancedb`, `tantivy`); `facts` what it pinned. */
    source: {
        name: string;
        format: string;
        platform: string;
        facts?: Record<string, unknown>;
    };
    packs: PackInfo[];
    entries: Entry[];
    totals: Totals;
    /** `sha256:<hex>` of the canonical JSON of every other field. */
    digest: string;
}
export type ManifestBody = Omit<Manifest, 'digest'>;
/**
 * Canonical JSON (RFC 8785, JCS; docs/format.md states the rule): keys sorted by UTF-16 code
 * units, numbers and strings as ECMAScript's JSON.stringify writes them, no whitespace. A lone
 * surrogate is written as its lowercase `\udxxx` escape (JCS would refuse it) so a stored
 * manifest that holds one still hashes as it did; values JSON cannot hold (NaN, ±Infinity,
 * undefined outside an object, functions, bigints, non-plain objects) are refused, not guessed.
 * A value already in canonical shape (every object's keys in sorted order, as a parsed canonical
 * text and every manifest index-vault builds are) is written by JSON.stringify, which then writes
 * exactly that; any other goes through the reference writer below.
 */
export declare function canonicalJson(value: unknown): string;
/** The rule written out plainly: sorts every object's keys. Slower; the definition the fast path must equal. */
export declare function referenceCanonicalJson(value: unknown): string;
export declare function manifestDigest(body: ManifestBody): string;
export declare function sealManifest(body: ManifestBody): Manifest;
/**
 * Seals a manifest and returns the bytes to store with it: its fields serialized and encoded
 * once (sealMembers), with a gap for the digest member; the digest is hashed from the bytes
 * around the gap (which are the body's canonical text, as a reader cuts them out too), then
 * written into it.
 */
export declare function sealManifestText(body: ManifestBody): {
    manifest: Manifest;
    bytes: Buffer;
};
/**
 * sealManifestText for entries made one at a time (an iterator): only a slice of them is alive
 * at once, never the array. `rest` gives the packs and totals, which sort after the entries, once
 * the last entry is made (the entries decide them); the manifest is returned without its entries.
 * The text goes to `out` as it is encoded (never whole in one buffer).
 */
export declare function sealManifestEntries(head: Omit<ManifestBody, 'entries' | 'packs' | 'totals'>, entries: Iterable<Entry>, rest: () => Pick<ManifestBody, 'packs' | 'totals'>, out: ChunkSink): Omit<Manifest, 'entries'>;
/** Where a manifest's text is written as it is sealed: bytes in order, and one place kept for the digest member. */
export interface ChunkSink {
    /** Appends a text's UTF-8 bytes; they are returned, valid until the next call. */
    text(text: string): Buffer;
    hole(): number;
    fill(hole: number, bytes: Buffer): void;
}
/** A ChunkSink that keeps the chunks as they were encoded; iterating gives them in order. */
export declare class ChunkArray implements ChunkSink, Iterable<Buffer> {
    readonly chunks: Buffer[];
    text(t: string): Buffer;
    hole(): number;
    fill(at: number, b: Buffer): void;
    [Symbol.iterator](): Iterator<Buffer>;
}
export declare function serializeManifest(manifest: Manifest): Buffer;
/**
 * Parses and checks a stored manifest: its digest, its version, and every field a restore will
 * trust. A manifest is input like any other: it may have been written by an attacker who can
 * write the store, so every path, range and count is validated here, once.
 */
export declare function parseManifest(bytes: Buffer | string, what?: string): Manifest;
/** parseManifest's checks before the digest: an object, of this format, in a version this reads. */
export declare function checkManifestFormat(m: Manifest, what: string): void;
/** parseManifest's checks after the digest and the canonical form: every field a restore will trust. */
export declare function checkManifestFields(m: Manifest, what: string): void;
/** checkManifestFields's checks of every member but the entries. */
export declare function checkManifestHead(m: Omit<Manifest, 'entries'> & {
    entries?: unknown;
}, what: string): void;
/**
 * checkManifestFields's checks of the entries, one entry at a time, so that a reader need not
 * hold them: each entry's own fields at once; what the packs, the format version and the totals
 * decide (a manifest's text gives them after the entries) from what is kept: per pack the
 * furthest ends, per format version the first entry whose mode it refuses, the counts, and the
 * tree as tree-rules.ts keeps it. The rules are these, for every reader, whole or streamed.
 */
export declare class EntryChecks {
    private readonly bad;
    private readonly tree;
    private treeFull;
    private readonly count;
    private readonly reach;
    /** By format version, the first entry's mode problem under it. */
    private readonly modeProblems;
    constructor(what: string);
    add(e: Entry): void;
    /** The checks that needed the rest of the manifest; the tree's last. */
    finish(m: Pick<Manifest, 'packs' | 'formatVersion' | 'totals'>): void;
}
/** Bytes a file takes as a tar member body: its size rounded up to 512. */
export declare function paddedSize(size: number): number;
