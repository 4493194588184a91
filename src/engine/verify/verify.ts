import { allPackExpectations, PackExpectations } from './expectations.js';
import { IntegrityError, isIndexVaultError } from '../../shared/errors.js';
import type { Logger, ProgressCallback } from '../../shared/logger.js';
import { LanePool } from '../../workers/lane-pool.js';
import type { Manifest, PackInfo } from '../../snapshot/manifest.js';
import type { ManifestHead } from '../../snapshot/manifest-stream.js';
import type { MemberExpectations } from '../../snapshot/member-table.js';
import { readPackInLanes } from './pack-lanes.js';
import { assertPacksPresent, listSnapshots, loadManifestHead, packKey } from '../series.js';
import type { Store } from '../../storage/store.js';
import type { SigningOptions } from '../../snapshot/signature.js';
import { assertSigned } from '../signatures.js';
import { OwnPackDigests } from './own-pack-digests.js';

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
  error?: { code: string; message: string };
}

/**
 * Reads every pack a snapshot needs, whole: each pack's size and sha256, each member's header
 * against the manifest, each file's sha256. Nothing is written anywhere.
 */
export async function verifyManifest(store: Store, manifest: Manifest, options: VerifyOptions = {}): Promise<void> {
  await verifyTaken(store, manifest, allPackExpectations(manifest), options);
}

/** verifyManifest from the members but the entries, and what the entries expect of each pack (taken as the manifest was read). */
async function verifyTaken(
  store: Store,
  manifest: ManifestHead,
  expectations: (packIndex: number) => MemberExpectations,
  options: VerifyOptions,
  taken?: OwnPackDigests,
): Promise<void> {
  await assertPacksPresent(store, manifest);
  const read = (i: number) => options.packs === undefined || options.packs.has(i);
  const bytesTotal = manifest.packs.reduce((n, p, i) => n + (read(i) ? p.rawSize : 0), 0);
  let bytesDone = 0;
  const onBytes = (n: number) => {
    bytesDone += n;
    options.onProgress?.({ phase: 'verify', bytesDone, bytesTotal, filesDone: 0, filesTotal: manifest.totals.files });
  };
  const lanes = new LanePool();
  try {
    for (let i = 0; i < manifest.packs.length; i++) {
      const pack = manifest.packs[i]!;
      if (!read(i)) continue;
      const key = packKey(manifest.series, pack.name);
      const expected = expectations(i);
      const strict = pack.origin === manifest.id;
      const digest = taken?.of(pack.name);
      await verifyInLanes(store, key, pack, expected, strict, options, lanes, onBytes, digest).catch((err: unknown) => {
        // For verify, a pack that disagrees with its manifest in any way is a damaged store.
        if (isIndexVaultError(err, 'E_UNSAFE_ENTRY'))
          throw new IntegrityError(`pack ${pack.name}: ${err.message}`, { cause: err, details: err.details });
        throw err;
      });
    }
  } finally {
    await lanes.close();
  }
}

/**
 * Checks one pack on the lanes, as a restore reads it (every store, both codecs): every member
 * against the manifest, every file's sha256, and the whole pack's size and sha256.
 */
async function verifyInLanes(
  store: Store,
  key: string,
  pack: PackInfo,
  expected: MemberExpectations,
  strict: boolean,
  options: VerifyOptions,
  lanes: LanePool,
  onBytes: (n: number) => void,
  wholeDigest: Promise<{ sha256: string; size: number } | undefined> | undefined,
): Promise<void> {
  let hashed = 0;
  const r = await readPackInLanes({
    store,
    key,
    pack,
    expected,
    strict,
    dests: () => undefined,
    hashAll: options.checkContent !== false,
    lanes,
    writeFlags: 0,
    digest: true,
    wholeDigest,
    segmentBytes: options.segmentBytes,
    onBytes: (n) => (onBytes(n), (hashed += n)),
  });
  // Progress counts raw pack bytes, as a restore's does.
  onBytes(Math.max(0, pack.rawSize - hashed));
  if (r.whole?.size !== pack.size || r.whole.sha256 !== pack.sha256) {
    throw new IntegrityError(`pack ${pack.name} does not match its recorded size and sha256`, {
      hint: 'the stored pack is damaged; restore another snapshot',
      details: { pack: pack.name },
    });
  }
}

