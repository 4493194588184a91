import fs from 'node:fs/promises';
import path from 'node:path';
import { backup } from '../core/backup.js';
import { ioError } from '../core/errors.js';
import { restore } from '../core/restore.js';
import { LocalStore } from '../storage/local-store.js';
const SERIES = 'target';
function storeOf(ctx) {
    return new LocalStore(path.join(ctx.dir, 'store'));
}
/**
 * A complete snapshot of the directory in the core format, in a local store inside the backup.
 * Every file is kept (format `dir`): a rollback must give back the directory exactly, old table
 * versions and all, not only what an index needs to open.
 */
export const directoryCopy = {
    async create(ctx) {
        const exists = await fs.stat(ctx.target).then((s) => s.isDirectory(), () => false);
        // A target the operation is about to create is rolled back by removing it.
        if (!exists)
            return { absent: true };
        const result = await backup({ source: ctx.target, store: storeOf(ctx), series: SERIES, mode: 'full', format: 'dir', portability: 'off', logger: ctx.logger });
        return { absent: false, snapshot: result.id, files: result.files, bytes: result.bytes };
    },
    async restore(ctx, state) {
        if (state.absent === true) {
            await removeDirectory(ctx.target);
            return;
        }
        // Unchanged files are linked from the current tree, so a rollback costs what the operation changed.
        await restore({ target: ctx.target, store: storeOf(ctx), series: SERIES, snapshot: String(state.snapshot), force: true, logger: ctx.logger });
    },
    async cleanup() {
        // The store lives inside the backup's directory, which the manager removes.
    },
};
/** Removes a directory the guarded operation created: renamed aside first, so it vanishes at once. */
async function removeDirectory(target) {
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
