import type { FileHandle } from 'node:fs/promises';

/** Writes all of `chunk` at `at`: one write call may take less than it was given. */
async function writeFully(fh: FileHandle, chunk: Uint8Array, at: number): Promise<void> {
  let off = 0;
  while (off < chunk.length) {
    const { bytesWritten } = await fh.write(chunk, off, chunk.length - off, at + off);
    off += bytesWritten;
  }
}

/**
 * Positional writes to one file with at most `limit` in flight, so the caller prepares the next
 * chunk (decodes, hashes, compresses it) while the last ones reach the file. Each write may be
 * followed by `after` (a read-back). A failure comes out of a later `write` or of `settle`;
 * chunks must not change until then.
 */
export class PositionalWrites {
  private inFlight: Promise<void>[] = [];

  constructor(
    private readonly fh: FileHandle,
    private readonly limit: number,
    private readonly after?: (chunk: Uint8Array, at: number) => Promise<void>,
  ) {}

  async write(chunk: Uint8Array, at: number): Promise<void> {
    const p = writeFully(this.fh, chunk, at).then(() => this.after?.(chunk, at));
    p.catch(() => {}); // awaited in order, below or by settle()
    this.inFlight.push(p);
    if (this.inFlight.length >= this.limit) await this.inFlight.shift();
  }

  /** Waits for every write; the first failure is thrown. */
  async settle(): Promise<void> {
    const all = this.inFlight;
    this.inFlight = [];
    await Promise.all(all);
  }

  /** Waits for every write without caring how they ended (before closing after a failure). */
  async abandon(): Promise<void> {
    const all = this.inFlight;
    this.inFlight = [];
    await Promise.allSettled(all);
  }
}
