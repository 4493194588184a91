/**
 * A restore lane: a worker thread that decodes a stretch of a pack, checks every tar record in
 * it against the manifest, hashes each wanted file and writes it into staging. Several lanes
 * work on different stretches at once, so decoding, hashing and writing use every core instead
 * of queueing behind one thread. Started by lane-pool.ts; speaks lane-protocol.ts.
 */
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { IntegrityError, isIndexVaultError } from '../shared/errors.js';
import { FrameWalker } from '../snapshot/zstd-frames.js';
import { FrameDecoder, OverCap } from './frame-decoder.js';
import type { LaneData, LaneError, LaneFile, LaneReply, LaneRequest, LaneSegment } from './lane-protocol.js';
import { LaneStream } from './lane-stream.js';
import { RestoreIoFailure } from './restored-file.js';

const port = parentPort!;
const { slots: shared, slotBytes } = workerData as LaneData;
const slots = Buffer.from(shared);
/** One decoder per codec, kept from stretch to stretch. */
const decoders = new Map<string, FrameDecoder>();

const damaged = (message: string, hint = 'the pack is damaged'): never => {
  throw new IntegrityError(message, { hint });
};

function toLaneError(err: unknown): LaneError {
  if (err instanceof RestoreIoFailure) return err.info;
  if (isIndexVaultError(err)) {
    const path = (err.details as { path?: unknown }).path;
    return {
      kind: err.code === 'E_UNSAFE_ENTRY' ? 'unsafe' : 'integrity',
      message: err.message,
      hint: err.hint,
      path: typeof path === 'string' ? path : undefined,
    };
  }
  return { kind: 'integrity', message: `restore lane failed: ${(err as Error)?.message ?? String(err)}` };
}

/** One stretch being read: its tar stream, its decoder, and whether it is over. */
class Run {
  readonly stream: LaneStream;
  readonly decoder: FrameDecoder;
  over = false;

  constructor(readonly seg: LaneSegment) {
    this.stream = new LaneStream(seg);
    const key = `${seg.codec}:${seg.outputChunk}`;
    let d = decoders.get(key);
    if (!d) decoders.set(key, (d = new FrameDecoder(seg.codec, seg.outputChunk)));
    // A gzip stream carries state from member to member; a zstd stream is clean after each frame.
    if (seg.codec === 'gzip') d.reset();
    this.decoder = d;
  }

  /** Decodes one piece of input (a whole zstd frame, any piece of a gzip stream). */
  async input(data: Uint8Array): Promise<void> {
    const s = this.seg;
    const cap = s.codec === 'zstd' ? s.maxFrameRaw : Number.POSITIVE_INFINITY;
    try {
      await this.decoder.decode(data, cap, (raw) => this.stream.push(raw));
    } catch (err) {
      if (err instanceof OverCap) damaged(`a zstd frame of ${s.packName} decodes to more than ${s.maxFrameRaw} bytes`);
      throw err;
    }
  }

  /** No more input: the stretch must be whole. */
  async end(): Promise<void> {
    await this.decoder.end((raw) => this.stream.push(raw));
    this.stream.finish();
    this.done();
  }

  ack(n: number, slot?: number): void {
    const { bytes, files } = this.stream.takeProgress();
    port.postMessage({ op: 'ack', seg: this.seg.id, slot, n, bytes, files } satisfies LaneReply);
  }

  /** Compressed bytes read from the file and not yet acknowledged. */
  private unacked = 0;

  /**
   * Progress of a stretch read from a file: acknowledged every ACK_BYTES, not every frame (a
   * message is a wake-up of the main thread, ~1,100 of them in a verify of 100,000 files).
   */
  read(n: number): void {
    this.unacked += n;
    if (this.unacked >= ACK_BYTES) this.flush();
  }

  /** What `read` still holds, acknowledged (before the stretch's answer). */
  flush(): void {
    if (this.unacked === 0) return;
    const n = this.unacked;
    this.unacked = 0;
    this.ack(n);
  }

  /** Whether a stretch before the pack's end has read every window it was meant to. */
  get enough(): boolean {
    return !this.seg.last && this.stream.complete;
  }

  done(): void {
    this.over = true;
    const { others, stamps } = this.stream;
    const met = Int32Array.from(this.stream.met);
    const written = Int32Array.from(this.stream.written);
    const values = stamps.stamps();
    port.postMessage({ op: 'done', seg: this.seg.id, met, others, written, stamps: values } satisfies LaneReply, [
      met.buffer,
      written.buffer,
      values.buffer as ArrayBuffer,
    ]);
  }

  /** Runs a step; a failure ends the stretch and is reported once. */
  async guard(step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (err) {
      this.over = true;
      this.stream.abandon();
      this.decoder.reset();
      port.postMessage({ op: 'error', seg: this.seg.id, error: toLaneError(err) } satisfies LaneReply);
    }
  }
}

/** The pack's local file cannot be read: an I/O error naming it, not a damaged pack. */
function unreadable(err: unknown, f: LaneFile, rel: string): RestoreIoFailure {
  const e = err as NodeJS.ErrnoException;
  return new RestoreIoFailure({
    kind: 'io',
    action: 'cannot read',
    file: f.path,
    rel,
    code: e?.code,
    message: String(e?.message ?? err),
    syscall: e?.syscall,
  });
}

