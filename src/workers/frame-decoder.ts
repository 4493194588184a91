import zlib from 'node:zlib';
import { IntegrityError } from '../shared/errors.js';
import type { Codec } from '../snapshot/manifest.js';

/** Output past a piece's cap: the caller says which limit that broke. */
export class OverCap extends Error {}

/**
 * The one decoder of pack bytes, for both codecs: a long-lived zlib stream (a fresh context per
 * frame would cost a window's worth of newly faulted memory each time). zstd input comes as
 * whole frames, each flushed through on its own; gzip input as any pieces of the member stream.
 * Output is handed to `onRaw` in order as it comes out, in buffers of `chunk` bytes at most.
 */
export class FrameDecoder {
  private stream: zlib.ZstdDecompress | zlib.Gunzip | undefined;

  constructor(
    private readonly codec: Codec,
    private readonly chunk: number,
  ) {}

  /**
   * Decodes one piece; resolves once all it decodes to went through `onRaw`. More than `cap`
   * bytes out rejects with OverCap as soon as it shows; anything `onRaw` throws rejects too.
   */
  decode(input: Uint8Array, cap: number, onRaw: (raw: Buffer) => void): Promise<void> {
    const stream = (this.stream ??= this.open());
    return this.through(stream, cap, onRaw, (done) => {
      stream.write(input);
      stream.flush(done);
    });
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

  private open(): zlib.ZstdDecompress | zlib.Gunzip {
    const stream = this.codec === 'zstd' ? zlib.createZstdDecompress({ chunkSize: this.chunk }) : zlib.createGunzip({ chunkSize: this.chunk });
    // Errors are taken per piece, below; one arriving after its piece failed has no one left to tell.
    stream.on('error', () => {});
    return stream;
  }

  /** Forgets the stream (after a failure, or between stretches that may have stopped mid-way). */
  reset(): void {
    this.stream?.destroy();
    this.stream = undefined;
  }

  private through(stream: zlib.ZstdDecompress | zlib.Gunzip, cap: number, onRaw: (raw: Buffer) => void, run: (done: () => void) => void): Promise<void> {
    let out = 0;
    let onData: ((b: Buffer) => void) | undefined;
    let onError: ((err: Error) => void) | undefined;
    return new Promise<void>((resolve, reject) => {
      const fail = (err: unknown) => {
        this.reset();
        reject(err);
      };
      onError = (err) => fail(new IntegrityError(`a ${this.codec === 'zstd' ? 'zstd frame' : 'gzip stream'} does not decode: ${err.message}`, { hint: 'the pack is damaged' }));
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
