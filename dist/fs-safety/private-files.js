import fs from 'node:fs/promises';
import path from 'node:path';
/**
 * Modes of what index-vault writes for its own use (store objects, hash caches, the record of
 * checked packs, download spools): they hold file content, names and hashes of directories that
 * may be private, so only their owner may read them, whatever the umask.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;
/** Creates `dir` and any missing parent as owner-only; a directory that exists keeps its mode. */
export async function makePrivateDir(dir) {
    await fs.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}
/**
 * Creates `dir` owner-only if it does not exist, its parents with the usual modes: a store
 * directory named on the command line is private when index-vault makes it, and an existing
 * one (perhaps shared by a team on purpose) keeps its mode.
 */
export async function makePrivateLeaf(dir) {
    await fs.mkdir(path.dirname(dir), { recursive: true });
    try {
        await fs.mkdir(dir, { mode: PRIVATE_DIR_MODE });
    }
    catch (err) {
        if (err.code !== 'EEXIST')
            throw err;
    }
}
