import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { parseBoundedJson } from '../shared/bounded-json.js';
import { SignatureError, ValidationError } from '../shared/errors.js';
import { canonicalJson, type Manifest } from './manifest.js';

export const SIGNATURE_FORMAT = 'index-vault.signature';
export const SIGNATURE_VERSION = 1;
export const SIGNATURE_ALGORITHM = 'hmac-sha256';
/** Shortest secret accepted: below this an HMAC key can be guessed. */
export const MIN_SECRET_BYTES = 16;
const MAX_SIGNATURE_BYTES = 64 * 1024;
const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ID_AND_SECRET = /^([A-Za-z0-9][A-Za-z0-9._-]{0,63}):(.+)$/s;

/**
 * One signing key: an id (stored beside each signature, so keys can rotate) and a secret that no
 * JSON, inspection or message ever shows (a private field).
 */
export class SigningKey {
  readonly id: string;
  readonly #secret: Buffer;

  constructor(id: string, secret: string) {
    this.id = id;
    this.#secret = Buffer.from(secret, 'utf8');
  }

  mac(data: string): Buffer {
    return createHmac('sha256', this.#secret).update(data).digest();
  }

  toJSON(): { id: string } {
    return { id: this.id };
  }
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
export function signingSecrets(text: string): string[] {
  return splitKeyList(text).map((item) => ID_AND_SECRET.exec(item)?.[2] ?? item);
}

function splitKeyList(text: string): string[] {
  return text
    .split(/[,\r\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Parses signing keys: a list separated by commas or newlines of `<key-id>:<secret>` or a bare
 * `<secret>`, whose id is then the first 8 hex digits of its sha256. Messages name the key's
 * position and id, never the secret.
 */
export function parseSigningKeys(texts: readonly string[], where: string): SigningKey[] {
  const keys: SigningKey[] = [];
  const secrets = new Map<string, string>();
  for (const item of texts.flatMap(splitKeyList)) {
    const m = ID_AND_SECRET.exec(item);
    const secret = m ? m[2]! : item;
    const id = m ? m[1]! : createHash('sha256').update(secret).digest('hex').slice(0, 8);
    const n = keys.length + 1;
    if (Buffer.byteLength(secret) < MIN_SECRET_BYTES) {
      throw new ValidationError(`${where}: key ${n}${m ? ` (id ${id})` : ''} is shorter than ${MIN_SECRET_BYTES} bytes`, {
        hint: 'use a random secret of 32 bytes or more, e.g. `openssl rand -hex 32`',
      });
    }
    if (!KEY_ID.test(id))
      throw new ValidationError(`${where}: key ${n} has an invalid id`, { hint: 'key ids are 1 to 64 of A-Z a-z 0-9 . _ -' });
    const before = secrets.get(id);
    if (before !== undefined && before !== secret)
      throw new ValidationError(`${where}: two different keys have the id ${id}`, { hint: 'give each key its own id' });
    if (before === undefined) keys.push(new SigningKey(id, secret));
    secrets.set(id, secret);
  }
  return keys;
}

function signedText(r: Omit<SignatureRecord, 'mac'>): string {
  return canonicalJson({
    format: r.format,
    formatVersion: r.formatVersion,
    algorithm: r.algorithm,
    series: r.series,
    id: r.id,
    digest: r.digest,
    keyId: r.keyId,
  });
}

/** Signs a manifest's digest, id and series with `key`. */
export function signManifest(manifest: Manifest, key: SigningKey): SignatureRecord {
  const body = {
    format: SIGNATURE_FORMAT,
    formatVersion: SIGNATURE_VERSION,
    algorithm: SIGNATURE_ALGORITHM,
    series: manifest.series,
    id: manifest.id,
    digest: manifest.digest,
    keyId: key.id,
  } as const;
  return { ...body, mac: key.mac(signedText(body)).toString('hex') };
}

export function serializeSignature(record: SignatureRecord): Buffer {
  return Buffer.from(canonicalJson(record) + '\n');
}

/** How a manifest stands against the configured keys. */
export type SignatureVerdict = { ok: true; keyId: string } | { ok: false; unsigned: boolean; why: string };

/**
 * Checks a stored signature object (undefined when there is none) against a manifest and the
 * keys. Every way it can fail is one verdict: a missing signature, or one by a key id that is not
 * configured, is `unsigned` (it cannot be checked); one that is malformed, made for another
 * snapshot or that does not match is not.
 */
export function checkSignature(
  bytes: Buffer | undefined,
  manifest: Pick<Manifest, 'series' | 'id' | 'digest'>,
  keys: readonly SigningKey[],
): SignatureVerdict {
  if (bytes === undefined) return { ok: false, unsigned: true, why: 'it is not signed' };
  let r: SignatureRecord;
  try {
    r = parseBoundedJson(bytes, 'signature', MAX_SIGNATURE_BYTES) as SignatureRecord;
  } catch {
    return { ok: false, unsigned: false, why: 'its signature is not readable' };
  }
  if (
    r === null ||
    typeof r !== 'object' ||
    r.format !== SIGNATURE_FORMAT ||
    r.formatVersion !== SIGNATURE_VERSION ||
    r.algorithm !== SIGNATURE_ALGORITHM
  ) {
    return { ok: false, unsigned: false, why: 'its signature is malformed' };
  }
  if (typeof r.keyId !== 'string' || typeof r.mac !== 'string' || !/^[0-9a-f]{64}$/.test(r.mac))
    return { ok: false, unsigned: false, why: 'its signature is malformed' };
  if (r.series !== manifest.series || r.id !== manifest.id || r.digest !== manifest.digest) {
    return { ok: false, unsigned: false, why: `its signature was made for another snapshot (${String(r.series)}/${String(r.id)})` };
  }
  const key = keys.find((k) => k.id === r.keyId);
  if (!key)
    return {
      ok: false,
      unsigned: true,
      why: `it is signed with key id ${JSON.stringify(r.keyId)}, which is not configured (configured: ${keys.map((k) => k.id).join(', ')})`,
    };
  const expected = key.mac(signedText(r));
  if (!timingSafeEqual(expected, Buffer.from(r.mac, 'hex')))
    return { ok: false, unsigned: false, why: `its signature does not match (key id ${r.keyId})` };
  return { ok: true, keyId: r.keyId };
}

/** The refusal for a verdict that is not ok, in one line. */
export function signatureError(manifest: Pick<Manifest, 'series' | 'id'>, why: string): SignatureError {
  return new SignatureError(`snapshot ${manifest.id} of ${manifest.series}: ${why}`, {
    hint: 'restore a snapshot signed with a configured key: whoever else can write the store may have planted this one (allowing unsigned snapshots accepts those with no signature)',
    details: { id: manifest.id, series: manifest.series },
  });
}
