import fs from 'node:fs';
import { STAGING_FILE_MODE } from '../snapshot/entry-mode.js';
/** A file system call failed on a restored file: travels to the main thread as an `io` LaneError. */
export class RestoreIoFailure extends Error {
    info;
    constructor(info) {
        super(info.message);
        this.info = info;
    }
}
function failure(err, action, file, rel) {
    const e = err;
    return new RestoreIoFailure({ kind: 'io', action, file, rel, code: e?.code, message: String(e?.message ?? err), syscall: e?.syscall });
}
const ZEROS = Buffer.alloc(1024 * 1024);
/** Whether every byte is zero, for pieces of any length. */
export function allZero(buf) {
    for (let i = 0; i < buf.length; i += ZEROS.length) {
        const part = buf.subarray(i, i + ZEROS.length);
        if (!Buffer.from(part.buffer, part.byteOffset, part.length).equals(ZEROS.subarray(0, part.length)))
            return false;
    }
    return true;
}
/**
 * Gives a restored file its recorded mode and time: the one step every writer of a restored file
 * ends with (the lanes for files from packs, the restore for files reused from the old tree).
 */
export function setModeAndTime(file, mode, mtimeMs) {
    fs.chmodSync(file, mode);
    fs.utimesSync(file, mtimeMs / 1000, mtimeMs / 1000);
}
/**
 * One file being restored into staging: created exclusively (never through a link, never over
 * anything), written at positions with long zero runs left as holes, then sized, given its mode
 * and time, and copied to the other paths that share its content.
 */
export class RestoredFile {
    dests;
    holeMin;
    fd;
    constructor(dests, flags, holeMin) {
        this.dests = dests;
        this.holeMin = holeMin;
        const first = dests[0];
        try {
            this.fd = fs.openSync(first.path, flags, STAGING_FILE_MODE);
        }
        catch (err) {
            throw failure(err, 'cannot create', first.path, first.rel);
        }
    }
    write(piece, at) {
        if (piece.length >= this.holeMin && allZero(piece))
            return;
        let done = 0;
        try {
            while (done < piece.length)
                done += fs.writeSync(this.fd, piece, done, piece.length - done, at + done);
        }
        catch (err) {
            throw failure(err, 'cannot write', this.dests[0].path, this.dests[0].rel);
        }
    }
    /** The content is complete and checked: size (a trailing hole), mode, time, then the copies. */
    finish(size) {
        const first = this.dests[0];
        const fd = this.fd;
        this.fd = undefined;
        try {
            fs.ftruncateSync(fd, size);
            fs.fchmodSync(fd, first.mode);
            fs.futimesSync(fd, first.mtimeMs / 1000, first.mtimeMs / 1000);
        }
        catch (err) {
            throw failure(err, 'cannot finish', first.path, first.rel);
        }
        finally {
            fs.closeSync(fd);
        }
        for (const other of this.dests.slice(1)) {
            try {
                fs.copyFileSync(first.path, other.path, fs.constants.COPYFILE_EXCL | fs.constants.COPYFILE_FICLONE);
            }
            catch (err) {
                throw failure(err, 'cannot create', other.path, other.rel);
            }
            try {
                setModeAndTime(other.path, other.mode, other.mtimeMs);
            }
            catch (err) {
                throw failure(err, 'cannot finish', other.path, other.rel);
            }
        }
    }
    /** Closes the file after a failure; the caller removes staging. */
    abandon() {
        if (this.fd === undefined)
            return;
        try {
            fs.closeSync(this.fd);
        }
        catch {
            // already failing
        }
        this.fd = undefined;
    }
}
