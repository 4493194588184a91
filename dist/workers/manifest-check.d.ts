import type { ManifestCheckReply } from './manifest-check-protocol.js';
/**
 * A new manifest checked on a worker as it is sealed (the tap of PackedChunks): each sealed piece
 * is sent as it is made, the digest's place as a stand-in, and the answer is the digest the
 * checked text gives, or why the worker could not tell (the writer then checks the finished text
 * on its own thread, as before). The writer waits only when MAX_AHEAD pieces are in flight, so
 * the memory this takes does not grow with the manifest.
 */
export declare class ManifestCheckThread {
    private readonly worker;
    private readonly taken;
    private sent;
    private given;
    private readonly answer;
    constructor(what: string, pieceBytes: number);
    /** A piece as sealed (one zstd frame). */
    sealed(z: Buffer): void;
    /** The digest member's place: the stand-in goes in its stead. */
    hole(): void;
    /** The digest the checked text gives, or why there is none; the worker is ended either way. */
    finish(): Promise<ManifestCheckReply>;
    close(): void;
    private piece;
    private send;
}
