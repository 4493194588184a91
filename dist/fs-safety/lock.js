import { createHash, randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseBoundedJson } from '../shared/bounded-json.js';
import { ioError, LockedError, ValidationError } from '../shared/errors.js';
import { onStop } from '../shared/interrupt.js';
import { resolvedPath } from './real-path.js';
/**
 * The lock sits beside the directory: it must exist before a restore creates the directory, and
 * must not be backed up. Symlinks are resolved first, so every spelling of a directory gets one lock.
 */
export function lockPathFor(dir) {
    const abs = resolvedPath(dir);
    return path.join(path.dirname(abs), `.${path.basename(abs)}.index-vault.lock`);
}
async function fallbackLockPath(dir) {
    const real = resolvedPath(dir);
    const name = `${createHash('sha256').update(real).digest('hex').slice(0, 32)}.lock`;
    // Shared by every user, like /tmp itself (world-writable, sticky): a folder only its creator
    // could write would stop everyone else's backups of directories they cannot write beside.
    const shared = path.join(os.tmpdir(), 'index-vault-locks');
    try {
        await fs.mkdir(shared, { mode: 0o1777 });
        await fs.chmod(shared, 0o1777); // mkdir's mode is cut by the umask
    }
    catch (err) {
        if (err.code !== 'EEXIST')
            throw err;
    }
    if (await fs.access(shared, fsConstants.W_OK).then(() => true, () => false))
        return path.join(shared, name);
    // Someone else's folder without the shared mode: fall back to one of our own.
    const own = path.join(os.tmpdir(), `index-vault-locks-${process.getuid?.() ?? 'user'}`);
    await fs.mkdir(own, { recursive: true });
    return path.join(own, name);
}
export async function readLock(dir) {
    for (const p of [lockPathFor(dir), await fallbackLockPath(dir)]) {
        const owner = await readOwner(p);
        if (owner)
            return owner;
    }
    return undefined;
}
async function readOwner(file) {
    try {
        const o = parseBoundedJson(await fs.readFile(file), 'lock file', 64 * 1024);
        return typeof o.pid === 'number' && typeof o.token === 'string' ? o : undefined;
    }
    catch {
        return undefined;
    }
}
function processGone(pid) {
    try {
        process.kill(pid, 0); // works on Windows too: throws ESRCH for a pid that does not exist
        return false;
    }
    catch (err) {
        return err.code === 'ESRCH';
    }
}
/** A moved-aside lock is kept only while its owner may be alive and heartbeating. */
const STALE_ASIDE_MS = 120_000;
/** Says why a lock file is stale, or undefined if its holder may still be alive. */
async function staleReason(file, owner, staleMs) {
    let mtime;
    try {
        mtime = (await fs.stat(file)).mtimeMs;
    }
    catch {
        return undefined;
    }
    const age = Date.now() - mtime;
    if (!owner)
        return age > 5000 ? 'its lock file is unreadable and old' : undefined; // a holder may be mid-write
    if (owner.host === os.hostname() && processGone(owner.pid))
        return `process ${owner.pid} is gone`;
    if (age > staleMs)
        return `no heartbeat for ${Math.round(age / 1000)} s`;
    return undefined;
}
/**
 * Takes the lock on a directory, so that two index-vault processes never back up or restore the
 * same directory at once. A lock whose holder died (same host and no such pid, or no heartbeat
 * for `staleMs`) is taken over.
 */
