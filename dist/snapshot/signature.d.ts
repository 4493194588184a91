import { SignatureError } from '../shared/errors.js';
import { type Manifest } from './manifest.js';
export declare const SIGNATURE_FORMAT = "index-vault.signature";
export declare const SIGNATURE_VERSION = 1;
export declare const SIGNATURE_ALGORITHM = "hmac-sha256";
/** Shortest secret accepted: below this an HMAC key can be guessed. */
export declare const MIN_SECRET_BYTES = 16;
/**
 * One signing key: an id (stored beside each signature, so keys can rotate) and a secret that no
 * JSON, inspection or message ever shows (a private field).
 */
export declare class SigningKey {
    #private;
    readonly id: string;
    constructor(id: string, secret: string);
    mac(data: string): Buffer;
    toJSON(): {
        id: string;
    };
}
/** What a backup signs with (the first key) and a reader accepts (any key). */
export interface SigningOptions {
    keys: readonly SigningKey[];
    /** Accept a snapshot without a signature (or signed by a key id not configured), with a warning. */
    allowUnsigned?: boolean;
}
/** The signature object stored beside a manifest (`<series>/signatures/<id>.json`). */
export interface SignatureRecord {
    format: typeof SIGNATURE_FORMAT;
    formatVersion: number;
    algorithm: typeof SIGNATURE_ALGORITHM;
    series: string;
    id: string;
    /** The manifest's digest: it covers every field of the manifest, every pack's and file's sha256. */
    digest: string;
    keyId: string;
    /** HMAC-SHA256, hex, of the canonical JSON of every other field. */
    mac: string;
}
/** The strings a caller must mask in logs: each secret of a key list, as written. */
export declare function signingSecrets(text: string): string[];
/**
 * Parses signing keys: a list separated by commas or newlines of `<key-id>:<secret>` or a bare
 * `<secret>`, whose id is then the first 8 hex digits of its sha256. Messages name the key's
 * position and id, never the secret.
 */
export declare function parseSigningKeys(texts: readonly string[], where: string): SigningKey[];
/** Signs a manifest's digest, id and series with `key`. */
export declare function signManifest(manifest: Manifest, key: SigningKey): SignatureRecord;
export declare function serializeSignature(record: SignatureRecord): Buffer;
/** How a manifest stands against the configured keys. */
export type SignatureVerdict = {
    ok: true;
    keyId: string;
} | {
    ok: false;
    unsigned: boolean;
    why: string;
};
/**
 * Checks a stored signature object (undefined when there is none) against a manifest and the
 * keys. Every way it can fail is one verdict: a missing signature, or one by a key id that is not
 * configured, is `unsigned` (it cannot be checked); one that is malformed, made for another
 * snapshot or that does not match is not.
 */
export declare function checkSignature(bytes: Buffer | undefined, manifest: Pick<Manifest, 'series' | 'id' | 'digest'>, keys: readonly SigningKey[]): SignatureVerdict;
/** The refusal for a verdict that is not ok, in one line. */
export declare function signatureError(manifest: Pick<Manifest, 'series' | 'id'>, why: string): SignatureError;
