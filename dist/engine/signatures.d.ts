import { type Logger } from '../shared/logger.js';
import type { Manifest } from '../snapshot/manifest.js';
import { type SigningOptions } from '../snapshot/signature.js';
import type { Store } from '../storage/store.js';
/** Where a snapshot's signature lives: beside, not inside, its manifest, whose digest stays as it was. */
export declare function signatureKey(series: string, id: string): string;
/** True when signatures are to be written and checked. */
export declare function signing(options: SigningOptions | undefined): options is SigningOptions;
/**
 * Stores the signature of a manifest not yet published, with the first key, and returns its key;
 * written before the manifest, so a visible snapshot is never without its signature.
 */
export declare function putSignature(store: Store, manifest: Manifest, options: SigningOptions): Promise<string>;
/** What a signature check reads of a snapshot: its signed fields, and the parent to go on to. */
export type SignedHead = Pick<Manifest, 'series' | 'id' | 'digest' | 'parent'>;
/**
 * Refuses (E_SIGNATURE) a snapshot, or any ancestor of it still in the store, that is not signed
 * by a configured key. The snapshot's own signature covers everything a restore writes (its
 * manifest lists every pack's and file's digest); its ancestors are checked because an
 * incremental took hashes and packs from them, so its signature is worth only what theirs are.
 * An ancestor that prune removed is passed over: the backup that built on it checked it. Without
 * keys nothing is checked. True when the snapshot itself is signed by a configured key.
 */
export declare function assertSigned(store: Store, manifest: SignedHead, options: SigningOptions | undefined, logger?: Logger): Promise<boolean>;
