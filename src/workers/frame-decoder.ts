import zlib from 'node:zlib';
import { IntegrityError } from '../shared/errors.js';
import type { Codec } from '../snapshot/manifest.js';

/** zlib's streaming zstd decoder, driven synchronously (see `zstdFrame`). */
interface ZstdInternals {
  stream: { _handle?: ZstdHandle | null; _writeState?: Uint32Array; _finishFlushFlag?: number };
  handle: ZstdHandle;
  state: Uint32Array;
  flush: number;
  kError: symbol;
  destroy(): void;
}
interface ZstdHandle {
  writeSync(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): void;
}

const undecodable = (err: unknown) =>
  new IntegrityError(`a zstd frame does not decode: ${(err as Error)?.message ?? String(err)}`, { hint: 'the pack is damaged' });

/** Output past a piece's cap: the caller says which limit that broke. */
export class OverCap extends Error {}

/**
 * The one decoder of pack bytes, for both codecs, each on one long-lived zlib context (a fresh
 * context per frame costs a window's worth of newly faulted memory each time). zstd input comes
 * as whole frames, each decoded synchronously; gzip input as any pieces of the member stream,
 * through zlib's stream. Output is handed to `onRaw` in order as it comes out, in buffers of
 * `chunk` bytes at most, valid only during the call.
 */
export class FrameDecoder {
  private stream: zlib.Gunzip | undefined;
  /** zstd through zlib's handle; false where this Node.js lacks what that needs. */
  private zstd: ZstdInternals | false | undefined;
  private out: Buffer | undefined;

  constructor(
    private readonly codec: Codec,
    private readonly chunk: number,
    private readonly internals = true,
  ) {}

  /**
   * Decodes one piece; resolves once all it decodes to went through `onRaw`. More than `cap`
   * bytes out rejects with OverCap as soon as it shows; anything `onRaw` throws rejects too.
   */
  decode(input: Uint8Array, cap: number, onRaw: (raw: Buffer) => void): Promise<void> {
    if (this.codec === 'zstd') {
      try {
        this.zstdFrame(input, cap, onRaw);
      } catch (err) {
        return Promise.reject(err);
      }
      return Promise.resolve();
    }
    const stream = (this.stream ??= this.open());
    return this.through(stream, cap, onRaw, (done) => {
      stream.write(input);
      stream.flush(done);
    });
  }

  /** `decode` of one whole zstd frame, returning once all of it went through `onRaw` (or throwing). */
  decodeZstdSync(input: Uint8Array, cap: number, onRaw: (raw: Buffer) => void): void {
    if (this.codec !== 'zstd') throw new Error('decodeZstdSync on a gzip decoder');
    this.zstdFrame(input, cap, onRaw);
  }

  /**
   * One zstd frame, synchronously: through zlib's own handle, as zlib's sync functions drive it
   * inside, with one context and one output buffer for every frame (no allocation, no page
   * faults per frame: this halved a restore's CPU against the public one-shot call, which makes
   * a new context and new buffers each time). The one-shot call remains where a Node.js version
   * lacks these internals, or when `internals` is off (tests).
   */
  private zstdFrame(input: Uint8Array, cap: number, onRaw: (raw: Buffer) => void): void {
    const d = this.internals ? this.handle() : undefined;
    if (!d) {
      let raw: Buffer;
      try {
        raw = zlib.zstdDecompressSync(input, { maxOutputLength: cap, chunkSize: this.chunk });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new OverCap();
        throw undecodable(err);
      }
      return onRaw(raw);
    }
    this.out ??= Buffer.allocUnsafe(this.chunk);
    const out = this.out;
    let inOff = 0;
    let inLen = input.length;
    let total = 0;
    for (;;) {
      d.handle.writeSync(d.flush, input, inOff, inLen, out, 0, out.length);
      const failure = (d.stream as unknown as Record<symbol, Error | undefined>)[d.kError];
      if (!d.stream._handle || failure) {
        this.zstd = undefined; // a failed context is closed; the next frame gets a new one
        throw undecodable(failure ?? new Error('corrupt data'));
      }
      const have = out.length - d.state[0]!;
      total += have;
      if (total > cap) {
        this.resetZstd();
        throw new OverCap();
      }
      if (have > 0) onRaw(out.subarray(0, have));
      inOff += inLen - d.state[1]!;
      inLen = d.state[1]!;
      if (d.state[0] !== 0 && inLen === 0) return;
    }
  }

  private handle(): ZstdInternals | undefined {
    if (this.zstd !== undefined) return this.zstd || undefined;
    const stream = zlib.createZstdDecompress();
    stream.on('error', () => {}); // reported through the closed handle
    const i = stream as unknown as ZstdInternals['stream'];
    const kError = Object.getOwnPropertySymbols(stream).find((x) => x.description === 'kError');
    if (
      !i._handle ||
      typeof i._handle.writeSync !== 'function' ||
      !(i._writeState instanceof Uint32Array) ||
      typeof i._finishFlushFlag !== 'number' ||
      !kError
    ) {
      stream.destroy();
      this.zstd = false;
      return undefined;
    }
    this.zstd = { stream: i, handle: i._handle, state: i._writeState, flush: i._finishFlushFlag, kError, destroy: () => stream.destroy() };
    return this.zstd;
  }

  private resetZstd(): void {
    if (this.zstd) this.zstd.destroy();
    this.zstd = undefined;
  }

  /** The input has ended: what a gzip stream still holds comes out, and a cut member fails. */
  end(onRaw: (raw: Buffer) => void): Promise<void> {
    const stream = this.stream;
    this.stream = undefined;
    if (!stream) return Promise.resolve();
    return this.through(stream, Number.POSITIVE_INFINITY, onRaw, (done) => {
      stream.once('end', done);
      stream.end();
    }).finally(() => stream.destroy());
  }

  private open(): zlib.Gunzip {
    const stream = zlib.createGunzip({ chunkSize: this.chunk });
    // Errors are taken per piece, below; one arriving after its piece failed has no one left to tell.
    stream.on('error', () => {});
    return stream;
  }

  /** Forgets the stream (after a failure, or between stretches that may have stopped mid-way). */
  reset(): void {
    this.stream?.destroy();
    this.stream = undefined;
    this.resetZstd();
  }

  private through(stream: zlib.Gunzip, cap: number, onRaw: (raw: Buffer) => void, run: (done: () => void) => void): Promise<void> {
    let out = 0;
    let onData: ((b: Buffer) => void) | undefined;
    let onError: ((err: Error) => void) | undefined;
    return new Promise<void>((resolve, reject) => {
      const fail = (err: unknown) => {
        this.reset();
        reject(err);
      };
      onError = (err) => fail(new IntegrityError(`the gzip stream does not decode: ${err.message}`, { hint: 'the pack is damaged' }));
      onData = (b) => {
        out += b.length;
        try {
          if (out > cap) throw new OverCap();
          onRaw(b);
        } catch (err) {
          fail(err);
        }
      };
      stream.on('data', onData);
      stream.once('error', onError);
      run(resolve);
    }).finally(() => {
      stream.off('data', onData!);
      stream.off('error', onError!);
    });
  }
}
