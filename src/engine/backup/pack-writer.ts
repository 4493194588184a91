import { createHash } from 'node:crypto';
import fs, { type FileHandle } from 'node:fs/promises';
import { Header, Pax, type HeaderData } from 'tar';
import { CODEC_CONCURRENCY, FrameCompressor, FRAME_BYTES } from '../../snapshot/codec.js';
import { permissionBits } from '../../snapshot/entry-mode.js';
import { ChangedError, ioError } from '../../shared/errors.js';
import type { Codec, Entry, FileEntry, Location, PackInfo, SnapshotKind } from '../../snapshot/manifest.js';
import { META_DIR } from '../../snapshot/manifest.js';
import { orderedMap } from '../../shared/ordered-pool.js';
import { ReadHasher } from '../../workers/read-hasher.js';
import type { Store } from '../../storage/store.js';

/** What the writer is asked to put in a pack: a directory, a symlink, or a file to read. */
export type PackItem =
  | { type: 'dir'; path: string; mtimeMs: number; mode: number }
  | { type: 'symlink'; path: string; target: string; mtimeMs: number }
  | {
      type: 'file';
      path: string;
      /** Where to read it (the resolved target when links are followed). */
      absPath: string;
      /** From a previous hashing pass: the content must still hash to this. */
      expectedSha256?: string;
      /** Bytes already read (an index's commit file, as the selection saw it): stored as they are, not re-read. */
      content?: Buffer;
      mtimeMs?: number;
      /** Permission bits of stored `content` (a file that is read gets them from its own stat). */
      mode?: number;
    };

export interface PackWriteOptions {
  store: Store;
  key: string;
  name: string;
  codec: Codec;
  level: number;
  snapshotId: string;
  series: string;
  kind: SnapshotKind;
  index: number;
  createdAt: string;
  tool: string;
  items: readonly PackItem[];
  /** Called with the number of source bytes just read. */
  onBytes?: (n: number) => void;
  /** How often a small file that keeps changing is read again before giving up. */
  rereads?: number;
  /** The worker that reads and hashes large files; one of its own when not given. */
  reader?: ReadHasher;
  /** Ask the store to read the pack back as it writes it (PutOptions.readBack). */
  readBack?: boolean;
}

export interface PackWriteResult {
  info: PackInfo;
  /** File entries as read (size, hash, mode, mtime) with their locations in this pack. */
  files: FileEntry[];
  /** The store read the pack back as it wrote it and found it equal: no second read needed. */
  readBack: boolean;
  /** Settles once the pack would survive a crash: await it before publishing a manifest that names it. */
  durable: Promise<void>;
}

const ZERO = Buffer.alloc(1024);
/** Reads of a large file queued on the read-hash worker ahead of the one being waited for. */
const READ_AHEAD = 3;

/** Names of the pack's own metadata members, under the reserved directory. */
export function packMetaPaths(snapshotId: string, index: number): { descriptor: string; listing: string } {
  const n = String(index).padStart(3, '0');
  return { descriptor: `${META_DIR}/${snapshotId}/pack-${n}.json`, listing: `${META_DIR}/${snapshotId}/pack-${n}.index.json` };
}

/** One tar record header (plus a pax header when a field does not fit ustar), via node-tar. */
export function tarHeader(data: HeaderData): Buffer {
  // A path that cannot fit ustar's name and prefix fields goes in the pax header only: node-tar's
  // search for a split costs the square of the path's length.
  const long = data.path !== undefined && Buffer.byteLength(data.path) > 256;
  const header = new Header({ uid: 0, gid: 0, uname: '', gname: '', ...data, ...(long ? { path: data.path!.slice(0, 99) } : {}) });
  const block = Buffer.alloc(512);
  if (header.encode(block, 0) || long) {
    const pax = new Pax({ path: data.path, linkpath: data.linkpath, size: data.size, mtime: data.mtime }).encode();
    return Buffer.concat([pax, block]);
  }
  return block;
}

function padding(size: number): Buffer {
  const rem = size % 512;
  return rem === 0 ? Buffer.alloc(0) : ZERO.subarray(0, 512 - rem);
}

/**
 * Writes one pack: a descriptor member first, then the items, then a listing of what the pack
 * holds (with every file's sha256), then the tar end blocks. The tar stream is cut into frames
 * of exactly FRAME_BYTES, each compressed on its own, so frames are compressed on all cores and
 * any member can later be read by fetching just the frames that hold it.
 */