export async function acquireLock(dir, options) {
    let file = lockPathFor(dir);
    const owner = {
        pid: process.pid,
        host: os.hostname(),
        operation: options.operation,
        startedAt: new Date().toISOString(),
        token: randomBytes(12).toString('hex'),
        tool: 'index-vault',
    };
    const staleMs = options.staleMs ?? 120_000;
    const deadline = Date.now() + (options.waitMs ?? 0);
    const body = JSON.stringify(owner);
    let announced = false;
    for (;;) {
        try {
            await createComplete(file, body, owner);
            // A racing stale-lock taker could have moved our fresh file aside: confirm it is ours.
            if ((await readOwner(file))?.token === owner.token)
                break;
            continue;
        }
        catch (err) {
            const code = err.code;
            if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
                const alt = await fallbackLockPath(dir);
                if (alt !== file) {
                    file = alt;
                    continue;
                }
            }
            if (code !== 'EEXIST')
                throw ioError(err, 'cannot create lock file', file);
        }
        const holder = await readOwner(file);
        // A taker that moved our fresh lock aside while we confirmed it has put it back: it is ours.
        if (holder?.token === owner.token)
            break;
        const reason = await staleReason(file, holder, staleMs);
        if (reason) {
            if (await takeOver(file, holder)) {
                options.logger?.warn(`took over a stale lock on ${path.resolve(dir)} (${reason}; was: ${describe(holder)})`);
            }
            continue;
        }
        if (Date.now() >= deadline) {
            throw new LockedError(`${path.resolve(dir)} is locked by ${describe(holder)}`, {
                hint: `wait for it to finish; if that process is gone its lock is taken over automatically, or delete ${file}`,
                details: { lockFile: file, holder, remedy: 'lock-wait' },
            });
        }
        if (!announced) {
            // A wait that says nothing looks like a hang: name the process being waited for, once.
            announced = true;
            options.logger?.warn(`waiting up to ${Math.ceil((deadline - Date.now()) / 1000)}s for ${describe(holder)} to release the lock on ${path.resolve(dir)}`);
        }
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 150));
    }
    const timer = setInterval(() => {
        const now = new Date();
        fs.utimes(file, now, now).catch(() => { });
    }, options.heartbeatMs ?? 10_000);
    timer.unref();
    let releasing;
    const lock = {
        directory: resolvedPath(dir),
        path: file,
        owner,
        // One removal, shared: a stop that arrives while it runs waits for it (its undo stays
        // registered until the file is gone) instead of exiting with the lock still on disk.
        release() {
            return (releasing ??= (async () => {
                clearInterval(timer);
                try {
                    if ((await readOwner(file))?.token === owner.token)
                        await fs.rm(file, { force: true });
                }
                finally {
                    forget();
                }
            })());
        },
    };
    const forget = onStop(() => lock.release());
    return lock;
}
/**
 * Creates the lock file with its content in one step: the owner is written to a private file
 * that is then hard-linked to the lock's name (which fails if the name exists). A process killed
 * at any point leaves either no lock or a complete one, never an empty lock file that would block
 * the next run. Filesystems without hard links fall back to an exclusive create.
 */
async function createComplete(file, body, owner) {
    const dir = path.dirname(file);
    const base = path.basename(file);
    for (const n of await fs.readdir(dir).catch(() => [])) {
        if (!n.startsWith(`${base}.`))
            continue;
        if (n.endsWith('.tmp')) {
            // Leftovers of processes killed between the two steps.
            const pid = Number(n.slice(base.length + 1).split('.')[0]);
            if (Number.isInteger(pid) && pid > 0 && processGone(pid))
                await fs.rm(path.join(dir, n), { force: true });
        }
        else if (n.startsWith(`${base}.stale-`)) {
            // A taker killed between moving a stale lock aside and deleting it. A live lock moved
            // aside for a moment by a losing taker (see takeOver) is left for that taker to put back.
            const aside = path.join(dir, n);
            if (await staleReason(aside, await readOwner(aside), STALE_ASIDE_MS))
                await fs.rm(aside, { force: true });
        }
    }
    const tmp = `${file}.${owner.pid}.${owner.token}.tmp`;
    const fh = await fs.open(tmp, 'wx');
    try {
        await fh.writeFile(body);
        await fh.sync();
    }
    finally {
        await fh.close();
    }
    try {
        await fs.link(tmp, file);
    }
    catch (err) {
        const code = err.code;
        if (code === 'EEXIST' || (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV'))
            throw err;
        const direct = await fs.open(file, 'wx');
        try {
            await direct.writeFile(body);
            await direct.sync();
        }
        finally {
            await direct.close();
        }
    }
    finally {
        await fs.rm(tmp, { force: true });
    }
}
/**
 * Moves a stale lock aside with a rename (atomic: of several takers only one succeeds), then
 * checks that what it moved is the lock it judged stale; if another taker had already replaced
 * it with a live lock, that lock is put back.
 */
async function takeOver(file, stale) {
    const aside = `${file}.stale-${randomBytes(6).toString('hex')}`;
    try {
        await fs.rename(file, aside);
    }
    catch {
        return false;
    }
    const moved = await readOwner(aside);
    if (stale && moved?.token !== stale.token) {
        await fs.link(aside, file).catch(() => { });
        await fs.rm(aside, { force: true });
        return false;
    }
    await fs.rm(aside, { force: true });
    return true;
}
/**
 * Takes the directory's lock, or uses one the caller already holds on it (a guarded command holds
 * its directory's lock while the backup and rollback inside it run). Only a lock taken here is
 * released by the returned function.
 */
export async function acquireOrUse(dir, held, options) {
    if (!held) {
        const lock = await acquireLock(dir, options);
        return () => lock.release();
    }
    if (held.directory !== resolvedPath(dir)) {
        throw new ValidationError(`the lock held on ${held.directory} does not cover ${path.resolve(dir)}`, {
            hint: 'pass the lock of the directory being backed up or restored',
        });
    }
    return async () => { };
}
function describe(o) {
    return o
        ? `${o.tool} ${o.operation} (pid ${o.pid} on ${o.host}, since ${o.startedAt})`
        : 'an unknown process (the lock file is unreadable)';
}
