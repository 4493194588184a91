import fsSync, { constants as fsc } from 'node:fs';
import { hashFile } from '../../fs-safety/hash-file.js';
import { hasMode, permissionBits, restoreMode, STAGING_DIR_MODE } from '../../snapshot/entry-mode.js';
import { defaultCacheDir, recordRestoredFiles } from '../../fs-safety/hash-cache.js';
import { StampTable } from '../../fs-safety/stamp-table.js';
import { BUILT_IN_FORMATS, formatNamed } from '../../formats/registry.js';
import { rememberRestored } from './remember-restored.js';
import fs from 'node:fs/promises';
import path from 'node:path';
import { allPackExpectations, memberOf } from './expectations.js';
import { collisionError, IntegrityError, ioError, IoError, TargetNotEmptyError, ValidationError } from '../../shared/errors.js';
import { acquireOrUse } from '../../fs-safety/lock.js';
import { assertApart } from '../../fs-safety/placement.js';
import { onStop, uninterrupted } from '../../shared/interrupt.js';
import { silentLogger } from '../../shared/logger.js';
import { parseManifest, serializeManifest } from '../../snapshot/manifest.js';
import { LanePool } from '../../workers/lane-pool.js';
import { readPacksInLanes } from './pack-lanes.js';
import { entryLocation } from '../../workers/entry-location.js';
import { setModeAndTime } from '../../workers/restored-file.js';
import { assertPacksPresent, loadManifestHashed, packKey, resolveSnapshotId } from '../series.js';
import { recoverInterruptedRestore, removeTree, swapIntoPlace, stagingName } from '../../fs-safety/swap.js';
import { assertSeriesName, seriesNameFor } from '../../snapshot/snapshot-id.js';
import { assertSigned } from '../signatures.js';
import { selectSubtrees } from './subtree-selection.js';
import { checkSubtrees, swapSubtreesIntoPlace } from '../../fs-safety/subtree-swap.js';
const WRITE_FLAGS = fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL | (fsc.O_NOFOLLOW ?? 0);
/**
 * Makes `target` exactly the snapshot, or leaves it as it was. Everything is written into a
 * fresh staging directory beside the target and checked (every header against the manifest,
 * every file's sha256, every whole pack's digest) before one rename swaps it in.
 */
