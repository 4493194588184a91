import fs from 'node:fs';
import { STAGING_FILE_MODE } from '../snapshot/entry-mode.js';
import { entryLocation } from './entry-location.js';
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
 * What the lanes learn of the files they wrote: each destination's path and the size, mtime,
 * ctime (ns) and inode of its fstat after its last change, or size -1 where there is none to
 * give (a file linked elsewhere). Packed four numbers a file, so that a stretch's stamps cross
 * to the main thread as one buffer.
 */
export class StampList {
    stamped = [];
    values = new BigInt64Array(256);
    add(rel, st) {
        const k = this.stamped.length * 4;
        if (k + 4 > this.values.length) {
            const grown = new BigInt64Array(this.values.length * 2);
            grown.set(this.values);
            this.values = grown;
        }
        this.stamped.push(rel);
        const usable = st !== undefined && st.isFile() && st.nlink === 1n;
        this.values[k] = usable ? st.size : -1n;
        this.values[k + 1] = usable ? st.mtimeNs : 0n;
        this.values[k + 2] = usable ? st.ctimeNs : 0n;
        this.values[k + 3] = usable ? st.ino : 0n;
    }
    /** The stamps of `stamped`, in a buffer of their own. */
    stamps() {
        return this.values.slice(0, this.stamped.length * 4);
    }
}
const onWindows = process.platform === 'win32';
/** A stamp is an optimization only: a file that cannot be stat'ed just goes without. */
function statOrUndefined(file) {
    try {
        return fs.lstatSync(file, { bigint: true });
    }
    catch {
        return undefined;
    }
}
/**
 * The mode to create a file with: its recorded one when the owner may write it and the umask
 * leaves it whole (no fchmod later), else owner-only (a read-only file is written before it is
 * made read-only: some network filesystems refuse writes to a file created read-only). Windows
 * keeps only a read-only attribute: always owner-only there, then the attribute. Either way no
 * one else can read it early: staging is owner-only until the swap.
 */
export function createMode(mode, umask) {
    return !onWindows && (mode & 0o200) !== 0 && (mode & umask) === 0 ? mode : STAGING_FILE_MODE;
}
/**
 * One file being restored into staging: created exclusively (never through a link, never over
 * anything), written at positions with long zero runs left as holes, then sized (only when it
 * ends in a hole), given its mode (only when the create mode was not it already) and time, and
 * copied to the other paths that share its content. Its fstat, taken last, both proves the mode
 * (a default ACL, or a umask changed meanwhile, may have narrowed the create mode: then it is
 * set after all) and is the stamp the hash cache records.
 */
export class RestoredFile {
    dests;
    root;
    holeMin;
    fd;
    path;
    mode;
    /** Where the data written so far ends: short of the size, the file ends in a hole. */
    end = 0;
    constructor(dests, root, flags, holeMin, umask) {
        this.dests = dests;
        this.root = root;
        this.holeMin = holeMin;
        const first = dests[0];
        this.path = entryLocation(root, first.rel);
        this.mode = createMode(first.mode, umask);
        try {
            this.fd = fs.openSync(this.path, flags, this.mode);
        }
        catch (err) {
            throw failure(err, 'cannot create', this.path, first.rel);
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
            throw failure(err, 'cannot write', this.path, this.dests[0].rel);
        }
        if (at + done > this.end)
            this.end = at + done;
    }
    /** The content is complete and checked: size (a trailing hole), mode, time, then the copies; each one's stamp goes to `stamps`. */
    finish(size, stamps) {
        const first = this.dests[0];
        const fd = this.fd;
        this.fd = undefined;
        let st;
        try {
            if (this.end !== size)
                fs.ftruncateSync(fd, size);
            if (onWindows || this.mode !== first.mode)
                fs.fchmodSync(fd, first.mode);
            fs.futimesSync(fd, first.mtimeMs / 1000, first.mtimeMs / 1000);
            st = fs.fstatSync(fd, { bigint: true });
            if (!onWindows && (Number(st.mode) & 0o7777) !== first.mode) {
                fs.fchmodSync(fd, first.mode);
                st = fs.fstatSync(fd, { bigint: true });
            }
        }
        catch (err) {
            throw failure(err, 'cannot finish', this.path, first.rel);
        }
        finally {
            fs.closeSync(fd);
        }
        stamps.add(first.rel, st);
        for (let i = 1; i < this.dests.length; i++) {
            const other = this.dests[i];
            const to = entryLocation(this.root, other.rel);
            try {
                fs.copyFileSync(this.path, to, fs.constants.COPYFILE_EXCL | fs.constants.COPYFILE_FICLONE);
            }
            catch (err) {
                throw failure(err, 'cannot create', to, other.rel);
            }
            try {
                setModeAndTime(to, other.mode, other.mtimeMs);
            }
            catch (err) {
                throw failure(err, 'cannot finish', to, other.rel);
            }
            stamps.add(other.rel, statOrUndefined(to));
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
