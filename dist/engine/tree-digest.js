import { createHash } from 'node:crypto';
/** Bytes gathered before they are hashed: one update per entry would cost more than the entries. */
const BATCH = 64 * 1024;
/**
 * A digest of a tree exactly as `sameTree` compares it, built entry by entry in order: two trees
 * get the same digest when (and, up to sha256, only when) `sameTree` finds them equal, so a record
 * can stand for a parent's entries. Every string is written as its length and its UTF-16 code
 * units (lone surrogates included, unlike UTF-8), every mode as a double (modes are whole numbers),
 * an absent mode or hash as a mark of its own: no two different entries or sequences of entries
 * give the same bytes.
 */
export class TreeDigest {
    hash = createHash('sha256');
    buf = Buffer.allocUnsafe(BATCH);
    at = 0;
    file(path, sha256, exec, mode) {
        this.begin(1, path);
        this.text(sha256 ?? '');
        this.byte(sha256 === undefined ? 0 : 1);
        this.byte(exec ? 1 : 0);
        this.mode(mode);
    }
    dir(path, mode) {
        this.begin(2, path);
        this.mode(mode);
    }
    symlink(path, target) {
        this.begin(3, path);
        this.text(target);
    }
    /** A manifest entry, as the parent's entries are compared. */
    entry(e) {
        if (e.type === 'file')
            this.file(e.path, e.sha256, e.exec, e.mode);
        else if (e.type === 'dir')
            this.dir(e.path, e.mode);
        else
            this.symlink(e.path, e.target);
    }
    digest() {
        this.hash.update(this.buf.subarray(0, this.at));
        this.at = 0;
        return this.hash.digest('hex');
    }
    begin(type, path) {
        this.byte(type);
        this.text(path);
    }
    mode(mode) {
        this.byte(mode === undefined ? 0 : 1);
        this.room(8);
        this.buf.writeDoubleLE((mode ?? 0) + 0, this.at); // + 0: -0 is the mode 0 (=== says so), not other bytes
        this.at += 8;
    }
    byte(b) {
        this.room(1);
        this.buf[this.at++] = b;
    }
    text(s) {
        const n = s.length;
        this.room(4);
        this.buf.writeUInt32LE(n, this.at);
        this.at += 4;
        const { buf } = this;
        for (let i = 0; i < n; i++) {
            if (this.at + 2 > BATCH)
                this.flush();
            const c = s.charCodeAt(i);
            buf[this.at++] = c & 0xff;
            buf[this.at++] = c >>> 8;
        }
    }
    room(n) {
        if (this.at + n > BATCH)
            this.flush();
    }
    flush() {
        this.hash.update(this.buf.subarray(0, this.at));
        this.at = 0;
    }
}
/** The tree digest of a manifest's entries (see TreeDigest). */
export function manifestTreeDigest(entries) {
    const d = new TreeDigest();
    for (const e of entries)
        d.entry(e);
    return d.digest();
}
