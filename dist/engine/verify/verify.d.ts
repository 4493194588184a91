import type { Logger, ProgressCallback } from '../../shared/logger.js';
import type { Manifest } from '../../snapshot/manifest.js';
import type { Store } from '../../storage/store.js';
import type { SigningOptions } from '../../snapshot/signature.js';
export interface VerifyOptions {
    onProgress?: ProgressCallback;
    logger?: Logger;
    /** Read only these packs (by index) whole; the others are only checked to exist. */
    packs?: Set<number>;
    /** Hash every file against the manifest (default true). */
    checkContent?: boolean;
    /** See LaneReadOptions.segmentBytes. */
    segmentBytes?: number;
    /** Keys each snapshot and its ancestors must be signed with (verifySeries); none: nothing is checked. */
    signing?: SigningOptions;
}
export interface VerifyReport {
    id: string;
    series: string;
    ok: boolean;
    packs: number;
    files: number;
    bytes: number;
    /** The error's code and message when not ok. */
    error?: {
        code: string;
        message: string;
    };
}
/**
 * Reads every pack a snapshot needs, whole: each pack's size and sha256, each member's header
 * against the manifest, each file's sha256. Nothing is written anywhere.
 */
export declare function verifyManifest(store: Store, manifest: Manifest, options?: VerifyOptions): Promise<void>;
/**
 * Checks where a snapshot's manifest places its files in some of its packs against those packs,
 * read whole as verify reads them: every member it lists there present where it says, with its
 * content, and each pack's size and sha256. For a backup about to build on a manifest nobody on
 * this machine checked or signed, whose places its new snapshot takes over. The manifest read
 * must be the one `head` names (its digest): another means the store changed under the backup.
 */
export declare function verifyPlaces(store: Store, head: Pick<Manifest, 'series' | 'id' | 'digest' | 'totals'>, packNames: ReadonlySet<string>, options?: Pick<VerifyOptions, 'logger' | 'onProgress'>): Promise<void>;
/** Verifies one snapshot by id, or every snapshot of the series; reports each instead of stopping at the first failure. */
export declare function verifySeries(store: Store, series: string, id: string | undefined, options?: VerifyOptions): Promise<VerifyReport[]>;
