import type { FileEntry, Location } from '../../snapshot/manifest.js';
import { frameStartsOf, locationOf } from './frame-location.js';
import type { ScanEntries } from './scan-entries.js';

/** What a writer saw of a file that the scan saw otherwise (it changed in between): kept aside, by slot. */
type Seen = Pick<FileEntry, 'size' | 'mtimeMs' | 'mode' | 'exec'>;

/**
 * The files a backup wrote into its new packs, by their index in the scan's entries, until the
 * manifest is made: per file its pack, where its record starts in the pack's tar stream and how
 * long it is, its hash (32 bytes), and whether its read proved the scanned stamp (the hash cache
 * may take the hash). The compressed range is derived from the pack's frame sizes, and size,
 * mtime and mode are the scan's unless the writer saw others: ~57 bytes a file, not ~110.
 * Room is made for the files to write (`capacity`), not for every scanned one.
 */
export class WrittenFiles {
  /** Each entry's slot in the columns + 1; 0 for a file not written. */
  private readonly slots: Int32Array;
  private readonly packs: Int32Array;
  private readonly raws: Float64Array;
  private readonly spans: Float64Array;
  private readonly sha256: Buffer;
  /** Per slot, 1: written; 2: written, and its read proved the scanned stamp. */
  private readonly state: Uint8Array;
  private readonly seen = new Map<number, Seen>();
  /** Per new pack, where each frame starts in it (compressed), and where the last ends. */
  private readonly frameStarts: number[][] = [];
  private count = 0;

  constructor(
    private readonly scanned: ScanEntries,
    capacity: number,
  ) {
    this.slots = new Int32Array(scanned.length);
    this.packs = new Int32Array(capacity);
    this.raws = new Float64Array(capacity);
    this.spans = new Float64Array(capacity);
    this.sha256 = Buffer.alloc(capacity * 32);
    this.state = new Uint8Array(capacity);
  }

  /** Notes how the frames of new pack `pack` came out: their compressed sizes, in order. */
  addPack(pack: number, frameSizes: readonly number[]): void {
    this.frameStarts[pack] = frameStartsOf(frameSizes);
  }

  /** Notes the file at scan index `i` as the writer of new pack `pack` wrote it. */
  add(i: number, pack: number, f: FileEntry, proven: boolean): void {
    if (this.slots[i] === 0) {
      if (this.count === this.state.length) throw new Error('more files written than there was room made for');
      this.slots[i] = ++this.count;
    }
    const slot = this.slots[i]! - 1;
    this.packs[slot] = pack;
    this.raws[slot] = f.loc.raw;
    this.spans[slot] = f.loc.span;
    this.sha256.write(f.sha256, slot * 32, 32, 'hex');
    this.state[slot] = proven ? 2 : 1;
    const s = this.scanned;
    if (f.size !== s.size(i) || f.mtimeMs !== s.mtimeMs(i) || f.mode !== s.mode(i) || f.exec !== s.exec(i))
      this.seen.set(slot, { size: f.size, mtimeMs: f.mtimeMs, mode: f.mode, exec: f.exec });
    else this.seen.delete(slot);
  }

  get size(): number {
    return this.count;
  }

  has(i: number): boolean {
    return this.slots[i] !== 0;
  }

  /** Whether the read of this file proved its scanned stamp. */
  proven(i: number): boolean {
    return this.has(i) && this.state[this.slots[i]! - 1] === 2;
  }

  /** The hash of a written file. */
  sha256Of(i: number): string {
    const slot = this.slots[i]! - 1;
    return this.sha256.toString('hex', slot * 32, slot * 32 + 32);
  }

  /** Whether the writer saw the written file at scan index `i` with the scan's mode and exec (a chmod between the two would not). */
  modeAsScanned(i: number): boolean {
    const seen = this.seen.get(this.slots[i]! - 1);
    return seen === undefined || (seen.mode === this.scanned.mode(i) && seen.exec === this.scanned.exec(i));
  }

  /** The hash of a written file as its 32 bytes (a view, valid as long as this table). */
  sha256BytesOf(i: number): Uint8Array {
    const slot = this.slots[i]! - 1;
    return this.sha256.subarray(slot * 32, slot * 32 + 32);
  }

  /** The entry of the written file at scan index `i` as its writer saw it; `loc.pack` is among the new packs. */
  entry(i: number): FileEntry {
    const slot = this.slots[i]! - 1;
    const pack = this.packs[slot]!;
    const starts = this.frameStarts[pack];
    if (!starts) throw new Error(`the frames of new pack ${pack} were not noted`);
    const { length, offset, raw, skip, span } = locationOf(this.raws[slot]!, this.spans[slot]!, starts);
    const loc: Location = { length, offset, pack, raw, skip, span };
    const s = this.scanned;
    const seen = this.seen.get(slot) ?? { size: s.size(i), mtimeMs: s.mtimeMs(i), mode: s.mode(i), exec: s.exec(i) };
    return {
      exec: seen.exec,
      loc,
      ...(seen.mode === undefined ? {} : { mode: seen.mode }),
      mtimeMs: seen.mtimeMs,
      path: s.path(i),
      sha256: this.sha256Of(i),
      size: seen.size,
      type: 'file',
    };
  }
}
