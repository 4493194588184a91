import type { Logger } from '../shared/logger.js';
/** How the store lists the object: its size and last modification (ms; null where the store keeps none). */
export interface ListedStamp {
    size: number;
    modified: number | null;
}
/**
 * Which stored packs this machine has read whole and found equal to their recorded digest, so
 * an incremental that builds on them pays for reading each once, not at every backup. A record
 * names the store, the pack's key and sha256, and the size and modification time the store lists
 * it with: a pack changed in place since (a flipped bit rewritten, a copy put back) is read again.
 * A pack is recorded when a verified backup wrote and read it back whole, or when an incremental
 * first read it: either way it was paid for once on this machine. Like the hash cache it is only an optimization, kept beside it: a missing or
 * damaged record means the packs are read again.
 */
export declare class CheckedPacks {
    private readonly file;
    private readonly records;
    private readonly logger;
    private dirty;
    private constructor();
    /** Opens the record kept in `cacheDir`, beside the hash caches. */
    static open(logger: Logger, cacheDir?: string | undefined): Promise<CheckedPacks>;
    /** Whether the pack `key` of `store` with this digest, listed with this size and time, was read whole and found intact here. */
    has(store: string, key: string, sha256: string, listed: ListedStamp): boolean;
    add(store: string, key: string, sha256: string, listed: ListedStamp): void;
    /** Writes the record atomically. Never throws: a failure only means reading the packs again. */
    save(): Promise<void>;
}
