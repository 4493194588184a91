import fsSync, { constants as fsc } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { restoreMode, permissionBits, STAGING_DIR_MODE } from '../../snapshot/entry-mode.js';
import { defaultCacheDir, recordRestoredFiles, usableCacheFile } from '../../fs-safety/hash-cache.js';
import { BUILT_IN_FORMATS, formatNamed } from '../../formats/registry.js';
import { prepareRemembered } from './remember-restored.js';
import { collisionError, ioError, IoError, TargetNotEmptyError, ValidationError } from '../../shared/errors.js';
import { acquireOrUse } from '../../fs-safety/lock.js';
import { assertApart } from '../../fs-safety/placement.js';
import { onStop, uninterrupted } from '../../shared/interrupt.js';
import { silentLogger } from '../../shared/logger.js';
import { parseManifest, serializeManifest } from '../../snapshot/manifest.js';
import { EntryTable, manifestOf } from '../../snapshot/entry-table.js';
import { entryLocation } from '../../workers/entry-location.js';
import { assertPacksPresent, loadManifestHeadHashed, resolveSnapshotId } from '../series.js';
import { recoverInterruptedRestore, removeTree, swapIntoPlace, stagingName } from '../../fs-safety/swap.js';
import { assertSeriesName, seriesNameFor } from '../../snapshot/snapshot-id.js';
import { assertSigned } from '../signatures.js';
import { selectSubtrees } from './subtree-selection.js';
import { checkSubtrees, swapSubtreesIntoPlace } from '../../fs-safety/subtree-swap.js';
import { fetchFromPacks } from './fetch-packs.js';
import { reuseLocal } from './local-reuse.js';
const WRITE_FLAGS = fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL | (fsc.O_NOFOLLOW ?? 0);
/**
 * Makes `target` exactly the snapshot, or leaves it as it was. Everything is written into a
 * fresh staging directory beside the target and checked (every header against the manifest,
 * every file's sha256, every frame's checksum; the pack digest is verify's) before one rename swaps it in.
 */
