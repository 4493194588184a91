import fs from 'node:fs/promises';
import path from 'node:path';
import { backup } from '../engine/backup/backup.js';
import { ioError, ValidationError } from '../shared/errors.js';
import { resolvedPath } from '../fs-safety/real-path.js';
import { restore } from '../engine/restore/restore.js';
import { LocalStore } from '../storage/local-store.js';
import { backupFile, checkFileState, restoreFile } from './single-file.js';
const SERIES = 'target';
const FILE_COPY = 'file';
function storeOf(ctx) {
    return new LocalStore(path.join(ctx.dir, 'store'));
}
/**
 * What the backup guards: the target with its symlinks followed, so a link to a directory or
 * file guards what it points to and the link itself is left alone. A state records the path it
 * resolved to, and a rollback refuses to write anywhere else.
 */
function guardedPath(ctx, state) {
    const real = resolvedPath(ctx.target);
    if (state && typeof state.resolved === 'string' && state.resolved !== real) {
        throw new ValidationError(`${ctx.target} now leads to ${real}, not to ${state.resolved} as when the backup was taken`, {
            hint: `point it back at ${state.resolved}, then restore the backup`,
        });
    }
    return real;
}
/**
 * A directory as a complete snapshot in the core format, in a local store inside the backup; a
 * single file as a byte-for-byte copy with its digest and mode. Every file of a directory is kept
 * (format `dir`): a rollback must give back the directory exactly, old table versions and all,
 * not only what an index needs to open. Only a target that does not exist is recorded as absent.
 */
export const directoryCopy = {
    checkState(s) {
        if (typeof s.absent !== 'boolean')
            return 'the state says neither present nor absent';
        if (s.resolved !== undefined && typeof s.resolved !== 'string')
            return 'the state has an invalid resolved path';
        if (s.absent)
            return undefined;
        if (s.kind === 'file')
            return checkFileState(s);
        if (s.kind !== undefined && s.kind !== 'dir')
            return `the state has an unknown kind ${JSON.stringify(s.kind)}`;
        return typeof s.snapshot === 'string' && s.snapshot !== '' ? undefined : 'the state names no snapshot';
    },
    async create(ctx) {
        const real = guardedPath(ctx);
        let st;
        try {
            st = await fs.lstat(real);
        }
        catch (err) {
            if (err.code !== 'ENOENT')
                throw ioError(err, 'cannot inspect', real);
        }
        // A target the operation is about to create is rolled back by removing it.
        if (!st)
            return { absent: true, resolved: real };
        if (st.isFile())
            return { absent: false, resolved: real, kind: 'file', ...(await backupFile(real, path.join(ctx.dir, FILE_COPY))) };
        if (!st.isDirectory()) {
            throw new ValidationError(`${ctx.target} is neither a directory nor a regular file`, {
                hint: 'guard the directory or file that holds the data',
            });
        }
        const result = await backup({
            source: real,
            store: storeOf(ctx),
            series: SERIES,
            mode: 'full',
            format: 'dir',
            portability: 'off',
            heldLock: ctx.heldLock,
            cacheDir: ctx.cacheDir,
            logger: ctx.logger,
        });
        return { absent: false, resolved: real, kind: 'dir', snapshot: result.id, files: result.files, bytes: result.bytes };
    },
    async restore(ctx, state) {
        const real = guardedPath(ctx, state);
        if (state.absent === true) {
            await removeAside(real);
            return;
        }
        if (state.kind === 'file') {
            await restoreFile(path.join(ctx.dir, FILE_COPY), real, state);
            return;
        }
        // A file or link the operation left where the directory was is moved aside, and put back if the restore fails.
        const now = await fs.lstat(real).catch(() => undefined);
        const aside = now && !now.isDirectory() ? `${real}.index-vault-discard-${process.pid}` : undefined;
        if (aside)
            await fs.rename(real, aside).catch((err) => Promise.reject(ioError(err, 'cannot move aside', real)));
        try {
            // Unchanged files are linked from the current tree, so a rollback costs what the operation changed.
            await restore({
                target: real,
                store: storeOf(ctx),
                series: SERIES,
                snapshot: String(state.snapshot),
                force: true,
                heldLock: ctx.heldLock,
                cacheDir: ctx.cacheDir,
                logger: ctx.logger,
            });
        }
        catch (err) {
            if (aside)
                await fs.rename(aside, real).catch(() => { });
            throw err;
        }
        if (aside)
            await fs.rm(aside, { recursive: true, force: true, maxRetries: 3 });
    },
    async cleanup() {
        // The store and the file copy live inside the backup's directory, which the manager removes.
    },
};
/** Removes what the guarded operation created: renamed aside first, so it vanishes at once. */
async function removeAside(target) {
    const aside = `${target}.index-vault-discard-${process.pid}`;
    try {
        await fs.rename(target, aside);
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return;
        throw ioError(err, 'cannot remove', target);
    }
    await fs.rm(aside, { recursive: true, force: true, maxRetries: 3 });
}
