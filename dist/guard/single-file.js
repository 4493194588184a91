import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ChangedError, IntegrityError, ioError } from '../shared/errors.js';
export function checkFileState(s) {
    if (typeof s.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(s.sha256))
        return 'the file state has no sha256';
    for (const k of ['size', 'mode', 'mtimeMs']) {
        const v = s[k];
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
            return `the file state has no valid ${k}`;
    }
    if (s.mode > 0o7777 || !Number.isInteger(s.mode))
        return 'the file state has an invalid mode';
    return undefined;
}
/** Copies `from` to a new file `to` (synced to disk), hashing the bytes as they pass: one read. */
async function copyHashing(from, to) {
    const hash = createHash('sha256');
    let size = 0;
    const tap = new Transform({
        transform(chunk, _enc, done) {
            hash.update(chunk);
            size += chunk.length;
            done(null, chunk);
        },
    });
    await pipeline(createReadStream(from), tap, createWriteStream(to, { flags: 'wx', mode: 0o600, flush: true }));
    return { sha256: hash.digest('hex'), size };
}
/** Backs up the file `source` as `copy`. A file that changes while it is copied is refused, not kept torn. */
export async function backupFile(source, copy) {
    const before = await fs.stat(source).catch((err) => {
        throw ioError(err, 'cannot inspect', source);
    });
    const got = await copyHashing(source, copy).catch((err) => {
        throw ioError(err, 'cannot copy', source);
    });
    const after = await fs.stat(source).catch((err) => {
        throw ioError(err, 'cannot inspect', source);
    });
    if (got.size !== before.size || after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
        throw new ChangedError(`${source} changed while it was backed up`, {
            hint: 'stop what writes to it and run again',
            details: { path: source },
        });
    }
    return { sha256: got.sha256, size: got.size, mode: before.mode & 0o7777, mtimeMs: before.mtimeMs };
}
/**
 * Puts the backed-up file back at `target`: copied beside it, checked against the recorded digest,
 * given its mode and mtime, then renamed over whatever is there now (a directory the operation
 * left in its place is moved aside first). A damaged copy leaves the target untouched.
 */
export async function restoreFile(copy, target, state) {
    const tmp = path.join(path.dirname(target), `.${path.basename(target)}.index-vault-rollback-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
        const got = await copyHashing(copy, tmp).catch((err) => {
            throw err.code === 'ENOENT'
                ? new IntegrityError(`the backup copy ${copy} is missing`, { cause: err, details: { path: copy } })
                : ioError(err, 'cannot copy', copy);
        });
        if (got.sha256 !== state.sha256 || got.size !== state.size) {
            throw new IntegrityError(`the backup copy ${copy} does not match its record (sha256 ${got.sha256}, ${got.size} bytes)`, {
                hint: 'the backup is damaged; the file was left as the operation left it',
                details: { path: copy },
            });
        }
        await fs.chmod(tmp, state.mode);
        // Seconds as a number keep the sub-millisecond part a Date would drop.
        await fs.utimes(tmp, state.mtimeMs / 1000, state.mtimeMs / 1000);
        const now = await fs.lstat(target).catch(() => undefined);
        if (now?.isDirectory()) {
            const aside = `${tmp}.discard`;
            await fs.rename(target, aside);
            await fs.rename(tmp, target);
            await fs.rm(aside, { recursive: true, force: true, maxRetries: 3 });
        }
        else {
            await fs.rename(tmp, target);
        }
    }
    catch (err) {
        await fs.rm(tmp, { force: true }).catch(() => { });
        throw ioError(err, 'cannot put back', target);
    }
}