export async function restore(options) {
    const started = Date.now();
    const logger = options.logger ?? silentLogger;
    const { target, series, seeds, partial } = await checkRequest(options, logger);
    const parent = path.dirname(target);
    await fs.mkdir(parent, { recursive: true }).catch((err) => {
        throw ioError(err, 'cannot create', parent);
    });
    const releaseLock = await acquireOrUse(target, options.heldLock, { operation: 'restore', logger, waitMs: options.lockWaitMs });
    try {
        await recoverInterruptedRestore(target, logger);
        const id = options.manifest && !options.snapshot ? options.manifest.id : await resolveSnapshotId(options.store, series, options.snapshot);
        const { head, table, stored } = await readSnapshot(options, series, id);
        // The entries are objects only if asked for (a format's hook, a caller of the result).
        const manifest = manifestOf(head, table);
        await assertSigned(options.store, head, options.signing, logger);
        await assertPacksPresent(options.store, head);
        let selection = partial
            ? selectSubtrees(manifest, table, options.only ?? [], options.tables ?? [], formatNamed(head.source.format, options.formats))
            : undefined;
        if (selection?.roots.includes(''))
            selection = undefined;
        // A partial restore into a missing target builds just the selected subtrees and renames them in as the target.
        const existing = selection ? await targetIsDirectory(target) : await inspectTarget(target, options.force ?? false);
        if (selection && existing)
            await checkSubtrees(target, selection.roots, options.force ?? false);
        const rows = selection?.rows ?? allRows(table.length);
        const fileRows = rowsWhere(rows, (r) => table.isFile(r));
        const totals = selection ? countRows(table, rows) : head.totals;
        const staging = path.join(parent, stagingName(target));
        // Only the owner can enter staging until it is complete: nothing in it is ever readable by others early.
        await fs.mkdir(staging, { mode: STAGING_DIR_MODE }).catch((err) => {
            throw ioError(err, 'cannot create staging directory', staging);
        });
        // Stopped by a signal: the staging directory goes, and the target stays as it was.
        const forgetStaging = onStop(() => removeTree(staging));
        let remembered;
        try {
            const current = existing ? { root: target, replaced: selection ? selection.roots : [''] } : undefined;
            const stats = await materialize(manifest, table, rows, fileRows, selection?.roots, staging, current, seeds, options, logger);
            const cacheDir = options.hashCache === false ? undefined : (options.cacheDir ?? defaultCacheDir());
            // The whole snapshot, as stored, becomes the target's tree: what a backup would remember of it
            // is made now, while the newest files written become old enough for the hash cache to trust.
            const rememberIn = stored && !selection ? usableCacheFile(target, cacheDir) : undefined;
            if (stored && rememberIn !== undefined) {
                remembered = await prepareRemembered({
                    head,
                    entries: table,
                    stored,
                    placesChecked: stats.reusedFiles === 0,
                    target,
                    store: options.store,
                    cacheFile: rememberIn,
                    formats: options.formats ?? BUILT_IN_FORMATS,
                    logger,
                });
            }
            const cacheFile = options.hashCache === false
                ? undefined
                : await recordRestoredFiles(target, staging, restoredFiles(table, fileRows, stats), logger, cacheDir);
            if (selection && existing)
                await uninterrupted(() => swapSubtreesIntoPlace(staging, target, selection.roots, logger));
            else {
                await keepTargetMode(staging, existing ? target : undefined);
                await uninterrupted(() => swapIntoPlace(staging, target, existing, logger));
            }
            // Kept beside the files it was made for: only where they were recorded.
            if (remembered && cacheFile === remembered.cacheFile)
                await remembered.keep();
            else
                await remembered?.drop();
            remembered = undefined;
            // A partial swap moved the subtrees out of staging; what is left of it goes.
            if (selection && existing) {
                await removeTree(staging).catch((err) => logger.warn(`restored, but could not remove the staging directory ${staging}: ${err.message}`));
            }
            logger.info(`restored snapshot ${id} of ${series} into ${target}${selection ? ` (${selection.roots.length} selected path(s))` : ''}: ${totals.files} files (${stats.reusedFiles} reused)`);
            return {
                id,
                series,
                kind: head.kind,
                files: totals.files,
                dirs: totals.dirs,
                symlinks: totals.symlinks,
                bytes: totals.bytes,
                reusedFiles: stats.reusedFiles,
                reusedBytes: stats.reusedBytes,
                ...(selection ? { restoredPaths: selection.roots } : {}),
                fetchedBytes: stats.fetchedBytes,
                durationMs: Date.now() - started,
                // Made into objects only if read (a caller that prints the counts never makes them).
                get manifest() {
                    return manifest;
                },
            };
        }
        catch (err) {
            await remembered?.drop();
            await removeTree(staging).catch(() => { });
            throw err;
        }
        finally {
            forgetStaging();
        }
    }
    finally {
        await releaseLock();
    }
}
/** What a restore is asked to do, refused before anything is touched when it cannot be done. */
async function checkRequest(options, logger) {
    const target = path.resolve(options.target);
    if (path.dirname(target) === target)
        throw new ValidationError('cannot restore onto a filesystem root', { hint: 'name a directory to restore into' });
    const series = assertSeriesName(options.series ?? seriesNameFor(path.basename(target)));
    if (options.store.localRoot !== undefined)
        assertApart({ path: target, role: 'the target directory' }, { path: options.store.localRoot, role: 'the store' });
    const seeds = await usableSeeds(options.seeds ?? [], target, options.store, logger);
    const partial = (options.only?.length ?? 0) + (options.tables?.length ?? 0) > 0;
    if (partial && options.deepVerify) {
        throw new ValidationError('a deep verification cannot be combined with a partial restore', {
            hint: 'it opens the whole index, of which only a part would be restored; restore the whole snapshot to deep-verify it',
        });
    }
    return { target, series, seeds, partial };
}
/**
 * The snapshot's manifest, its entries as columns (a million files take no object each): read from
 * the store, with the length and sha256 of its bytes (what a record of the snapshot binds), or the
 * one handed in, which passes the same checks (the caller may have changed it since).
 */
async function readSnapshot(options, series, id) {
    const table = new EntryTable();
    let head;
    let stored;
    if (options.manifest) {
        const { entries, ...rest } = parseManifest(serializeManifest(options.manifest), `manifest of snapshot ${id}`);
        head = rest;
        for (const e of entries)
            table.entry(e);
    }
    else {
        const loaded = await loadManifestHeadHashed(options.store, series, id, { hash: true, sink: table });
        head = loaded.head;
        stored = { size: loaded.size, sha256: loaded.sha256 };
    }
    if (head.series !== series || head.id !== id) {
        throw new ValidationError(`the manifest given is that of ${head.series}/${head.id}, not of ${series}/${id}`);
    }
    // Held until the restore ends: no room left over from growing it.
    table.trim();
    return { head, table, stored };
}
/** Whether the target exists as a directory (a partial restore keeps all else of it); anything else there is refused. */
async function targetIsDirectory(target) {
    const st = await fs.lstat(target).catch((err) => {
        if (err.code === 'ENOENT')
            return undefined;
        throw ioError(err, 'cannot inspect', target);
    });
    if (st && !st.isDirectory())
        throw new ValidationError(`${target} exists and is not a directory`, { hint: 'remove it or restore somewhere else' });
    return st !== undefined;
}
/** The files written, by their rows, with the stamps their writers took. */
function restoredFiles(table, fileRows, taken) {
    const { stamps, stampRows } = taken;
    return {
        count: fileRows.length,
        path: (k) => table.path(fileRows[k]),
        sha256: (k) => table.sha256(fileRows[k]),
        stamps,
        stampRow: (k) => (stampRows ? stampRows[fileRows[k]] : -1),
    };
}
/** Rows 0 … n-1. */
function allRows(n) {
    const rows = new Int32Array(n);
    for (let r = 0; r < n; r++)
        rows[r] = r;
    return rows;
}
function rowsWhere(rows, keep) {
    let n = 0;
    for (const r of rows)
        if (keep(r))
            n++;
    const out = new Int32Array(n);
    n = 0;
    for (const r of rows)
        if (keep(r))
            out[n++] = r;
    return out;
}
function countRows(table, rows) {
    const totals = { files: 0, dirs: 0, symlinks: 0, bytes: 0 };
    for (const r of rows) {
        const type = table.type(r);
        if (type === 'file') {
            totals.files++;
            totals.bytes += table.size(r);
        }
        else if (type === 'dir')
            totals.dirs++;
        else
            totals.symlinks++;
    }
    return totals;
}
/**
 * The seed directories that exist, each checked apart from the target and the store (one rule:
 * placement.ts), since a seed inside the target is replaced as it is read; a missing seed is only a warning.
 */
