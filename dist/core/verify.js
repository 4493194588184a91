import { packExpectations } from './expectations.js';
import { IntegrityError, isIndexVaultError } from './errors.js';
import { readPack } from './pack-reader.js';
import { assertPacksPresent, listSnapshotIds, loadManifest, packKey } from './series.js';
/**
 * Reads every pack a snapshot needs, whole: each pack's size and sha256, each member's header
 * against the manifest, each file's sha256. Nothing is written anywhere.
 */
export async function verifyManifest(store, manifest, options = {}) {
    await assertPacksPresent(store, manifest);
    const read = (i) => options.packs === undefined || options.packs.has(i);
    const bytesTotal = manifest.packs.reduce((n, p, i) => n + (read(i) ? p.rawSize : 0), 0);
    let bytesDone = 0;
    for (let i = 0; i < manifest.packs.length; i++) {
        const pack = manifest.packs[i];
        if (!read(i))
            continue;
        await readPack({
            store,
            key: packKey(manifest.series, pack.name),
            pack,
            expected: packExpectations(manifest, i),
            strict: pack.origin === manifest.id,
            checkContent: options.checkContent,
            offloadHash: options.offloadHash,
            onBytes: (n) => {
                bytesDone += n;
                options.onProgress?.({ phase: 'verify', bytesDone, bytesTotal, filesDone: 0, filesTotal: manifest.totals.files });
            },
        }).catch((err) => {
            // For verify, a pack that disagrees with its manifest in any way is a damaged store.
            if (isIndexVaultError(err, 'E_UNSAFE_ENTRY'))
                throw new IntegrityError(`pack ${pack.name}: ${err.message}`, { cause: err, details: err.details });
            throw err;
        });
    }
}
/** Verifies one snapshot by id, or every snapshot of the series; reports each instead of stopping at the first failure. */
export async function verifySeries(store, series, id, options = {}) {
    const ids = id ? [id] : await listSnapshotIds(store, series);
    const reports = [];
    for (const sid of ids) {
        const report = { id: sid, series, ok: false, packs: 0, files: 0, bytes: 0 };
        try {
            const manifest = await loadManifest(store, series, sid);
            Object.assign(report, { packs: manifest.packs.length, files: manifest.totals.files, bytes: manifest.totals.bytes });
            await verifyManifest(store, manifest, options);
            report.ok = true;
        }
        catch (err) {
            // A missing snapshot asked for by id is the caller's mistake, not a damaged store.
            if (id && isIndexVaultError(err, 'E_NOT_FOUND') && reports.length === 0 && ids.length === 1 && !err.details.key)
                throw err;
            report.error = isIndexVaultError(err) ? { code: err.code, message: err.message } : { code: 'E_INTEGRITY', message: String(err?.message ?? err) };
            options.logger?.warn(`snapshot ${sid}: ${report.error.message}`);
        }
        reports.push(report);
    }
    return reports;
}
