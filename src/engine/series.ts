import { createHash } from 'node:crypto';
import { IntegrityError, isIndexVaultError, NotFoundError, ValidationError } from '../shared/errors.js';
import { MAX_MANIFEST_BYTES, serializeManifest, type Manifest } from '../snapshot/manifest.js';
import { readManifest, readManifestHead, type EntrySink, type ManifestHead } from '../snapshot/manifest-stream.js';
import { isSnapshotId } from '../snapshot/snapshot-id.js';
import { objectChunks } from '../storage/object-chunks.js';
import type { Store } from '../storage/store.js';

/**
 * Where a series lives in a store:
 *   <series>/snapshots/<id>.json   the manifest; written last, so its presence is the commit
 *   <series>/packs/<pack name>     packs, immutable once written
 */
export function manifestKey(series: string, id: string): string {
  return `${series}/snapshots/${id}.json`;
}

export function packKey(series: string, packName: string): string {
  return `${series}/packs/${packName}`;
}

/**
 * An object's bytes, at most `limit`. With the size a listing gave (`expected`), they are copied
 * into one buffer as they arrive rather than gathered and joined: a manifest of 30 MB is then
 * allocated once, not twice. An object of another size than expected is read all the same.
 */
export async function readAll(source: AsyncIterable<Buffer>, limit = 1024 * 1024 * 1024, expected?: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  const into = expected !== undefined && expected > 0 && expected <= limit ? Buffer.allocUnsafe(expected) : undefined;
  let n = 0;
  for await (const c of source) {
    if (n + c.length > limit) throw new IntegrityError(`object larger than ${limit} bytes`);
    if (into && parts.length === 0 && n + c.length <= into.length) c.copy(into, n);
    else {
      // Larger than listed: what was copied so far becomes the first part.
      if (into && parts.length === 0) parts.push(into.subarray(0, n));
      parts.push(c);
    }
    n += c.length;
  }
  if (parts.length === 0) return into ? into.subarray(0, n) : Buffer.alloc(0);
  return Buffer.concat(parts, n);
}

/** Snapshot ids of a series, oldest first (ids sort by time). */
export async function listSnapshotIds(store: Store, series: string): Promise<string[]> {
  return (await listSnapshots(store, series)).map((s) => s.id);
}

