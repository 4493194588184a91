import { SIGNING_OPTIONS } from './signing.js';
import { cacheDirFromEnv } from '../fs-safety/hash-cache.js';
import path from 'node:path';
import { restore } from '../engine/restore/restore.js';
import { resolveSeries } from '../engine/series.js';
import { seriesNameFor } from '../snapshot/snapshot-id.js';
import { formatBytes, formatDuration } from '../shared/units.js';
import { COMMON } from './command.js';
import { plural } from './plural.js';
import { ValidationError } from '../shared/errors.js';
import { withStore } from './with-store.js';
export const restoreCommand = {
    usage: 'index-vault restore <dir> --store <dir> [--name N] [--snapshot ID] [--only PATH|GLOB]... [--table NAME]... [--seed DIR]... [--force] [--deep-verify] [--no-reuse] [--no-hash-cache] [--wait SECONDS] [--signing-key [ID:]SECRET] [--allow-unsigned] [--json]',
    about: 'Make a directory exactly a stored snapshot (the newest by default), or leave it as it was.',
    options: {
        ...COMMON,
        snapshot: { type: 'string' },
        force: { type: 'boolean', short: 'f' },
        'deep-verify': { type: 'boolean' },
        'no-reuse': { type: 'boolean' },
        'no-hash-cache': { type: 'boolean' },
        only: { type: 'string', multiple: true },
        table: { type: 'string', multiple: true },
        seed: { type: 'string', multiple: true },
        wait: { type: 'string' },
        ...SIGNING_OPTIONS,
    },
    positionals: 1,
    run: (inv) => withStore(inv, runRestore, false, true),
};
async function runRestore(inv) {
    const { values, positionals, io, store, name, snapshot, waitMs, signing, logger, progress, out } = inv;
    const dir = positionals[0];
    const result = await restore({
        target: dir,
        store,
        series: await restoreSeries(store, values, name, snapshot, seriesNameFor(path.basename(path.resolve(dir)))),
        snapshot,
        force: values.force === true,
        deepVerify: values['deep-verify'] === true,
        reuse: values['no-reuse'] !== true,
        only: list(values, 'only'),
        tables: list(values, 'table'),
        seeds: list(values, 'seed'),
        hashCache: values['no-hash-cache'] !== true,
        cacheDir: cacheDirFromEnv(io.env),
        lockWaitMs: waitMs,
        signing,
        logger,
        onProgress: progress?.report,
    });
    progress?.done(true);
    out({ ok: true, ...withoutManifest(result) }, `restored snapshot ${result.id} of ${result.series} into ${path.resolve(dir)}: ${plural(result.files, 'file')}, ${formatBytes(result.bytes)}` +
        `${result.restoredPaths ? ` in ${plural(result.restoredPaths.length, 'selected path')}` : ''}` +
        `${result.reusedFiles ? ` (${plural(result.reusedFiles, 'file')}, ${formatBytes(result.reusedBytes)} reused; ${formatBytes(result.fetchedBytes)} fetched)` : ''} in ${formatDuration(result.durationMs)}`);
    return 0;
}
/** A repeatable option's values; an empty one is refused rather than read as "everything". */
function list(values, flag) {
    const given = values[flag];
    if (given?.some((v) => v.trim() === ''))
        throw new ValidationError(`--${flag} is empty`, { hint: `give --${flag} a value, or leave it out` });
    return given;
}
/**
 * GitHub's cache and artifact backends find objects by key prefix and cannot list a store whole,
 * so there the series is --name or the directory's; elsewhere it is resolved from the store.
 */
async function restoreSeries(store, values, name, snapshot, fromTarget) {
    if (values.backend === 'cache' || values.backend === 'artifact')
        return name ?? fromTarget;
    return resolveSeries(store, { name, snapshot, fromTarget });
}
/** A result as the CLI prints it in --json: the manifest is what `list` and the store show, not a restore's report. */
function withoutManifest(result) {
    const { manifest: _manifest, ...rest } = result;
    return rest;
}
