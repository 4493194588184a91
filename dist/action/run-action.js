import { backup } from '../engine/backup/backup.js';
import { IntegrityError, isIndexVaultError, NotFoundError } from '../shared/errors.js';
import { assertApart } from '../fs-safety/placement.js';
import { compareManifests, previousManifest } from '../engine/diff.js';
import { restore } from '../engine/restore/restore.js';
import { loadManifest, resolveSnapshotId } from '../engine/series.js';
import { actionHint } from './hints.js';
import { findRestorable } from './restorable.js';
import { verifySeries } from '../engine/verify/verify.js';
import { assertSigned } from '../engine/signatures.js';
import { renderSummary } from './summary.js';
const MODE = { auto: 'auto', true: 'incremental', false: 'full' };
/** Runs one backup, restore or verify as the inputs say; reports through outputs and the summary. */
export async function runAction(inputs, store, ctx) {
    // Refused before anything is looked up, so a miss cannot hide it until the first hit.
    if (inputs.mode !== 'verify' && store.localRoot !== undefined) {
        assertApart({ path: inputs.path, role: inputs.mode === 'backup' ? 'the source directory' : 'the target directory' }, { path: store.localRoot, role: 'the store' });
    }
    if (inputs.mode === 'backup')
        return actionBackup(inputs, store, ctx);
    if (inputs.mode === 'restore')
        return actionRestore(inputs, store, ctx);
    return actionVerify(inputs, store, ctx);
}
function outputs(ctx) {
    return (values) => {
        for (const [k, v] of Object.entries(values))
            ctx.setOutput(k, String(v));
    };
}
async function actionBackup(inputs, store, ctx) {
    const out = outputs(ctx);
    const previous = await latestManifest(store, inputs.name, ctx.logger);
    const r = await backup({
        source: inputs.path,
        store,
        series: inputs.name,
        mode: MODE[inputs.incremental],
        format: inputs.format,
        lanceVersions: inputs.lanceVersions,
        level: inputs.compressionLevel,
        portability: inputs.portability,
        verify: inputs.verify,
        hashCache: inputs.hashCache,
        cacheDir: ctx.cacheDir,
        signing: inputs.signing,
        logger: ctx.logger,
        onProgress: ctx.onProgress,
    });
    out({ 'snapshot-id': r.id, kind: r.kind, files: r.files, bytes: r.bytes, 'stored-bytes': r.storedBytes, restored: false, matched: '' });
    // An unchanged answer carries no manifest: the snapshot it names is the newest, read above for the diff.
    const current = r.manifest ?? (previous?.id === r.id ? previous : await snapshotManifest(store, r.series, r.id, ctx.logger));
    const diff = current ? compareManifests(r.kind === 'unchanged' ? current : previous, current) : undefined;
    await ctx.summary(renderSummary({
        mode: 'backup',
        ...snapshotFacts(r, store, inputs),
        storedBytes: r.storedBytes,
        excluded: r.excluded.length,
        diff,
        durationMs: r.durationMs,
        chain: current ? await chainOf(store, current, ctx.logger) : [],
        note: r.kind === 'unchanged' ? 'Nothing changed since the newest snapshot: nothing was stored.' : undefined,
    }));
    ctx.logger.info(`snapshot ${r.id} (${r.kind}): ${r.files} files, ${r.bytes} bytes, ${r.storedBytes} bytes stored`);
}
async function actionRestore(inputs, store, ctx) {
    const out = outputs(ctx);
    const started = Date.now();
    const miss = async (err) => {
        out({ restored: false, 'cache-hit': false, matched: '', 'snapshot-id': '' });
        const what = missMessage(inputs, store, err);
        // A lookup is a probe: "is it there?" is answered either way, so it never fails the step.
        if (inputs.failOnMiss && !inputs.lookupOnly)
            throw new NotFoundError(what, {
                hint: actionHint(err) ??
                    'check name and backend (and github-token/run-id for another run), or set fail-on-miss: false to go on without it',
                cause: err,
                details: err.details,
            });
        ctx.logger.warn(`${what}; nothing restored${inputs.lookupOnly ? ' (lookup-only)' : ' (fail-on-miss is false)'}`);
        await ctx.summary(renderSummary({
            mode: 'restore',
            series: inputs.name,
            store: store.description,
            target: inputs.path,
            durationMs: Date.now() - started,
            chain: [],
            note: `Nothing restored: ${what}.`,
            searched: searchedOf(store),
        }));
    };
    let found;
    try {
        found = await findRestorable(store, inputs.name, inputs.snapshot);
    }
    catch (err) {
        if (!isIndexVaultError(err, 'E_NOT_FOUND'))
            throw err;
        return miss(err);
    }
    const fallback = found.skipped.length > 0
        ? `the newest snapshot${found.skipped.length > 1 ? 's' : ''} could not be restored (${found.skipped.map((s) => s.reason).join('; ')}); restoring ${found.id}, the newest snapshot whose chain is complete`
        : undefined;
    if (fallback)
        ctx.logger.warn(fallback);
    if (inputs.lookupOnly) {
        // A probe with a key answers for a snapshot the restore would accept; one it would refuse is a miss, as a probe never fails.
        try {
            await assertSigned(store, found.manifest, inputs.signing, ctx.logger);
        }
        catch (err) {
            if (!isIndexVaultError(err, 'E_SIGNATURE'))
                throw err;
            ctx.logger.warn(`${err.code}: ${err.message}`);
            return miss(err);
        }
        out({ restored: false, 'cache-hit': true, matched: found.id, 'snapshot-id': found.id });
        ctx.logger.info(`snapshot ${found.id} of ${inputs.name} exists with all its packs (lookup-only: nothing restored)`);
        return;
    }
    let r;
    try {
        r = await restore({
            target: inputs.path,
            store,
            series: inputs.name,
            snapshot: found.id,
            manifest: found.manifest,
            force: true,
            deepVerify: inputs.deepVerify,
            only: inputs.only,
            seeds: inputs.seeds,
            hashCache: inputs.hashCache,
            cacheDir: ctx.cacheDir,
            signing: inputs.signing,
            logger: ctx.logger,
            onProgress: ctx.onProgress,
        });
    }
    catch (err) {
        // A pack that vanished between the check and the download (evicted, expired): still a miss; the target is as it was.
        if (!isIndexVaultError(err, 'E_NOT_FOUND'))
            throw err;
        return miss(err);
    }
    out({ restored: true, 'cache-hit': true, matched: r.id, 'snapshot-id': r.id, kind: r.kind, files: r.files, bytes: r.bytes });
    // Ancestors are read once: for the chain, and the parent again for the diff.
    const ancestors = [];
    const chain = await chainOf(store, found.manifest, ctx.logger, ancestors);
    await ctx.summary(renderSummary({
        mode: 'restore',
        ...snapshotFacts(r, store, inputs),
        fetchedBytes: r.fetchedBytes,
        reusedFiles: r.reusedFiles,
        reusedBytes: r.reusedBytes,
        restoredPaths: r.restoredPaths,
        diff: await restoredDiff(store, found.manifest, ancestors[0], ctx.logger),
        durationMs: r.durationMs,
        chain,
        note: fallback ? `Fell back: ${fallback}.` : undefined,
        searched: searchedOf(store),
    }));
}
async function actionVerify(inputs, store, ctx) {
    const out = outputs(ctx);
    const started = Date.now();
    const reports = await verifySeries(store, inputs.name, inputs.snapshot, {
        logger: ctx.logger,
        onProgress: ctx.onProgress,
        signing: inputs.signing,
    });
    if (reports.length === 0)
        throw new NotFoundError(`no snapshots of series ${inputs.name} in ${store.description}`, { hint: 'check name and backend' });
    const bad = reports.filter((r) => !r.ok);
    const newest = reports[reports.length - 1];
    out({ 'snapshot-id': newest.id, files: newest.files, bytes: newest.bytes, restored: false, matched: newest.id });
    await ctx.summary(renderSummary({
        mode: 'verify',
        series: inputs.name,
        store: store.description,
        snapshot: newest.id,
        files: newest.files,
        bytes: newest.bytes,
        durationMs: Date.now() - started,
        chain: [],
        note: `${reports.length - bad.length} of ${reports.length} snapshot(s) verified${bad.length ? `; failed: ${bad.map((b) => `\`${b.id}\` (${b.error?.code})`).join(', ')}` : ''}.`,
    }));
    if (bad.length > 0)
        throw new IntegrityError(`${bad.length} of ${reports.length} snapshot(s) of ${inputs.name} failed verification: ${bad.map((b) => `${b.id}: ${b.error?.message}`).join('; ')}`, { hint: 'take a new full backup (incremental: false); do not restore the failed snapshots' });
}
async function latestManifest(store, series, logger) {
    try {
        return await loadManifest(store, series, await resolveSnapshotId(store, series));
    }
    catch (err) {
        if (!isIndexVaultError(err, 'E_NOT_FOUND'))
            logger.warn(`could not read the newest snapshot of ${series} for the summary: ${err.message}`);
        return undefined;
    }
}
/** A snapshot's manifest for the summary; one that cannot be read costs only the diff and the chain. */
async function snapshotManifest(store, series, id, logger) {
    try {
        return await loadManifest(store, series, id);
    }
    catch (err) {
        if (!isIndexVaultError(err, 'E_NOT_FOUND'))
            logger.warn(`could not read snapshot ${id} of ${series} for the summary: ${err.message}`);
        return undefined;
    }
}
/** What the summary says of the snapshot a backup took or a restore restored, and where. */
function snapshotFacts(r, store, inputs) {
    return { series: r.series, store: store.description, target: inputs.path, snapshot: r.id, kind: r.kind, files: r.files, bytes: r.bytes };
}
/** The restored snapshot against its parent (or the snapshot before it), for the summary; a failure to read it costs only the diff. */
async function restoredDiff(store, manifest, parent, logger) {
    try {
        return compareManifests(parent ?? (await previousManifest(store, manifest)), manifest);
    }
    catch (err) {
        logger.debug(`no diff in the summary: ${err.message}`);
        return undefined;
    }
}
/** The snapshot and its ancestors back to the full one, newest first (for the summary). */
async function chainOf(store, manifest, logger, loaded = []) {
    const chain = [];
    let m = manifest;
    while (m && chain.length < 50) {
        chain.push({ id: m.id, kind: m.kind, files: m.totals.files, storedBytes: m.totals.storedBytes, createdAt: m.createdAt });
        if (!m.parent)
            break;
        try {
            m = await loadManifest(store, m.series, m.parent.id);
            loaded.push(m);
        }
        catch (err) {
            logger.debug(`chain stops at ${m.id}: ${err.message}`);
            m = undefined;
        }
    }
    return chain;
}
/** The miss in one line: the series, the store, and why (the missing pack and the snapshot that needs it). */
function missMessage(inputs, store, err) {
    const d = err.details;
    const base = `no ${inputs.snapshot ? `snapshot ${inputs.snapshot}` : 'restorable snapshot'} of series ${inputs.name} in ${store.description}`;
    if (err.details.skipped)
        return `${base}: ${err.message} (evicted from the cache, or expired artifacts)`;
    if (d.pack)
        return `${base}: snapshot ${d.id} needs pack ${d.pack} (written by ${d.origin}), which is gone (evicted from the cache, or its artifact expired)`;
    return base;
}
/** Runs a store searched beyond the current one (artifacts of earlier runs), for the summary. */
function searchedOf(store) {
    return store.searched?.();
}