async function usableSeeds(seeds, target, store, logger) {
    const usable = [];
    for (const seed of seeds) {
        const dir = path.resolve(seed);
        assertApart({ path: target, role: 'the target directory' }, { path: dir, role: 'a seed directory' });
        if (store.localRoot !== undefined)
            assertApart({ path: store.localRoot, role: 'the store' }, { path: dir, role: 'a seed directory' });
        const st = await fs.stat(dir).catch(() => undefined);
        if (!st?.isDirectory()) {
            logger.warn(`seed ${dir} is not a directory; restoring without it`);
            continue;
        }
        usable.push(dir);
    }
    return usable;
}
/** Says whether the target exists (as a directory), and refuses what must not be replaced. */
async function inspectTarget(target, force) {
    let st;
    try {
        st = await fs.lstat(target);
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return false;
        throw ioError(err, 'cannot inspect', target);
    }
    if (!st.isDirectory()) {
        throw new ValidationError(`${target} exists and is not a directory`, { hint: 'remove it or restore somewhere else' });
    }
    const names = await fs.readdir(target).catch((err) => {
        throw ioError(err, 'cannot list', target);
    });
    if (names.length > 0 && !force) {
        throw new TargetNotEmptyError(`${target} is not empty; restoring would replace its ${names.length} entries`, {
            hint: 'allow the restore to replace it with the snapshot (files not in the snapshot are removed), or restore into an empty directory',
            details: { remedy: 'force' },
        });
    }
    return true;
}
/**
 * The target directory itself is not in the snapshot: it keeps the mode it had, and a new one
 * gets what the umask gives a new directory.
 */
