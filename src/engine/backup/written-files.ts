import type { FileEntry } from '../../snapshot/manifest.js';

/** pack (among the new packs), offset, length, raw, skip, span, size, mtimeMs, mode, per file. */
const FIELDS = 9;

/**
 * The files a backup wrote into its new packs, by their row in the scan's stamp table (one row
 * per file): what each pack writer reported of a file (hash, location, size, mode and mtime as
 * it read them) kept as numbers and 32 bytes, not as an entry object, until the manifest is made.
 * Whether the read proved the scanned stamp (the hash cache may take the hash) is kept too.
 * Room is made for the files to write (`capacity`), not for every scanned one.
 */
export class WrittenFiles {
  /** Each scanned row's slot in the columns + 1; 0 for a file not written. */
  private readonly slots: Int32Array;
  private readonly nums: Float64Array;
  private readonly sha256: Buffer;
  /** Per slot, 1: written; 2: written, and its read proved the scanned stamp. */
  private readonly state: Uint8Array;
  private readonly execs: Uint8Array;
  private count = 0;

  constructor(rows: number, capacity: number) {
    this.slots = new Int32Array(rows);
    this.nums = new Float64Array(capacity * FIELDS);
    this.sha256 = Buffer.alloc(capacity * 32);
    this.state = new Uint8Array(capacity);
    this.execs = new Uint8Array(capacity);
  }

  /** Notes a file the writer of new pack `pack` wrote (its location within that pack). */
  add(row: number, pack: number, f: FileEntry, proven: boolean): void {
    if (this.slots[row] === 0) {
      if (this.count === this.state.length) throw new Error('more files written than there was room made for');
      this.slots[row] = ++this.count;
    }
    const slot = this.slots[row]! - 1;
    const at = slot * FIELDS;
    const { loc } = f;
    const n = this.nums;
    n[at] = pack;
    n[at + 1] = loc.offset;
    n[at + 2] = loc.length;
    n[at + 3] = loc.raw;
    n[at + 4] = loc.skip;
    n[at + 5] = loc.span;
    n[at + 6] = f.size;
    n[at + 7] = f.mtimeMs;
    n[at + 8] = f.mode ?? -1;
    this.sha256.write(f.sha256, slot * 32, 32, 'hex');
    this.state[slot] = proven ? 2 : 1;
    this.execs[slot] = f.exec ? 1 : 0;
  }

  get size(): number {
    return this.count;
  }

  has(row: number): boolean {
    return this.slots[row] !== 0;
  }

  /** Whether the read of this file proved its scanned stamp. */
  proven(row: number): boolean {
    return this.has(row) && this.state[this.slots[row]! - 1] === 2;
  }

  /** The hash of a written file. */
  sha256Of(row: number): string {
    const slot = this.slots[row]! - 1;
    return this.sha256.toString('hex', slot * 32, slot * 32 + 32);
  }

  /** The hash of a written file as its 32 bytes (a view, valid as long as this table). */
  sha256BytesOf(row: number): Uint8Array {
    const slot = this.slots[row]! - 1;
    return this.sha256.subarray(slot * 32, slot * 32 + 32);
  }

  /** The entry of the written file at `path` as its writer saw it; `loc.pack` is among the new packs. */
  entry(row: number, path: string): FileEntry {
    const slot = this.slots[row]! - 1;
    const at = slot * FIELDS;
    const n = this.nums;
    const mode = n[at + 8]!;
    return {
      exec: this.execs[slot] === 1,
      loc: { length: n[at + 2]!, offset: n[at + 1]!, pack: n[at]!, raw: n[at + 3]!, skip: n[at + 4]!, span: n[at + 5]! },
      ...(mode === -1 ? {} : { mode }),
      mtimeMs: n[at + 7]!,
      path,
      sha256: this.sha256Of(row),
      size: n[at + 6]!,
      type: 'file',
    };
  }
}