/** Manifest bytes from which a verify keeps what packs must hold in tables from the start: ~240,000 files at ~280 bytes each. */
const TABLES_FROM_BYTES = 64 * 1024 * 1024;
const MANIFEST_BYTES_PER_FILE = 280;

/**
 * Checks where a snapshot's manifest places its files in some of its packs against those packs,
 * read whole as verify reads them: every member it lists there present where it says, with its
 * content, and each pack's size and sha256. For a backup about to build on a manifest nobody on
 * this machine checked or signed, whose places its new snapshot takes over. The manifest read
 * must be the one `head` names (its digest): another means the store changed under the backup.
 */
export async function verifyPlaces(
  store: Store,
  head: Pick<Manifest, 'series' | 'id' | 'digest' | 'totals'>,
  packNames: ReadonlySet<string>,
  options: Pick<VerifyOptions, 'logger' | 'onProgress'> = {},
): Promise<void> {
  const taken = new PackExpectations(false, head.totals.files * MANIFEST_BYTES_PER_FILE >= TABLES_FROM_BYTES);
  const manifest = await loadManifestHead(store, head.series, head.id, taken);
  if (manifest.digest !== head.digest) {
    throw new IntegrityError(`the manifest of snapshot ${head.series}/${head.id} changed while this backup read it`, {
      hint: 'run the backup again once nothing else writes to the store',
    });
  }
  const packs = new Set<number>();
  manifest.packs.forEach((p, i) => void (packNames.has(p.name) && packs.add(i)));
  await verifyTaken(store, manifest, taken.of(manifest), { ...options, packs });
}

/** Verifies one snapshot by id, or every snapshot of the series; reports each instead of stopping at the first failure. */
export async function verifySeries(
  store: Store,
  series: string,
  id: string | undefined,
  options: VerifyOptions = {},
): Promise<VerifyReport[]> {
  const listed = await listSnapshots(store, series);
  const ids = id ? [id] : listed.map((s) => s.id);
  const reports: VerifyReport[] = [];
  for (const sid of ids) {
    const report: VerifyReport = { id: sid, series, ok: false, packs: 0, files: 0, bytes: 0 };
    try {
      // The entries go straight into what each pack must hold: the manifest's entries are not kept.
      // A large manifest's go into tables (see PackExpectations); one not listed (written since) into Maps.
      const size = listed.find((s) => s.id === sid)?.size ?? 0;
      const taken = new PackExpectations(false, size >= TABLES_FROM_BYTES);
      // Its own packs are hashed while the manifest is read (see OwnPackDigests), unless only some packs are to be read.
      const digests = options.packs === undefined ? new OwnPackDigests(store, series, sid) : undefined;
      try {
        const manifest = await loadManifestHead(store, series, sid, taken);
        Object.assign(report, { packs: manifest.packs.length, files: manifest.totals.files, bytes: manifest.totals.bytes });
        await assertSigned(store, manifest, options.signing, options.logger);
        await verifyTaken(store, manifest, taken.of(manifest), options, digests);
      } finally {
        await digests?.close();
      }
      report.ok = true;
    } catch (err) {
      // A missing snapshot asked for by id is the caller's mistake, not a damaged store.
      if (
        id &&
        isIndexVaultError(err, 'E_NOT_FOUND') &&
        reports.length === 0 &&
        ids.length === 1 &&
        !(err.details as { key?: string }).key &&
        !('pack' in err.details)
      )
        throw err;
      report.error = isIndexVaultError(err)
        ? { code: err.code, message: err.message }
        : { code: 'E_INTEGRITY', message: String((err as Error)?.message ?? err) };
      options.logger?.warn(`snapshot ${sid}: ${report.error.message}`);
    }
    reports.push(report);
  }
  return reports;
}