/** Snapshots of a series with the size of their manifests as listed, oldest first. */
export async function listSnapshots(store: Store, series: string): Promise<Array<{ id: string; size: number }>> {
  const prefix = `${series}/snapshots/`;
  const objects = await store.list(prefix);
  return objects
    .map((o) => ({ name: o.key.slice(prefix.length), size: o.size }))
    .filter((o) => o.name.endsWith('.json') && isSnapshotId(o.name.slice(0, -5)))
    .map((o) => ({ id: o.name.slice(0, -5), size: o.size }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Series names present in a store. */
export async function listSeries(store: Store): Promise<string[]> {
  const objects = await store.list('');
  const names = new Set<string>();
  for (const o of objects) {
    const m = /^([^/]+)\/snapshots\/[^/]+\.json$/.exec(o.key);
    if (m) names.add(m[1]!);
  }
  return [...names].sort();
}

/**
 * A snapshot's manifest, read and checked as a stream (manifest-stream.ts: no whole text or bytes
 * held); a text the stream route leaves to parseManifest is read again whole, and `listedSize`,
 * the size a listing gave, then only saves a copy.
 */
export async function loadManifest(store: Store, series: string, id: string, listedSize?: number): Promise<Manifest> {
  return (await loadStored(store, series, id, listedSize, false, readManifest)).value;
}

/** `loadManifest`, with the length and sha256 of the very bytes it accepted: what a record of the snapshot binds (last-snapshot.ts). */
export async function loadManifestHashed(
  store: Store,
  series: string,
  id: string,
): Promise<{ manifest: Manifest; stored: { size: number; sha256: string } }> {
  const { value, sha256, size } = await loadStored(store, series, id, undefined, true, readManifest);
  return { manifest: value, stored: { size, sha256: sha256! } };
}

/**
 * loadManifest without holding the entries (manifest-stream.ts, readManifestHead): each is handed
 * to `sink`, or to nothing for a reader that needs only the other members (list, prune). The
 * same checks and the same refusals as loadManifest.
 */
export async function loadManifestHead(store: Store, series: string, id: string, sink?: EntrySink): Promise<ManifestHead> {
  return (await loadManifestHeadHashed(store, series, id, { hash: false, sink })).head;
}

/**
 * `loadManifestHead`, and the sha256 and length of the very bytes it accepted when `hash` is set:
 * what a record of the snapshot binds (see last-snapshot.ts). Hashed as they pass, or, when the
 * stream route leaves the text to parseManifest, from the second read that parseManifest decided on.
 */
export async function loadManifestHeadHashed(
  store: Store,
  series: string,
  id: string,
  options: { listedSize?: number; hash: boolean; sink?: EntrySink },
): Promise<{ head: ManifestHead; sha256: string | undefined; size: number }> {
  const read = (chunks: AsyncIterable<Buffer>, what: string, reread: () => Promise<Buffer>) =>
    readManifestHead(chunks, what, reread, options.sink);
  const { value, sha256, size } = await loadStored(store, series, id, options.listedSize, options.hash, read);
  return { head: value, sha256, size };
}

async function loadStored<T extends ManifestHead>(
  store: Store,
  series: string,
  id: string,
  listedSize: number | undefined,
  hash: boolean,
  read: (chunks: AsyncIterable<Buffer>, what: string, reread: () => Promise<Buffer>) => Promise<T>,
): Promise<{ value: T; sha256: string | undefined; size: number }> {
  const key = manifestKey(series, id);
  let m: T;
  const streamed = hash ? createHash('sha256') : undefined;
  let size = 0;
  let whole: Buffer | undefined;
  try {
    const chunks = await objectChunks(store, key);
    m = await read(
      (async function* () {
        for await (const chunk of chunks) {
          streamed?.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      })(),
      `manifest of snapshot ${id}`,
      async () => (whole = await readAll(await store.get(key), MAX_MANIFEST_BYTES, listedSize)),
    );
  } catch (err) {
    if (isIndexVaultError(err, 'E_NOT_FOUND')) {
      throw new NotFoundError(`snapshot ${id} of series ${series} is not in ${store.description}`, {
        hint: 'list the snapshots in the store to see which are there',
        details: { id, series, remedy: 'store' },
      });
    }
    throw err;
  }
  if (m.id !== id || m.series !== series) {
    throw new IntegrityError(`manifest stored as ${series}/${id} describes ${m.series}/${m.id}`, {
      hint: 'the store was tampered with or damaged',
    });
  }
  if (whole !== undefined)
    return { value: m, sha256: hash ? createHash('sha256').update(whole).digest('hex') : undefined, size: whole.length };
  return { value: m, sha256: streamed?.digest('hex'), size };
}

/**
 * The sha256 of a stored manifest's bytes, read as a stream (no whole buffer, no text, no parse),
 * or undefined when it is not `size` bytes long. Errors (a manifest gone, a store failing) are
 * the caller's: it falls back to reading the manifest, which reports them.
 */
export async function storedManifestSha256(store: Store, series: string, id: string, size: number): Promise<string | undefined> {
  const key = manifestKey(series, id);
  const hasher = createHash('sha256');
  let n = 0;
  const take = (chunk: Buffer): boolean => {
    n += chunk.length;
    if (n > size) return false;
    hasher.update(chunk);
    return true;
  };
  // Hashed as read: through one reused buffer for a local store (see objectChunks).
  for await (const chunk of await objectChunks(store, key)) if (!take(chunk)) return undefined;
  return n === size ? hasher.digest('hex') : undefined;
}

/** The snapshot a restore means when it names none: the newest of the series. */
export async function resolveSnapshotId(store: Store, series: string, id?: string): Promise<string> {
  if (id) return id;
  const ids = await listSnapshotIds(store, series);
  const latest = ids[ids.length - 1];
  if (!latest) {
    throw new NotFoundError(`no snapshots of series ${series} in ${store.description}`, {
      hint: 'check the store and the series name (listing the store shows what is there)',
      details: { series, remedy: 'store' },
    });
  }
  return latest;
}

/** Stores a manifest: as `bytes` when the caller already holds its canonical text (checked by parseManifest), else serialized here. */
export async function putManifest(
  store: Store,
  manifest: Manifest,
  bytes: Buffer | Iterable<Buffer> = serializeManifest(manifest),
): Promise<void> {
  // Chunks are copied as they go out: their source may reuse a chunk's memory for the next one
  // (PackedChunks does), while a store holds parts in flight. A store that releases its parts
  // gets the same few buffers back, so a large manifest leaves no trail of garbage buffers.
  const spare: ArrayBuffer[] = [];
  const body = Buffer.isBuffer(bytes)
    ? [bytes]
    : (function* () {
        for (const chunk of bytes) {
          let buf = spare.pop();
          if (buf === undefined || buf.byteLength < chunk.length) buf = new ArrayBuffer(chunk.length);
          const part = Buffer.from(buf, 0, chunk.length);
          chunk.copy(part);
          yield part;
        }
      })();
  await store.put(
    manifestKey(manifest.series, manifest.id),
    (async function* () {
      yield* body;
    })(),
    {
      ifNoneMatch: true,
      ...(store.releasesParts === true ? { release: (part: Uint8Array) => void spare.push(part.buffer as ArrayBuffer) } : {}),
    },
  );
}

/** Fails with E_NOT_FOUND naming the pack and the snapshot that wrote it if any pack a snapshot needs is gone. */
export async function assertPacksPresent(store: Store, manifest: Pick<Manifest, 'id' | 'series' | 'packs'>): Promise<void> {
  for (const p of manifest.packs) {
    if (!(await store.exists(packKey(manifest.series, p.name)))) {
      throw new NotFoundError(
        `snapshot ${manifest.id} needs pack ${p.name} (written by snapshot ${p.origin}), which is missing from the store`,
        {
          hint: 'the chain is broken; restore another snapshot, or take a full snapshot',
          details: { id: manifest.id, pack: p.name, origin: p.origin, remedy: 'full-snapshot' },
        },
      );
    }
  }
}

export interface SeriesQuery {
  /** The series the user named; it must have snapshots in the store. */
  name?: string;
  /** A snapshot id: ids are unique in a store, so it names its series. */
  snapshot?: string;
  /** The series a directory's name maps to (`seriesNameFor`), used if the store holds it. */
  fromTarget?: string;
}

/**
 * The one series a restore or a single-snapshot verify means: `name`; else the series holding
 * `snapshot`; else `fromTarget` if the store has it; else the store's only series. Anything else
 * fails listing the series that are there, so restoring into a differently named directory
 * needs no `--name` when the answer is unambiguous. For stores that list whole (not GitHub's
 * cache and artifacts, which find by key prefix).
 */
export async function resolveSeries(store: Store, query: SeriesQuery): Promise<string> {
  const all = await listSeries(store);
  const there = all.length > 0 ? `series in ${store.description}: ${all.join(', ')}` : `${store.description} holds no snapshots`;
  if (query.name !== undefined) {
    if (all.includes(query.name)) return query.name;
    throw new NotFoundError(`no snapshots of series ${query.name} in ${store.description}`, { hint: there, details: { series: all } });
  }
  if (query.snapshot !== undefined) {
    const holders: string[] = [];
    for (const s of all) if (await store.exists(manifestKey(s, query.snapshot))) holders.push(s);
    if (holders.length === 1) return holders[0]!;
    if (holders.length === 0)
      throw new NotFoundError(`snapshot ${query.snapshot} is not in ${store.description}`, {
        hint: there,
        details: { id: query.snapshot, series: all },
      });
    throw new ValidationError(`snapshot ${query.snapshot} is in several series: ${holders.join(', ')}`, {
      hint: 'name the series',
      details: { id: query.snapshot, series: holders, remedy: 'series' },
    });
  }
  if (query.fromTarget !== undefined && all.includes(query.fromTarget)) return query.fromTarget;
  if (all.length === 1) return all[0]!;
  if (all.length === 0) {
    throw new NotFoundError(`no snapshots in ${store.description}`, {
      hint: 'check the store (listing it shows what is there)',
      details: { series: all, remedy: 'store' },
    });
  }
  throw new ValidationError(
    `${store.description} holds several series${query.fromTarget !== undefined ? `, none named ${query.fromTarget}` : ''}`,
    {
      hint: `name the series; ${there}`,
      details: { series: all, remedy: 'series' },
    },
  );
}