export async function restore(options) {
    const started = Date.now();
    const logger = options.logger ?? silentLogger;
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
    const parent = path.dirname(target);
    await fs.mkdir(parent, { recursive: true }).catch((err) => {
        throw ioError(err, 'cannot create', parent);
    });
    const releaseLock = await acquireOrUse(target, options.heldLock, { operation: 'restore', logger, waitMs: options.lockWaitMs });
    try {
        await recoverInterruptedRestore(target, logger);
        const id = options.manifest && !options.snapshot ? options.manifest.id : await resolveSnapshotId(options.store, series, options.snapshot);
        // A manifest handed in passes the same checks as one read from the store: the caller may have changed it since.
        // Read from the store, with the length and sha256 of its bytes: what a record of the snapshot binds.
        const loaded = options.manifest ? undefined : await loadManifestHashed(options.store, series, id);
        const manifest = loaded ? loaded.manifest : parseManifest(serializeManifest(options.manifest), `manifest of snapshot ${id}`);
        if (manifest.series !== series || manifest.id !== id) {
            throw new ValidationError(`the manifest given is that of ${manifest.series}/${manifest.id}, not of ${series}/${id}`);
        }
        await assertSigned(options.store, manifest, options.signing, logger);
        await assertPacksPresent(options.store, manifest);
        let selection = partial
            ? selectSubtrees(manifest, options.only ?? [], options.tables ?? [], formatNamed(manifest.source.format, options.formats))
            : undefined;
        if (selection?.roots.includes(''))
            selection = undefined;
        // A partial restore into a missing target builds just the selected subtrees and renames them in as the target.
        const existing = selection ? await targetIsDirectory(target) : await inspectTarget(target, options.force ?? false);
        if (selection && existing)
            await checkSubtrees(target, selection.roots, options.force ?? false);
        const entries = selection?.entries ?? manifest.entries;
        const restoredFiles = entries.filter((e) => e.type === 'file');
        const totals = selection ? countEntries(entries) : manifest.totals;
        const staging = path.join(parent, stagingName(target));
        // Only the owner can enter staging until it is complete: nothing in it is ever readable by others early.
        await fs.mkdir(staging, { mode: STAGING_DIR_MODE }).catch((err) => {
            throw ioError(err, 'cannot create staging directory', staging);
        });
        // Stopped by a signal: the staging directory goes, and the target stays as it was.
        const forgetStaging = onStop(() => removeTree(staging));
        try {
            const current = existing ? { root: target, replaced: selection ? selection.roots : [''] } : undefined;
            const stats = await materialize(manifest, entries, selection?.roots, staging, current, seeds, options, logger);
            const cacheFile = options.hashCache === false
                ? undefined
                : await recordRestoredFiles(target, staging, restoredFiles, logger, options.cacheDir ?? defaultCacheDir(), stats.stamps);
            if (selection && existing)
                await uninterrupted(() => swapSubtreesIntoPlace(staging, target, selection.roots, logger));
            else {
                await keepTargetMode(staging, existing ? target : undefined);
                await uninterrupted(() => swapIntoPlace(staging, target, existing, logger));
            }
            // The whole snapshot, as stored, is the target's tree now: remembered as a backup would remember it.
            if (cacheFile && loaded && !selection)
                await rememberRestored({
                    ...loaded,
                    target,
                    store: options.store,
                    cacheFile,
                    formats: options.formats ?? BUILT_IN_FORMATS,
                    logger,
                });
            // A partial swap moved the subtrees out of staging; what is left of it goes.
            if (selection && existing) {
                await removeTree(staging).catch((err) => logger.warn(`restored, but could not remove the staging directory ${staging}: ${err.message}`));
            }
            logger.info(`restored snapshot ${id} of ${series} into ${target}${selection ? ` (${selection.roots.length} selected path(s))` : ''}: ${totals.files} files (${stats.reusedFiles} reused)`);
            return {
                id,
                series,
                kind: manifest.kind,
                files: totals.files,
                dirs: totals.dirs,
                symlinks: totals.symlinks,
                bytes: totals.bytes,
                reusedFiles: stats.reusedFiles,
                reusedBytes: stats.reusedBytes,
                ...(selection ? { restoredPaths: selection.roots } : {}),
                fetchedBytes: stats.fetchedBytes,
                durationMs: Date.now() - started,
                manifest,
            };
        }
        catch (err) {
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
function countEntries(entries) {
    const totals = { files: 0, dirs: 0, symlinks: 0, bytes: 0 };
    for (const e of entries) {
        if (e.type === 'file') {
            totals.files++;
            totals.bytes += e.size;
        }
        else if (e.type === 'dir')
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
async function materialize(manifest, entries, roots, staging, current, seeds, options, logger) {
    const at = (rel) => entryLocation(staging, rel);
    const umask = process.umask();
    const modeOf = (e) => restoreMode(manifest, e, umask);
    // The directories above selected subtrees only hold them in staging; the target's own stay as they are.
    for (const root of roots ?? []) {
        if (root.includes('/'))
            await fs.mkdir(path.dirname(at(root)), { recursive: true }).catch((err) => {
                throw ioError(err, 'cannot create', path.dirname(at(root)));
            });
    }
    makeDirs(entries, at);
    const files = entries.filter((e) => e.type === 'file');
    const bytesTotal = files.reduce((n, f) => n + f.size, 0);
    await checkFreeSpace(staging, bytesTotal);
    let bytesDone = 0;
    let filesDone = 0;
    const progress = (n, f = 0) => {
        bytesDone += n;
        filesDone += f;
        options.onProgress?.({ phase: 'restore', bytesDone, bytesTotal, filesDone, filesTotal: files.length });
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
    const done = sources.length > 0 ? await reuseLocal(sources, files, at, modeOf, progress) : new Set();
    const reusedFiles = done.size;
    const reusedBytes = done.size === 0 ? 0 : files.reduce((n, f) => n + (done.has(f.path) ? f.size : 0), 0);
    const stamps = new TakenStamps();
    const { fetchedBytes, stretches, laneCount } = await fetchFromPacks(manifest, files, done, {
        staging,
        umask,
        modeOf,
        options,
        progress,
        onStamps: options.hashCache === false ? undefined : collectStamps(stamps),
    });
    await makeSymlinks(manifest, entries, at);
    // The index's own bookkeeping first, so a deep verification opens the index as it will be; a
    // partial restore keeps the target's own bookkeeping, which lies outside the selected paths.
    const format = formatNamed(manifest.source.format, options.formats);
    if (!roots)
        await format?.afterRestore?.(staging, manifest);
    if (options.deepVerify)
        await format?.deepVerify?.(staging, manifest);
    settleDirs(entries, at, modeOf);
    logger.debug(`materialized ${files.length} files (${reusedFiles} reused, ${fetchedBytes} compressed bytes fetched, ${stretches} stretches on ${laneCount} lanes)`);
    return { reusedFiles, reusedBytes, fetchedBytes, stamps };
}
/** The stamps the lanes took, by path: rows of one table, no object or BigInt per restored file. */
class TakenStamps {
    table = new StampTable();
    rows = new Map();
    /** The stamp at `from` of `values` (four numbers), for `rel`. */
    set(rel, values, from) {
        this.rows.set(rel, this.table.addFrom(values, from));
    }
    rowOf(rel) {
        return this.rows.get(rel);
    }
}
/** Keeps the stamps the lanes took (see LaneReply) that they could give. */
function collectStamps(into) {
    return (stamped, values) => {
        for (let j = 0; j < stamped.length; j++) {
            const k = 4 * j;
            if (values[k] < 0n)
                continue;
            into.set(stamped[j], values, k);
        }
    };
}
/**
 * Restores every file not `done` already from its pack, all packs through the same lanes, each
 * read whole or in the runs of frames holding wanted files; every wanted file must be found.
 */
async function fetchFromPacks(manifest, files, done, how) {
    const { staging, umask, modeOf, options, progress, onStamps } = how;
    const byPack = groupByMember(files, done);
    let fetchedBytes = 0;
    let stretches = 0;
    const lanes = new LanePool();
    // Every pack goes through the lanes, together, as one queue of stretches.
    const inLanes = [];
    const expectations = allPackExpectations(manifest);
    try {
        for (let i = 0; i < manifest.packs.length; i++) {
            const pack = manifest.packs[i];
            const members = byPack.get(i);
            if (!members)
                continue;
            const expected = expectations(i);
            const key = packKey(manifest.series, pack.name);
            // Most of the pack needed: read it whole; otherwise only the runs of frames that hold wanted files.
            let wantedBytes = 0;
            for (const feeds of members.values())
                wantedBytes += firstOf(feeds).loc.length;
            const whole = wantedBytes >= pack.size / 2;
            const runs = whole ? undefined : coalesce([...members.values()].map(firstOf));
            const strict = whole && pack.origin === manifest.id;
            const dest = (f) => ({ rel: f.path, mode: modeOf(f), mtimeMs: f.mtimeMs });
            const dests = (member) => {
                const feeds = members.get(member);
                return feeds === undefined ? undefined : Array.isArray(feeds) ? feeds.map(dest) : [dest(feeds)];
            };
            inLanes.push({
                store: options.store,
                key,
                pack,
                expected,
                strict,
                dests,
                runs,
                lanes,
                writeFlags: WRITE_FLAGS,
                root: staging,
                umask,
                onStamps,
                // What is written is crossed off: whatever is left at the end was not found.
                onWritten: (member) => members.delete(member),
                segmentBytes: options.segmentBytes,
                onBytes: (n) => progress(n),
                onFiles: (n) => progress(0, n),
            });
        }
        const results = await readPacksInLanes(inLanes);
        results.forEach((r) => {
            fetchedBytes += r.fetched;
            stretches += r.segments;
        });
    }
    finally {
        // Stops every lane before a failed restore removes its staging directory.
        await lanes.close();
    }
    let left = 0;
    for (const members of byPack.values())
        left += members.size;
    if (left > 0) {
        const missing = files.find((f) => !done.has(f.path) && byPack.get(f.loc.pack).has(memberOf(f))).path;
        throw new IntegrityError(`${left} file(s) were not found in their packs, e.g. ${missing}`, {
            hint: 'the store is damaged; verify its snapshots to see which are sound',
            details: { remedy: 'verify' },
        });
    }
    return { fetchedBytes, stretches, laneCount: lanes.size };
}
/** Synchronous: nothing else runs meanwhile, and one call a directory beats a round trip through the thread pool. */
function makeDirs(entries, at) {
    for (const e of entries) {
        if (e.type === 'dir') {
            // Owner-only while files are written into it; its recorded mode comes after its contents.
            try {
                fsSync.mkdirSync(at(e.path), { mode: STAGING_DIR_MODE });
            }
            catch (err) {
                throw collisionError(err, e.path) ?? ioError(err, 'cannot create', at(e.path));
            }
        }
    }
}
/**
 * Files already in the target (or a seed) with the right content (at the same path, or
 * elsewhere, as after a rename) are linked or copied instead of fetched and decompressed: the
 * paths so provided. The target is searched first, then each seed in order.
 */
async function reuseLocal(sources, files, at, modeOf, progress) {
    const done = new Set();
    const locals = await Promise.all(sources.map((s) => LocalContent.index(s.root, s.mayLink)));
    for (const f of files) {
        let provided = false;
        for (const local of locals)
            if (!provided)
                provided = await local.provide(f, modeOf(f), at(f.path));
        if (provided) {
            done.add(f.path);
            progress(f.size, 1);
        }
    }
    return done;
}
const firstOf = (feeds) => (Array.isArray(feeds) ? feeds[0] : feeds);
/** Which entries each member feeds, by pack index, then member. */
function groupByMember(files, done) {
    const byPack = new Map();
    for (const f of files) {
        if (done.size > 0 && done.has(f.path))
            continue;
        let members = byPack.get(f.loc.pack);
        if (!members)
            byPack.set(f.loc.pack, (members = new Map()));
        const member = memberOf(f);
        const feeds = members.get(member);
        if (feeds === undefined)
            members.set(member, f);
        else if (Array.isArray(feeds))
            feeds.push(f);
        else
            members.set(member, [feeds, f]);
    }
    return byPack;
}
async function makeSymlinks(manifest, entries, at) {
    // One map, not a search of every entry per link: a tree of many links stays linear (and one without links builds none).
    let typeOf;
    for (const e of entries) {
        if (e.type !== 'symlink')
            continue;
        typeOf ??= new Map(manifest.entries.map((x) => [x.path, x.type]));
        const targetEntry = { type: typeOf.get(path.posix.join(path.posix.dirname(e.path), e.target)) };
        await fs.symlink(e.target, at(e.path), targetEntry?.type === 'dir' ? 'dir' : 'file').catch((err) => {
            const hint = process.platform === 'win32' ? 'creating symlinks on Windows needs Developer Mode or the SeCreateSymbolicLinkPrivilege' : undefined;
            throw collisionError(err, e.path) ?? Object.assign(ioError(err, 'cannot create symlink', at(e.path)), hint ? { hint } : {});
        });
        await fs.lutimes(at(e.path), e.mtimeMs / 1000, e.mtimeMs / 1000).catch(() => { });
    }
}
/**
 * Directory modes and times last, deepest first, since creating children changes the times
 * and a recorded mode may forbid the writes. Windows directories have no mode to set (the
 * read-only attribute means something else for them).
 */
function settleDirs(entries, at, modeOf) {
    for (let j = entries.length - 1; j >= 0; j--) {
        const e = entries[j];
        if (e.type !== 'dir')
            continue;
        const dir = at(e.path);
        if (process.platform !== 'win32') {
            try {
                fsSync.chmodSync(dir, modeOf(e));
            }
            catch (err) {
                throw ioError(err, 'cannot set the mode of', dir);
            }
        }
        try {
            fsSync.utimesSync(dir, e.mtimeMs / 1000, e.mtimeMs / 1000);
        }
        catch {
            // a time that cannot be set is not worth failing the restore for
        }
    }
}
/** Groups members whose frame ranges touch into single ranged reads. */
function coalesce(members) {
    const sorted = [...members].sort((a, b) => a.loc.raw - b.loc.raw);
    const runs = [];
    for (const m of sorted) {
        const last = runs[runs.length - 1];
        const end = m.loc.offset + m.loc.length;
        if (last && m.loc.offset <= last.offset + last.length) {
            last.length = Math.max(last.length, end - last.offset);
            last.windows.push([m.loc.raw, m.loc.raw + m.loc.span]);
        }
        else {
            runs.push({
                offset: m.loc.offset,
                length: m.loc.length,
                base: m.loc.raw - m.loc.skip,
                windows: [[m.loc.raw, m.loc.raw + m.loc.span]],
            });
        }
    }
    return runs;
}
/**
 * The files of the current target, found by content: same path first, then any file of the same
 * size. Each candidate is hashed at most once.
 */
class LocalContent {
    root;
    mayLink;
    bySize = new Map();
    hashes = new Map();
    constructor(root, mayLink) {
        this.root = root;
        this.mayLink = mayLink;
    }
    /** Only regular files are candidates: a symlink (in a seed, say) is never followed. */
    static async index(root, mayLink) {
        const lc = new LocalContent(root, mayLink);
        const walk = async (dir, rel) => {
            const names = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
            for (const d of names) {
                const r = rel ? `${rel}/${d.name}` : d.name;
                if (d.isDirectory())
                    await walk(path.join(dir, d.name), r);
                else if (d.isFile()) {
                    const st = await fs.lstat(path.join(dir, d.name)).catch(() => undefined);
                    if (!st)
                        continue;
                    const list = lc.bySize.get(st.size);
                    if (list)
                        list.push(r);
                    else
                        lc.bySize.set(st.size, [r]);
                }
            }
        };
        await walk(root, '');
        return lc;
    }
    async hashOf(rel) {
        let h = this.hashes.get(rel);
        if (h === undefined) {
            h = await hashFile(path.join(this.root, ...rel.split('/'))).then((r) => r.sha256, () => null);
            this.hashes.set(rel, h);
        }
        return h;
    }
    async provide(f, mode, dest) {
        const candidates = this.bySize.get(f.size) ?? [];
        const ordered = candidates.includes(f.path) ? [f.path, ...candidates.filter((c) => c !== f.path)] : candidates;
        for (const rel of ordered) {
            if ((await this.hashOf(rel)) === f.sha256)
                return placeLocal(path.join(this.root, ...rel.split('/')), dest, f, mode, this.mayLink(rel));
        }
        return false;
    }
}
/** Links (when nothing about the inode must change and `mayLink`) or copies a matching local file into staging. */
async function placeLocal(source, dest, f, mode, mayLink) {
    let st;
    try {
        st = await fs.lstat(source);
    }
    catch {
        return false;
    }
    const sameMeta = Math.floor(st.mtimeMs) === f.mtimeMs && hasMode(st.mode, mode);
    try {
        // A hard link is free and leaves the old tree intact if the restore fails; a copy is needed
        // when the mode or time differ, since changing them would change the old tree's file too.
        // Windows deletes a read-only file by clearing the attribute first: removing the old tree would
        // then make a linked read-only file writable, so those are copied there.
        const linkable = mayLink && sameMeta && st.nlink === 1 && !(process.platform === 'win32' && (mode & 0o200) === 0);
        if (linkable)
            await fs.link(source, dest);
        else {
            await fs.copyFile(source, dest, fsc.COPYFILE_EXCL | fsc.COPYFILE_FICLONE);
            setModeAndTime(dest, mode, f.mtimeMs);
        }
    }
    catch (err) {
        await fs.rm(dest, { force: true }).catch(() => { });
        if (err.code === 'EEXIST')
            throw collisionError(err, f.path);
        return false;
    }
    return true;
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