export async function writePack(opts: PackWriteOptions): Promise<PackWriteResult> {
  const files: FileEntry[] = [];
  // Raw [start, end) of each file's record; turned into compressed ranges once frames are sized.
  const spans: Array<[number, number]> = [];
  let rawPos = 0;
  const meta = packMetaPaths(opts.snapshotId, opts.index);

  // Raw frames are recycled once compressed: a backup then allocates a handful of frame buffers,
  // not one per frame, and dead buffers do not pile up in memory between garbage collections.
  const reader = opts.reader ?? new ReadHasher();
  // In shared memory, so the read-hash worker can fill them in place.
  const newFrame = () => reader.frame(FRAME_BYTES);
  let frame = newFrame();
  let fill = 0;

  function* append(buf: Buffer): Generator<Buffer> {
    let off = 0;
    while (off < buf.length) {
      const n = Math.min(buf.length - off, FRAME_BYTES - fill);
      buf.copy(frame, fill, off, off + n);
      fill += n;
      off += n;
      rawPos += n;
      if (fill === FRAME_BYTES) {
        yield frame;
        frame = newFrame();
        fill = 0;
      }
    }
  }

  const metaMember = (path: string, body: Buffer): Buffer[] => [
    tarHeader({ path, type: 'File', mode: 0o644, size: body.length, mtime: new Date(opts.createdAt) }),
    body,
    padding(body.length),
  ];

  /**
   * Reads a large file straight into frames on the read-hash worker: one read feeds both the
   * hash and the compressor, and neither the bytes nor the hashing pass through this thread.
   */
  async function* streamLarge(fh: FileHandle, size: number, hash: number, path: string): AsyncGenerator<Buffer> {
    // Reads are queued a few frames ahead, so the worker reads and hashes the next piece while
    // this thread hands the last one to the compressor.
    const pending: Array<{ length: number; read: Promise<number> }> = [];
    const ahead: Buffer[] = [];
    let planned = 0;
    let planFrame = frame;
    let planFill = fill;
    const plan = () => {
      while (pending.length < READ_AHEAD && planned < size) {
        if (planFill === FRAME_BYTES) {
          planFrame = newFrame();
          ahead.push(planFrame);
          planFill = 0;
        }
        const length = Math.min(size - planned, FRAME_BYTES - planFill);
        const read = reader.read(fh.fd, planFrame, planFill, length, planned, hash);
        read.catch(() => {}); // awaited in order below
        pending.push({ length, read });
        planFill += length;
        planned += length;
      }
    };
    try {
      plan();
      while (pending.length > 0) {
        const piece = pending.shift()!;
        const got = await piece.read;
        if (got !== piece.length) throw new ChangedError(`${path} shrank while it was being read`, changedHint(path));
        fill += got;
        rawPos += got;
        opts.onBytes?.(got);
        plan();
        if (fill === FRAME_BYTES) {
          yield frame;
          frame = ahead.shift() ?? newFrame();
          fill = 0;
        }
      }
    } finally {
      // On failure, let queued reads finish before the frames they fill can be reused.
      await Promise.allSettled(pending.map((p) => p.read));
    }
  }

  async function* readFile(item: Extract<PackItem, { type: 'file' }>): AsyncGenerator<Buffer> {
    if (item.content) {
      const data = item.content;
      const start = rawPos;
      const mtimeMs = item.mtimeMs ?? Date.now();
      const mode = item.mode ?? 0o644;
      yield* append(tarHeader({ path: item.path, type: 'File', mode, size: data.length, mtime: new Date(mtimeMs) }));
      yield* append(data);
      yield* append(padding(data.length));
      opts.onBytes?.(data.length);
      files.push({ path: item.path, type: 'file', size: data.length, exec: (mode & 0o111) !== 0, mode, mtimeMs, sha256: createHash('sha256').update(data).digest('hex'), loc: { pack: -1, offset: 0, length: 0, raw: 0, skip: 0, span: 0 } });
      spans.push([start, rawPos]);
      return;
    }
    const tries = Math.max(1, (opts.rereads ?? 3) + 1);
    for (let attempt = 1; ; attempt++) {
      let fh: FileHandle;
      try {
        fh = await fs.open(item.absPath, 'r');
      } catch (err) {
        throw ioError(err, 'cannot open', item.absPath);
      }
      try {
        const before = await fh.stat({ bigint: true });
        const size = Number(before.size);
        const header = (sz: number) =>
          tarHeader({ path: item.path, type: 'File', mode: permissionBits(before.mode), size: sz, mtime: new Date(Number(before.mtimeNs / 1_000_000n)) });
        const start = rawPos;
        if (size <= FRAME_BYTES) {
          const hash = createHash('sha256');
          // Small files are read whole before anything is emitted, so a change can be retried.
          const data = Buffer.allocUnsafe(size);
          let got = 0;
          while (got < size) {
            const { bytesRead } = await fh.read(data, got, size - got, got);
            if (bytesRead === 0) break;
            got += bytesRead;
          }
          const after = await fh.stat({ bigint: true });
          const sha = hash.update(data.subarray(0, got)).digest('hex');
          const changed = got !== size || !sameStat(before, after) || (item.expectedSha256 !== undefined && sha !== item.expectedSha256);
          if (changed) {
            if (attempt < tries) continue;
            throw new ChangedError(`${item.path} kept changing while it was being read (${tries} tries)`, changedHint(item.path));
          }
          opts.onBytes?.(size);
          yield* append(header(size));
          yield* append(data);
          yield* append(padding(size));
          files.push(fileEntry(item.path, before, sha));
        } else {
          yield* append(header(size));
          const hash = reader.begin();
          let read = false;
          try {
            yield* streamLarge(fh, size, hash, item.path);
            read = true;
          } finally {
            if (!read) await reader.drop(hash).catch(() => {}); // the failure that got here is the one to report
          }
          const sha = await reader.digest(hash);
          const after = await fh.stat({ bigint: true });
          if (!sameStat(before, after) || (item.expectedSha256 !== undefined && sha !== item.expectedSha256)) {
            // Its bytes are already in the stream: a torn copy must not be published.
            throw new ChangedError(`${item.path} changed while it was being read`, changedHint(item.path));
          }
          yield* append(padding(size));
          files.push(fileEntry(item.path, before, sha));
        }
        spans.push([start, rawPos]);
        return;
      } catch (err) {
        throw ioError(err, 'cannot read', item.absPath);
      } finally {
        await fh.close();
      }
    }
  }

  async function* rawFrames(): AsyncGenerator<Buffer> {
    const descriptor = Buffer.from(
      JSON.stringify({
        format: 'index-vault.pack',
        formatVersion: 1,
        tool: opts.tool,
        snapshot: opts.snapshotId,
        series: opts.series,
        kind: opts.kind,
        pack: opts.name,
        index: opts.index,
        createdAt: opts.createdAt,
        listing: meta.listing,
      }) + '\n',
    );
    for (const b of metaMember(meta.descriptor, descriptor)) yield* append(b);
    for (const item of opts.items) {
      if (item.type === 'dir') {
        yield* append(tarHeader({ path: `${item.path}/`, type: 'Directory', mode: item.mode, size: 0, mtime: new Date(item.mtimeMs) }));
      } else if (item.type === 'symlink') {
        yield* append(tarHeader({ path: item.path, type: 'SymbolicLink', linkpath: item.target, mode: 0o777, size: 0, mtime: new Date(item.mtimeMs) }));
      } else {
        yield* readFile(item);
      }
    }
    const listing = Buffer.from(
      JSON.stringify({ format: 'index-vault.pack-index', formatVersion: 2, snapshot: opts.snapshotId, pack: opts.name, files: files.map(({ loc: _loc, ...f }) => f) }) + '\n',
    );
    for (const b of metaMember(meta.listing, listing)) yield* append(b);
    yield* append(ZERO);
    if (fill > 0) yield frame.subarray(0, fill);
  }

  const frameSizes: number[] = [];
  const packHash = createHash('sha256');
  const compressor = new FrameCompressor(opts.codec, opts.level);
  async function* compressed(): AsyncGenerator<Buffer> {
    const compress = async (raw: Buffer) => {
      const out = await compressor.compress(raw);
      reader.recycle(raw);
      return out;
    };
    for await (const parts of orderedMap(rawFrames(), CODEC_CONCURRENCY, compress)) {
      let size = 0;
      for (const part of parts) {
        packHash.update(part);
        size += part.length;
        yield part;
      }
      frameSizes.push(size);
    }
  }

  let stored;
  try {
    stored = await opts.store.put(opts.key, compressed(), { readBack: opts.readBack, deferDurable: true });
  } finally {
    compressor.close();
    if (!opts.reader) await reader.close();
  }
  const frameStarts = [0];
  for (const s of frameSizes) frameStarts.push(frameStarts[frameStarts.length - 1]! + s);
  files.forEach((f, i) => {
    const [start, end] = spans[i]!;
    const first = Math.floor(start / FRAME_BYTES);
    const last = Math.floor((end - 1) / FRAME_BYTES);
    f.loc = {
      pack: -1,
      offset: frameStarts[first]!,
      length: frameStarts[last + 1]! - frameStarts[first]!,
      raw: start,
      skip: start - first * FRAME_BYTES,
      span: end - start,
    } satisfies Location;
  });
  return {
    info: { name: opts.name, origin: opts.snapshotId, codec: opts.codec, size: stored.size, sha256: packHash.digest('hex'), rawSize: rawPos },
    readBack: stored.readBack === true,
    durable: stored.durable ?? Promise.resolve(),
    files,
  };
}

function sameStat(a: import('node:fs').BigIntStats, b: import('node:fs').BigIntStats): boolean {
  return a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs && a.ino === b.ino;
}

function fileEntry(path: string, st: import('node:fs').BigIntStats, sha256: string): FileEntry {
  return {
    path,
    type: 'file',
    size: Number(st.size),
    exec: (Number(st.mode) & 0o111) !== 0,
    mode: permissionBits(st.mode),
    mtimeMs: Number(st.mtimeNs / 1_000_000n),
    sha256,
    loc: { pack: -1, offset: 0, length: 0, raw: 0, skip: 0, span: 0 },
  };
}

function changedHint(path: string): { hint: string; details: Record<string, unknown> } {
  return {
    hint: 'something is writing to the index; back up after the writer has finished (or with the index-aware format)',
    details: { path, remedy: 'format-aware' },
  };
}

export type { Entry };
