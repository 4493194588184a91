import { IntegrityError, isIndexVaultError } from '../shared/errors.js';
import { silentLogger, type Logger } from '../shared/logger.js';
import type { Manifest } from '../snapshot/manifest.js';
import { checkSignature, serializeSignature, signatureError, signManifest, type SigningOptions } from '../snapshot/signature.js';
import type { Store } from '../storage/store.js';
import { loadManifestHead, readAll } from './series.js';

/** Where a snapshot's signature lives: beside, not inside, its manifest, whose digest stays as it was. */
export function signatureKey(series: string, id: string): string {
  return `${series}/signatures/${id}.json`;
}

/** True when signatures are to be written and checked. */
export function signing(options: SigningOptions | undefined): options is SigningOptions {
  return options !== undefined && options.keys.length > 0;
}

/**
 * Stores the signature of a manifest not yet published, with the first key, and returns its key;
 * written before the manifest, so a visible snapshot is never without its signature.
 */
export async function putSignature(store: Store, manifest: Manifest, options: SigningOptions): Promise<string> {
  const key = signatureKey(manifest.series, manifest.id);
  const bytes = serializeSignature(signManifest(manifest, options.keys[0]!));
  await store.put(
    key,
    (async function* () {
      yield bytes;
    })(),
    { ifNoneMatch: true },
  );
  return key;
}

async function readSignature(store: Store, series: string, id: string): Promise<Buffer | undefined> {
  try {
    return await readAll(await store.get(signatureKey(series, id)), 64 * 1024);
  } catch (err) {
    if (isIndexVaultError(err, 'E_NOT_FOUND')) return undefined;
    throw err;
  }
}

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
export async function assertSigned(
  store: Store,
  manifest: SignedHead,
  options: SigningOptions | undefined,
  logger: Logger = silentLogger,
): Promise<boolean> {
  if (!signing(options)) return false;
  const seen = new Set<string>();
  let m: SignedHead | undefined = manifest;
  let signed = false;
  while (m !== undefined && !seen.has(m.id)) {
    seen.add(m.id);
    const verdict = checkSignature(await readSignature(store, m.series, m.id), m, options.keys);
    if (m === manifest) signed = verdict.ok;
    if (!verdict.ok) {
      const why = m === manifest ? verdict.why : `${verdict.why} (it is an ancestor of snapshot ${manifest.id})`;
      if (!(verdict.unsigned && options.allowUnsigned)) throw signatureError(m, why);
      logger.warn(`snapshot ${m.id} of ${m.series}: ${why}; accepted because unsigned snapshots are allowed`);
    }
    const parent: Manifest['parent'] = m.parent;
    if (parent === null) break;
    try {
      m = await loadManifestHead(store, m.series, parent.id);
    } catch (err) {
      if (!isIndexVaultError(err, 'E_NOT_FOUND')) throw err;
      logger.debug(`snapshot ${parent.id}, an ancestor of ${manifest.id}, is no longer in the store: its signature is not checked`);
      break;
    }
    if (m.digest !== parent.digest) {
      throw new IntegrityError(
        `snapshot ${parent.id}, an ancestor of ${manifest.id}, is not the one it was built on (its digest differs)`,
        {
          hint: 'the store was tampered with or damaged',
          details: { id: parent.id, series: m.series },
        },
      );
    }
  }
  return signed;
}
