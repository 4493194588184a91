/** Messages between a backup and its manifest-check worker (manifest-check.ts, manifest-check-worker.ts). */
export type ManifestCheckRequest = 
/** `taken`: an Int32 the worker counts the pieces it has taken in (the writer's back-pressure). */
{
    op: 'start';
    what: string;
    taken: SharedArrayBuffer;
    pieceBytes: number;
}
/** A piece of the text, zstd-compressed (one frame), or as it is. */
 | {
    op: 'z';
    bytes: Uint8Array;
} | {
    op: 'raw';
    bytes: Uint8Array;
} | {
    op: 'end';
};
export type ManifestCheckReply = {
    digest: string;
} | {
    fallback: string;
};
