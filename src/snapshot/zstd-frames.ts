import { IntegrityError } from '../shared/errors.js';

const ZSTD_MAGIC = 0xfd2fb528;
/** Largest compressed frame a reader accepts; our writer's frames are a few MiB. */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;

const damaged = (message: string) => new IntegrityError(message, { hint: 'the pack is damaged' });

/**
 * The one zstd frame walker: finds where each frame ends from its frame and block headers,
 * without decoding it. Incremental and pure: bytes are fed in any pieces, each looked at once
 * (block bodies are skipped by count). Throws E_INTEGRITY on what cannot be a zstd frame.
 */
export class FrameWalker {
  /** Header bytes being gathered (frame header, skippable size, block header). */
  private head = new Uint8Array(18);
  private have = 0;
  private want = 5;
  private skip = 0;
  private state: 'frameHead' | 'frameHeadRest' | 'skippableSize' | 'blockHead' | 'skip' = 'frameHead';
  private lastBlock = false;
  private checksum = 0;
  /** Bytes of the current frame walked so far. */
  length = 0;

  /**
   * Walks `buf[from, to)`; returns the index just past the end of the current frame when it
   * ends in that range (the walker is then ready for the next frame), or -1 when it does not.
   */
  scan(buf: Uint8Array, from: number, to: number): number {
    let pos = from;
    while (pos < to) {
      if (this.state === 'skip') {
        const k = Math.min(this.skip, to - pos);
        pos += k;
        this.skip -= k;
        this.length += k;
      } else {
        const k = Math.min(this.want - this.have, to - pos);
        this.head.set(buf.subarray(pos, pos + k), this.have);
        this.have += k;
        pos += k;
        this.length += k;
        if (this.have < this.want) break;
        this.header();
      }
      if (this.length > MAX_FRAME_BYTES) throw damaged(`zstd frame larger than ${MAX_FRAME_BYTES} bytes`);
      if (this.state === 'skip' && this.skip === 0) {
        if (!this.lastBlock) this.expect('blockHead', 3);
        else {
          this.reset();
          return pos;
        }
      }
    }
    return -1;
  }

  /** Whether the walker stands between frames. */
  get between(): boolean {
    return this.state === 'frameHead' && this.have === 0;
  }

  private reset(): void {
    this.expect('frameHead', 5);
    this.lastBlock = false;
    this.length = 0;
  }

  private expect(state: FrameWalker['state'], want: number): void {
    this.state = state;
    this.want = want;
    this.have = 0;
  }

  /** A header of the current state is complete in `head`. */
  private header(): void {
    const h = this.head;
    const u32 = (at: number) => (h[at]! | (h[at + 1]! << 8) | (h[at + 2]! << 16) | (h[at + 3]! << 24)) >>> 0;
    if (this.state === 'frameHead') {
      const magic = u32(0);
      if ((magic & 0xfffffff0) === 0x184d2a50) {
        this.want = 8;
        this.state = 'skippableSize';
        return;
      }
      if (magic !== ZSTD_MAGIC) throw damaged('not a zstd frame where one should start');
      const fhd = h[4]!;
      if (fhd & 0x08) throw damaged('zstd frame header has the reserved bit set');
      const single = (fhd >> 5) & 1;
      const fcs = fhd >> 6;
      this.checksum = (fhd >> 2) & 1 ? 4 : 0;
      this.want = 5 + (single ? 0 : 1) + [0, 1, 2, 4][fhd & 3]! + (fcs === 0 ? single : [0, 2, 4, 8][fcs]!);
      this.state = 'frameHeadRest';
      return;
    }
    if (this.state === 'skippableSize') {
      this.skip = u32(4);
      this.lastBlock = true;
      this.state = 'skip';
    } else if (this.state === 'frameHeadRest') {
      this.expect('blockHead', 3);
      return;
    } else {
      const bh = h[0]! | (h[1]! << 8) | (h[2]! << 16);
      const type = (bh >> 1) & 3;
      if (type === 3) throw damaged('zstd block of reserved type');
      this.lastBlock = (bh & 1) === 1;
      this.skip = (type === 1 ? 1 : bh >>> 3) + (this.lastBlock ? this.checksum : 0);
      this.state = 'skip';
    }
    this.have = 0;
  }
}

/**
 * Cuts a stream of compressed chunks into whole zstd frames, each given as the pieces of the
 * input chunks it spans (never copied).
 */
export async function* splitZstdFrames(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer[]> {
  const walker = new FrameWalker();
  let parts: Buffer[] = [];
  for await (const chunk of chunks) {
    let start = 0;
    while (start < chunk.length) {
      const end = walker.scan(chunk, start, chunk.length);
      if (end < 0) {
        parts.push(chunk.subarray(start));
        break;
      }
      parts.push(chunk.subarray(start, end));
      yield parts;
      parts = [];
      start = end;
    }
  }
  if (!walker.between)
    throw new IntegrityError(`pack ends inside a zstd frame (${walker.length} bytes of it read)`, { hint: 'the pack is truncated' });
}