/** Reads a local file's range [at, at + length) into buf[into...]; fewer bytes only at its end. */
function readAt(fd: number, f: LaneFile, rel: string, buf: Buffer, into: number, length: number, at: number): number {
  try {
    return fs.readSync(fd, buf, into, length, at);
  } catch (err) {
    throw unreadable(err, f, rel);
  }
}

/**
 * Reads a stretch's zstd frames from the file straight into one reused buffer, cut by the frame
 * walker; frames starting past `lastFrameStart` are the next stretch's. Returns where it stopped.
 */
async function readZstdFile(run: Run, fd: number, f: LaneFile, buf: Buffer): Promise<{ at: number; buf: Buffer }> {
  const walker = new FrameWalker();
  let base = f.offset; // file offset of buf[0]
  let start = 0; // the current frame's first byte in buf
  let end = 0; // bytes of buf filled
  let scanned = 0;
  while (base + start < f.end && base + start <= f.lastFrameStart && !run.enough) {
    let stop = walker.scan(buf, scanned, end);
    while (stop < 0) {
      scanned = end;
      if (end === buf.length) {
        // Make room: the frame so far to the front, in a larger buffer when it fills this one.
        const next = start === 0 ? Buffer.allocUnsafe(buf.length * 2) : buf;
        buf.copy(next, 0, start, end);
        [buf, base, end, scanned, start] = [next, base + start, end - start, scanned - start, 0];
      }
      const n = readAt(fd, f, run.seg.packName, buf, end, Math.min(buf.length - end, f.end - (base + end)), base + end);
      if (n === 0) damaged(`pack ${run.seg.packName}: it ends inside a zstd frame at byte ${base + start}`);
      end += n;
      stop = walker.scan(buf, scanned, end);
    }
    const at = base + start;
    if (f.nextFrame >= 0 && at < f.nextFrame && base + stop > f.nextFrame)
      damaged(`pack ${run.seg.packName}: no frame starts at byte ${f.nextFrame}, where its manifest places one`);
    await run.input(buf.subarray(start, stop));
    run.read(stop - start);
    start = scanned = stop;
  }
  return { at: base + start, buf };
}

/** Reads a stretch of a gzip pack from the file in pieces; returns where it stopped. */
async function readGzipFile(run: Run, fd: number, f: LaneFile, buf: Buffer): Promise<number> {
  let at = f.offset;
  while (at < f.end && !run.enough) {
    const n = readAt(fd, f, run.seg.packName, buf, 0, Math.min(buf.length, f.end - at), at);
    if (n === 0) break;
    await run.input(buf.subarray(0, n));
    run.read(n);
    at += n;
  }
  return at;
}

/**
 * Compressed bytes a lane reads per call from a local pack: one of our frames compresses to at
 * most a little over a MiB, so one usually fits, and the buffer doubles for a larger one. 4 MiB
 * kept ~3 MB more resident per lane for no time measured (restore of 100,000 files: 200–204 →
 * 197 MB peak, the same wall and CPU).
 */
let fileBuffer: Buffer = Buffer.allocUnsafe(1024 * 1024 + 128 * 1024);

/** Compressed bytes a lane reads from a file between two acknowledgements (see Run.read). */
const ACK_BYTES = 4 * 1024 * 1024;

/** A stretch whose compressed bytes the lane reads itself from a local file. */
async function readFile(run: Run, f: LaneFile): Promise<void> {
  let fd: number;
  try {
    fd = fs.openSync(f.path, 'r');
  } catch (err) {
    throw unreadable(err, f, run.seg.packName);
  }
  try {
    let at: number;
    if (run.seg.codec === 'zstd') ({ at, buf: fileBuffer } = await readZstdFile(run, fd, f, fileBuffer));
    else at = await readGzipFile(run, fd, f, fileBuffer);
    run.flush();
    if (run.enough) return run.done();
    if (run.seg.last && at !== f.packSize)
      damaged(
        `pack ${run.seg.packName} does not match its recorded size`,
        'the stored pack is damaged; verify the stored snapshots and restore another one',
      );
    await run.end();
  } finally {
    fs.closeSync(fd);
  }
}

let run: Run | undefined;

async function handle(m: LaneRequest): Promise<void> {
  if (m.op === 'begin') {
    run?.stream.abandon();
    const r = (run = new Run(m.seg));
    if (m.seg.file) await r.guard(() => readFile(r, m.seg.file!));
    return;
  }
  const r = run;
  // Input for a stretch that failed, finished or was abandoned: nothing more to say about it.
  if (!r || m.seg !== r.seg.id || r.over) return;
  await r.guard(async () => {
    if (m.op === 'end') return r.end();
    await r.input(m.slot !== undefined ? slots.subarray(m.slot * slotBytes, m.slot * slotBytes + m.n) : m.data!);
    r.ack(m.n, m.slot);
    if (r.enough) r.done();
  });
}

// Messages are handled one after another: each waits for the decoder before the next starts.
let queue = Promise.resolve();
port.on('message', (m: LaneRequest) => {
  queue = queue.then(() => handle(m));
});
