import { createHash, type Hash } from 'node:crypto';
import type { Entry } from '../snapshot/manifest.js';

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
  private readonly hash: Hash = createHash('sha256');
  private readonly buf = Buffer.allocUnsafe(BATCH);
  private at = 0;

  file(path: string, sha256: string | undefined, exec: boolean, mode: number | undefined): void {
    this.begin(1, path);
    this.text(sha256 ?? '');
    this.byte(sha256 === undefined ? 0 : 1);
    this.byte(exec ? 1 : 0);
    this.mode(mode);
  }

  dir(path: string, mode: number | undefined): void {
    this.begin(2, path);
    this.mode(mode);
  }

  symlink(path: string, target: string): void {
    this.begin(3, path);
    this.text(target);
  }

  /** A manifest entry, as the parent's entries are compared. */
  entry(e: Entry): void {
    if (e.type === 'file') this.file(e.path, e.sha256, e.exec, e.mode);
    else if (e.type === 'dir') this.dir(e.path, e.mode);
    else this.symlink(e.path, e.target);
  }

  digest(): string {
    this.hash.update(this.buf.subarray(0, this.at));
    this.at = 0;
    return this.hash.digest('hex');
  }

  private begin(type: number, path: string): void {
    this.byte(type);
    this.text(path);
  }

  private mode(mode: number | undefined): void {
    this.byte(mode === undefined ? 0 : 1);
    this.room(8);
    this.buf.writeDoubleLE((mode ?? 0) + 0, this.at); // + 0: -0 is the mode 0 (=== says so), not other bytes
    this.at += 8;
  }

  private byte(b: number): void {
    this.room(1);
    this.buf[this.at++] = b;
  }

  private text(s: string): void {
    const n = s.length;
    this.room(4);
    this.buf.writeUInt32LE(n, this.at);
    this.at += 4;
    const { buf } = this;
    for (let i = 0; i < n; i++) {
      if (this.at + 2 > BATCH) this.flush();
      const c = s.charCodeAt(i);
      buf[this.at++] = c & 0xff;
      buf[this.at++] = c >>> 8;
    }
  }

  private room(n: number): void {
    if (this.at + n > BATCH) this.flush();
  }

  private flush(): void {
    this.hash.update(this.buf.subarray(0, this.at));
    this.at = 0;
  }
}

/** The tree digest of a manifest's entries (see TreeDigest). */
export function manifestTreeDigest(entries: readonly Entry[]): string {
  const d = new TreeDigest();
  for (const e of entries) d.entry(e);
  return d.digest();
}
