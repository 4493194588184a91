import type { Logger } from '../shared/logger.js';
import type { Manifest } from '../snapshot/manifest.js';
/** What an unchanged backup reads of the snapshot it names: no entry, only what the manifest says about itself. */
export type SnapshotHead = Pick<Manifest, 'id' | 'series' | 'digest' | 'depth' | 'parent' | 'packs' | 'totals'>;
/**
 * The last snapshot this machine took or confirmed of one source tree, so that a backup of a tree
 * that has not changed since need not read and parse that snapshot's manifest (tens of MB at
 * 100,000 files). It binds the store, the series, the options that decide what a scan is and how
 * it is checked, a digest of the tree exactly as an unchanged backup compares it, and the
 * manifest's stored bytes (their sha256): it is used only while the store's newest snapshot is
 * that one and its manifest still hashes to those bytes, so whoever can write the store cannot
 * get past it. Like the hash cache beside it, it is local, owner-only and only an optimization:
 * a missing, damaged or foreign record means the manifest is read as before.
 */
export interface LastSnapshot {
    /** The source directory (absolute), the store (`Store.description`) and the series. */
    source: string;
    store: string;
    series: string;
    /** sha256 of the options that decide the scan and its checks (see backup.ts `recordOptions`). */
    options: string;
    /** sha256 of the tree as an unchanged backup compares it (tree-digest.ts). */
    tree: string;
    /** The tree broke no portability rule (false when the rule was not checked): the names need no check again. */
    namesClean: boolean;
    /**
     * sha256 of the tree's names as the tree rules and the name checks read them (tree-digest.ts
     * `namesDigest`), which passed the tree rules; absent where this machine did not check them
     * (a restore): a tree of the same names, whatever its content, needs neither check again.
     */
    names?: string;
    /** The manifest as stored: its length and the sha256 of its bytes. */
    manifest: {
        size: number;
        sha256: string;
    };
    /**
     * Where the manifest places each file in the packs was checked on this machine against the
     * packs themselves: it made the snapshot (its own packs, and its parent's places it had checked
     * or could vouch for), or restored every file from the packs. Absent in older records: false.
     * An incremental built on a snapshot whose places nobody here checked checks them first.
     */
    placesChecked: boolean;
    snapshot: SnapshotHead;
}
/** The record of the tree whose hash cache is `cacheFile` (`<hash of the root>.bin`): beside it, named alike. */
export declare function lastSnapshotFile(cacheFile: string): string;
/** The record kept at `file`, or undefined when there is none or it is unreadable, damaged or of another version. */
export declare function readLastSnapshot(file: string, logger: Logger): Promise<LastSnapshot | undefined>;
/** Writes the record atomically. Never throws: a failure only means the next backup reads the manifest. */
export declare function writeLastSnapshot(file: string, record: LastSnapshot, logger: Logger): Promise<void>;
