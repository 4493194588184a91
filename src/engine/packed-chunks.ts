import zlib from 'node:zlib';
import type { ChunkSink } from '../snapshot/manifest.js';
import { FrameDecoder } from '../workers/frame-decoder.js';

/** Raw bytes per compressed piece: one piece is all a reader holds decompressed at a time. */
const PIECE_BYTES = 1024 * 1024;
/** zstd's level 1: a manifest's JSON shrinks ~5× at ~600 MB/s, and decompresses at ~1 GB/s. */
const PARAMS = { params: { [zlib.constants.ZSTD_c_compressionLevel]: 1 } };

/**
 * Bytes made once and read a few times (a new manifest's text, until it is stored), held
 * zstd-compressed in pieces of a MiB: a fifth of the memory, for ~2 ms of CPU per MiB. Reading
 * makes no garbage either: each piece is decoded into one buffer that the next one reuses (a
 * fresh buffer per piece waits for a GC that V8 puts off until ~64 MB of them pile up). A hole is
 * a place kept for bytes known only later (the digest of what follows it), held as given.
 */
export class PackedChunks implements ChunkSink, Iterable<Buffer> {
  private readonly parts: Array<{ z: Buffer } | { raw: Buffer }> = [];
  private readonly stage = Buffer.allocUnsafe(PIECE_BYTES);
  private staged = 0;
  private total = 0;
  private decoder: FrameDecoder | undefined;

  /** `tap`: told of each piece as it is sealed, and of each hole as it is kept (a reader following the writer). */
  constructor(private readonly tap?: { sealed(z: Buffer): void; hole(): void }) {}

  /** Raw bytes per compressed piece (a tap's reader decodes into that much). */
  static readonly pieceBytes = PIECE_BYTES;

  /** Bytes held (uncompressed). */
  get size(): number {
    return this.total;
  }

  /**
   * Appends a text's UTF-8 bytes, written straight into the piece being filled (no buffer made
   * per text); returns them, valid until the next append.
   */
  text(text: string): Buffer {
    const n = Buffer.byteLength(text);
    if (n > PIECE_BYTES) {
      const bytes = Buffer.from(text);
      this.push(bytes);
      return bytes;
    }
    if (n > PIECE_BYTES - this.staged) this.seal();
    const at = this.staged;
    this.stage.write(text, at, 'utf8');
    this.staged += n;
    this.total += n;
    return this.stage.subarray(at, at + n);
  }

  /** Appends bytes (copied: the caller may reuse them). */
  push(bytes: Uint8Array): void {
    this.total += bytes.length;
    for (let at = 0; at < bytes.length;) {
      const n = Math.min(bytes.length - at, PIECE_BYTES - this.staged);
      this.stage.set(bytes.subarray(at, at + n), this.staged);
      this.staged += n;
      at += n;
      if (this.staged === PIECE_BYTES) this.seal();
    }
  }

  /** Keeps a place here for bytes given later to `fill`; its number. */
  hole(): number {
    this.seal();
    this.tap?.hole();
    this.parts.push({ raw: Buffer.alloc(0) });
    return this.parts.length - 1;
  }

  fill(hole: number, bytes: Buffer): void {
    const part = this.parts[hole];
    if (!part || !('raw' in part) || part.raw.length !== 0) throw new Error(`no empty hole ${hole} in these chunks`);
    this.parts[hole] = { raw: Buffer.from(bytes) };
    this.total += bytes.length;
  }

  /**
   * The bytes in order, a piece at a time. A piece is valid only until the next is asked for
   * (its memory is reused): a reader that keeps bytes copies them.
   */
  *[Symbol.iterator](): Generator<Buffer> {
    this.seal();
    for (const part of this.parts) {
      if ('raw' in part) {
        if (part.raw.length > 0) yield part.raw;
        continue;
      }
      let piece: Buffer | undefined;
      (this.decoder ??= new FrameDecoder('zstd', PIECE_BYTES)).decodeZstdSync(part.z, PIECE_BYTES, (raw) => {
        // A piece is at most PIECE_BYTES, so it decodes in one go into the decoder's buffer.
        if (piece) throw new Error('a piece of packed chunks decoded in two parts');
        piece = raw;
      });
      if (piece) yield piece;
    }
  }

  /** Seals the piece being filled (a tap then has every piece but the holes' bytes). */
  sealStaged(): void {
    this.seal();
  }

  /** All the bytes in one new buffer. */
  bytes(): Buffer {
    const all = Buffer.allocUnsafe(this.total);
    let at = 0;
    for (const piece of this) at += piece.copy(all, at);
    return all;
  }

  private seal(): void {
    if (this.staged === 0) return;
    const z = zlib.zstdCompressSync(this.stage.subarray(0, this.staged), PARAMS);
    this.parts.push({ z });
    this.staged = 0;
    this.tap?.sealed(z);
  }
}
