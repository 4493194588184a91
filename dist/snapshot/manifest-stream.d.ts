import { type Entry, type Manifest } from './manifest.js';
export type StreamedManifest = {
    manifest: Manifest;
} | {
    fallback: string;
};
/** A manifest without its entries: what a reader that takes them one at a time is left with. */
export type ManifestHead = Omit<Manifest, 'entries'>;
/**
 * Takes a manifest's entries one at a time, in order, as they are read: each has passed its own
 * checks, but the manifest as a whole is accepted only when the read returns. `restart` drops
 * what was taken: the read starts over (a text the stream route leaves to parseManifest).
 */
export interface EntrySink {
    entry(e: Entry): void;
    restart(): void;
}
/**
 * The stream route alone: the manifest, or why it fell back. Errors of the source itself (a
 * failed read) are thrown as they are, as a whole read would throw them. No chunk is kept once
 * the next is asked for: a source may read each into the same memory.
 */
export declare function streamManifest(chunks: AsyncIterable<Buffer> | Iterable<Buffer>, what: string, batchBytes?: number): Promise<StreamedManifest>;
/**
 * A stored manifest, read as a stream (no whole text, no whole bytes held), with exactly the
 * decisions of parseManifest: any text the stream route does not accept is read again whole by
 * `reread` and parseManifest decides on what that read returns.
 */
export declare function readManifest(chunks: AsyncIterable<Buffer> | Iterable<Buffer>, what: string, reread: () => Promise<Buffer> | Buffer, batchBytes?: number): Promise<Manifest>;
/**
 * readManifest without holding the entries: with the same decisions, it hands each to `sink` (or
 * to nothing: a reader that needs only the other members) and returns the rest. On the whole
 * route the sink is restarted and given the entries parseManifest accepted.
 */
export declare function readManifestHead(chunks: AsyncIterable<Buffer> | Iterable<Buffer>, what: string, reread: () => Promise<Buffer> | Buffer, sink?: EntrySink, batchBytes?: number): Promise<ManifestHead>;
/**
 * The stream route for a text whose digest member is not written yet (a writer checking its
 * manifest while sealing it): the member holds a stand-in of the digest's form, and the text is
 * checked as if it held the digest its bytes give, which is returned. The digest member is not
 * hashed, so the text with the real digest in its place passes exactly when the real digest is
 * the one returned. Any text the stream route does not accept answers why: the caller then reads
 * the finished text with readManifestHead, which decides as a reader would.
 */
export declare class DeferredDigestCheck {
    private readonly reader;
    private failed;
    constructor(what: string, batchBytes?: number);
    /** The text's next bytes (not kept). */
    push(chunk: Buffer): void;
    finish(what: string): {
        digest: string;
    } | {
        fallback: string;
    };
}
/** The digest member's stand-in (with the comma before it, as a writer leaves its place): the form of any digest. */
export declare const DIGEST_STAND_IN: string;
/** The subarrays of a buffer held whole, as chunks for readManifest (no copy). */
export declare function chunksOf(bytes: Buffer, size?: number): Generator<Buffer>;