async function keepTargetMode(staging, current) {
    if (process.platform === 'win32')
        return;
    const st = current
        ? await fs.stat(current).catch((err) => {
            throw ioError(err, 'cannot inspect', current);
        })
        : undefined;
    await fs.chmod(staging, st ? permissionBits(st.mode) : 0o777 & ~process.umask()).catch((err) => {
        throw ioError(err, 'cannot set the mode of', staging);
    });
}
async function materialize(manifest, table, rows, fileRows, roots, staging, current, seeds, options, logger) {
    const at = (rel) => entryLocation(staging, rel);
    const umask = process.umask();
    const modeOf = (r) => {
        const mode = table.mode(r);
        const e = table.isFile(r) ? { type: 'file', exec: table.exec(r), mode } : { type: 'dir', mode };
        return restoreMode(manifest, e, umask);
    };
    // The directories above selected subtrees only hold them in staging; the target's own stay as they are.
    for (const root of roots ?? []) {
        if (root.includes('/'))
            await fs.mkdir(path.dirname(at(root)), { recursive: true }).catch((err) => {
                throw ioError(err, 'cannot create', path.dirname(at(root)));
            });
    }
    makeDirs(table, rows, at);
    let bytesTotal = 0;
    for (const r of fileRows)
        bytesTotal += table.size(r);
    await checkFreeSpace(staging, bytesTotal);
    let bytesDone = 0;
    let filesDone = 0;
    const progress = (n, f = 0) => {
        bytesDone += n;
        filesDone += f;
        options.onProgress?.({ phase: 'restore', bytesDone, bytesTotal, filesDone, filesTotal: fileRows.length });
    };
    const sources = [];
    if (current && options.reuse !== false) {
        // A file of the target may be linked only where the restore replaces it: elsewhere it stays, and a link would tie the two.
        const replaced = current.replaced;
        sources.push({ root: current.root, mayLink: (rel) => replaced.some((r) => r === '' || rel === r || rel.startsWith(`${r}/`)) });
    }
    // A seed is never linked: later writes to the restored file must not change it.
    for (const seed of seeds)
        sources.push({ root: seed, mayLink: () => false });
    const reused = sources.length > 0
        ? await reuseLocal(sources, table, fileRows, at, modeOf, progress)
        : { done: new Uint8Array(fileRows.length), count: 0, bytes: 0 };
    const fetched = await fetchFromPacks(manifest, table, fileRows, reused.done, {
        store: options.store,
        staging,
        umask,
        writeFlags: WRITE_FLAGS,
        modeOf,
        segmentBytes: options.segmentBytes,
        progress,
        stamps: options.hashCache !== false,
    });
    await makeSymlinks(table, rows, at);
    // The index's own bookkeeping first, so a deep verification opens the index as it will be; a
    // partial restore keeps the target's own bookkeeping, which lies outside the selected paths.
    const format = formatNamed(manifest.source.format, options.formats);
    if (!roots)
        await format?.afterRestore?.(staging, manifest);
    if (options.deepVerify)
        await format?.deepVerify?.(staging, manifest);
    settleDirs(table, rows, at, modeOf);
    logger.debug(`materialized ${fileRows.length} files (${reused.count} reused, ${fetched.fetchedBytes} compressed bytes fetched, ${fetched.stretches} stretches on ${fetched.laneCount} lanes)`);
    return {
        reusedFiles: reused.count,
        reusedBytes: reused.bytes,
        fetchedBytes: fetched.fetchedBytes,
        stamps: fetched.stamps,
        stampRows: fetched.stampRows,
    };
}
/** Synchronous: nothing else runs meanwhile, and one call a directory beats a round trip through the thread pool. */
function makeDirs(table, rows, at) {
    for (const r of rows) {
        if (table.type(r) !== 'dir')
            continue;
        const rel = table.path(r);
        // Owner-only while files are written into it; its recorded mode comes after its contents.
        try {
            fsSync.mkdirSync(at(rel), { mode: STAGING_DIR_MODE });
        }
        catch (err) {
            throw collisionError(err, rel) ?? ioError(err, 'cannot create', at(rel));
        }
    }
}
async function makeSymlinks(table, rows, at) {
    // The snapshot's directories, gathered at the first link: a tree of many links stays linear, and one without links gathers none.
    let dirs;
    for (const r of rows) {
        if (table.type(r) !== 'symlink')
            continue;
        if (dirs === undefined) {
            dirs = new Set();
            for (let d = 0; d < table.length; d++)
                if (table.type(d) === 'dir')
                    dirs.add(table.path(d));
        }
        const rel = table.path(r);
        const target = table.target(r);
        const toDir = dirs.has(path.posix.join(path.posix.dirname(rel), target));
        await fs.symlink(target, at(rel), toDir ? 'dir' : 'file').catch((err) => {
            const hint = process.platform === 'win32' ? 'creating symlinks on Windows needs Developer Mode or the SeCreateSymbolicLinkPrivilege' : undefined;
            throw collisionError(err, rel) ?? Object.assign(ioError(err, 'cannot create symlink', at(rel)), hint ? { hint } : {});
        });
        const t = table.mtimeMs(r) / 1000;
        await fs.lutimes(at(rel), t, t).catch(() => { });
    }
}
/**
 * Directory modes and times last, deepest first, since creating children changes the times
 * and a recorded mode may forbid the writes. Windows directories have no mode to set (the
 * read-only attribute means something else for them).
 */
function settleDirs(table, rows, at, modeOf) {
    for (let j = rows.length - 1; j >= 0; j--) {
        const r = rows[j];
        if (table.type(r) !== 'dir')
            continue;
        const dir = at(table.path(r));
        if (process.platform !== 'win32') {
            try {
                fsSync.chmodSync(dir, modeOf(r));
            }
            catch (err) {
                throw ioError(err, 'cannot set the mode of', dir);
            }
        }
        const t = table.mtimeMs(r) / 1000;
        try {
            fsSync.utimesSync(dir, t, t);
        }
        catch {
            // a time that cannot be set is not worth failing the restore for
        }
    }
}
async function checkFreeSpace(dir, bytes) {
    let st;
    try {
        st = await fs.statfs(dir);
    }
    catch {
        return; // not every filesystem answers; the writes will report ENOSPC themselves
    }
    const free = Number(st.bavail) * Number(st.bsize);
    if (bytes > free) {
        throw new IoError(`restoring needs ${bytes} bytes but only ${free} are free on the filesystem of ${dir}`, {
            hint: 'free disk space or restore onto another filesystem',
            details: { needed: bytes, free },
        });
    }
}
