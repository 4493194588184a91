import type { FileHandle } from 'node:fs/promises';
/**
 * Positional writes to one file with at most `limit` in flight, so the caller prepares the next
 * chunk (decodes, hashes, compresses it) while the last ones reach the file. Each write may be
 * followed by `after` (a read-back). A failure comes out of a later `write` or of `settle`;
 * chunks must not change until then.
 */
export declare class PositionalWrites {
    private readonly fh;
    private readonly limit;
    private readonly after?;
    private inFlight;
    constructor(fh: FileHandle, limit: number, after?: ((chunk: Uint8Array, at: number) => Promise<void>) | undefined);
    write(chunk: Uint8Array, at: number): Promise<void>;
    /** Waits for every write; the first failure is thrown. */
    settle(): Promise<void>;
    /** Waits for every write without caring how they ended (before closing after a failure). */
    abandon(): Promise<void>;
}
