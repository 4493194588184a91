/**
 * One restore lane: a worker thread that decodes a stretch of a pack's zstd frames, checks every
 * tar record in it against the manifest, hashes each wanted file and writes it into staging.
 * Several lanes work on different stretches of a pack at once, so decoding, hashing and writing
 * use every core instead of queueing behind one thread.
 *
 * `laneMain` is the worker's whole program: its source text is what the worker runs, so it
 * imports nothing and reaches built-in modules through `process.getBuiltinModule` (a bundle then
 * needs no file of its own beside it). Errors travel back as plain data (`LaneError`); the main
 * thread turns them into the project's error classes.
 */

import type { MemberExpectation } from '../snapshot/member-expectation.js';

/** Where a wanted file goes: the first destination is written, the others are copies of it. */
export interface LaneDest {
  path: string;
  rel: string;
  /** Mode to give the file once written (it is created owner-only). */
  mode: number;
  mtimeMs: number;
}

/** What the manifest says about one member of the stretch (`raw`: where a file's record starts). */
export interface LaneMember extends Pick<MemberExpectation, 'member' | 'type' | 'size' | 'sha256' | 'target' | 'raw'> {
  /** Set for files to restore: they are hashed, checked and written. */
  dests?: LaneDest[];
  /** Hash and check the file without writing it (verify). Files with neither are skipped unhashed. */
  hash?: boolean;
}

/** A raw byte range [start, end) of tar records; `first` is the member whose record starts it. */
export interface LaneWindow {
  start: number;
  end: number;
  first: string | null;
}

/**
 * A stretch the lane reads itself from a local file holding the pack: compressed bytes
 * [offset, end), frames starting after `lastFrameStart` left to the next stretch, and a frame
 * required to start at `nextFrame` (when not -1).
 */
export interface LaneFile {
  path: string;
  offset: number;
  end: number;
  lastFrameStart: number;
  nextFrame: number;
  packSize: number;
  maxFrameBytes: number;
}

export interface LaneSegment {
  id: number;
  /** Read the frames from this file instead of receiving them. */
  file?: LaneFile;
  packName: string;
  /** Raw position at which the first frame sent for this segment starts. */
  frameRaw: number;
  windows: LaneWindow[];
  /** The stretch runs to the end of the pack: it must decode to exactly `rawSize`. */
  last: boolean;
  rawSize: number;
  /** Every member must be listed (the pack was written by the snapshot being restored). */
  strict: boolean;
  members: LaneMember[];
  metaPattern: string;
  maxMeta: number;
  maxFrameRaw: number;
  /** Output buffer size: one buffer holds a whole frame of the usual size, with no copying. */
  outputChunk: number;
  holeMin: number;
  writeFlags: number;
}

export type LaneError =
  | { kind: 'integrity' | 'unsafe'; message: string; hint?: string; path?: string }
  | { kind: 'io'; action: string; file: string; rel: string; code?: string; message: string; syscall?: string };

/** A frame is either in shared slot `slot` or handed over as `data`; `n` is its length. */
export type LaneRequest = { op: 'begin'; seg: LaneSegment } | { op: 'frame'; seg: number; slot?: number; data?: Uint8Array; n: number } | { op: 'end'; seg: number };

export type LaneReply =
  | { op: 'ack'; seg: number; slot?: number; n: number; bytes: number; files: number }
  | { op: 'done'; seg: number; names: string[]; written: string[] }
  | { op: 'error'; seg: number; error: LaneError };

const TYPE_NAMES: Record<string, string> = {
  '1': 'Link',
  '3': 'CharacterDevice',
  '4': 'BlockDevice',
  '6': 'FIFO',
  g: 'GlobalExtendedHeader',
  L: 'NextFileHasLongPath',
  K: 'NextFileHasLongLinkpath',
  V: 'VolumeLabel',
  M: 'MultiVolume',
  S: 'SparseFile',
};

export function laneMain(typeNames: Record<string, string>): void {
  const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
  const fs = process.getBuiltinModule('node:fs');
  const zlib = process.getBuiltinModule('node:zlib');
  const { createHash } = process.getBuiltinModule('node:crypto');
  const port = parentPort!;
  const ZEROS = Buffer.alloc(1024 * 1024);
  /** Whether every byte is zero, for pieces of any length. */
  const allZero = (buf: Buffer): boolean => {
    for (let i = 0; i < buf.length; i += ZEROS.length) {
      const part = buf.subarray(i, i + ZEROS.length);
      if (!part.equals(ZEROS.subarray(0, part.length))) return false;
    }
    return true;
  };
  const { slots: shared, slotBytes } = workerData as { slots: SharedArrayBuffer; slotBytes: number };
  const slots = Buffer.from(shared);

  class Fail extends Error {
    constructor(readonly info: LaneError) {
      super(info.message);
    }
  }
  const integrity = (message: string, path?: string): never => {
    throw new Fail({ kind: 'integrity', message, hint: 'the pack is damaged', path });
  };
  const unsafe = (message: string, path?: string): never => {
    throw new Fail({ kind: 'unsafe', message, path });
  };
  const io = (err: unknown, action: string, dest: LaneDest): never => {
    const e = err as NodeJS.ErrnoException;
    throw new Fail({ kind: 'io', action, file: dest.path, rel: dest.rel, code: e?.code, message: String(e?.message ?? err), syscall: e?.syscall });
  };

  interface Open {
    m: LaneMember;
    name: string;
    left: number;
    at: number;
    fd?: number;
    hash?: ReturnType<typeof createHash>;
  }

  let seg: LaneSegment | undefined;
  let members = new Map<string, LaneMember>();
  let meta: RegExp = /$^/;
  let failed = false;
  let finished = false;
  let pos = 0;
  let w = 0;
  let state: 'head' | 'pax' | 'data' | 'pad' | 'eof' = 'head';
  const head = Buffer.alloc(512);
  let headLen = 0;
  let pax: Buffer[] = [];
  let paxLeft = 0;
  let paxAttrs: Record<string, string> | undefined;
  let padLeft = 0;
  let recordStart = -1;
  let windowFresh = true;
  let cur: Open | undefined;
  let seen = new Set<string>();
  let names: string[] = [];
  let written: string[] = [];
  let bytes = 0;
  let files = 0;

  const closeCurrent = (): void => {
    if (cur?.fd !== undefined) {
      try {
        fs.closeSync(cur.fd);
      } catch {
        // already failing
      }
    }
    cur = undefined;
  };

  const octal = (buf: Buffer, at: number, len: number): number => {
    if (buf[at]! & 0x80) {
      // base-256, as GNU tar writes sizes beyond the octal field
      let v = 0;
      for (let i = at + 1; i < at + len; i++) v = v * 256 + buf[i]!;
      return v;
    }
    const s = buf.toString('latin1', at, at + len).replace(/\0.*$/s, '').trim();
    if (s === '') return 0;
    if (!/^[0-7]+$/.test(s)) return NaN;
    return parseInt(s, 8);
  };
  const text = (buf: Buffer, at: number, len: number): string => {
    const end = buf.indexOf(0, at);
    return buf.toString('utf8', at, end < 0 || end > at + len ? at + len : end);
  };

  const parsePax = (body: Buffer): Record<string, string> => {
    const out: Record<string, string> = {};
    let p = 0;
    while (p < body.length) {
      if (body[p] === 0) break;
      const sp = body.indexOf(0x20, p);
      const len = sp < 0 ? NaN : Number(body.toString('latin1', p, sp));
      if (!Number.isInteger(len) || len <= sp - p || p + len > body.length || body[p + len - 1] !== 0x0a) integrity(`pack ${seg!.packName} has a malformed pax header`);
      const rec = body.toString('utf8', sp + 1, p + len - 1);
      const eq = rec.indexOf('=');
      if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
      p += len;
    }
    return out;
  };

  const beginMember = (name: string, kind: 'file' | 'dir' | 'symlink', size: number, linkpath: string, start: number): void => {
    const s = seg!;
    const win = s.windows[w]!;
    if (windowFresh) {
      windowFresh = false;
      if (win.first !== null && (name !== win.first || start !== win.start)) {
        integrity(`pack ${s.packName} does not hold ${JSON.stringify(win.first)} where its manifest places it`, win.first);
      }
    }
    if (seen.has(name)) unsafe(`pack ${s.packName} holds ${JSON.stringify(name)} twice`, name);
    seen.add(name);
    names.push(name);
    const skip = (): void => {
      cur = { m: { member: name, type: kind }, name, left: size, at: 0 };
      state = size > 0 ? 'data' : 'head';
      if (size === 0) cur = undefined;
    };
    if (name.startsWith('.index-vault/')) {
      if (!meta.test(name) || kind !== 'file' || size > s.maxMeta) unsafe(`unexpected metadata member ${JSON.stringify(name)} in ${s.packName}`, name);
      return skip();
    }
    const m = members.get(name);
    if (!m) {
      if (s.strict) unsafe(`member ${JSON.stringify(name)} of ${s.packName} is not listed in the manifest`, name);
      return skip();
    }
    if (m.type !== kind) unsafe(`member ${JSON.stringify(name)} is a ${kind} in the pack but a ${m.type} in the manifest`, name);
    if (kind === 'symlink' && linkpath !== m.target) {
      unsafe(`symlink ${JSON.stringify(name)} points to ${JSON.stringify(linkpath)} in the pack, ${JSON.stringify(m.target)} in the manifest`, name);
    }
    if (kind !== 'file') return skip();
    if (m.raw !== undefined && start !== m.raw) integrity(`member ${JSON.stringify(name)} starts at byte ${start} of ${s.packName}, not at ${m.raw} as its manifest says`, name);
    if (size !== m.size) unsafe(`member ${JSON.stringify(name)} has ${size} bytes in the pack but ${m.size} in the manifest`, name);
    if (!m.dests && !m.hash) return skip();
    let fd: number | undefined;
    if (m.dests) {
      try {
        fd = fs.openSync(m.dests[0]!.path, s.writeFlags, 0o600);
      } catch (err) {
        return io(err, 'cannot create', m.dests[0]!);
      }
    }
    cur = { m, name, left: size, at: 0, fd, hash: createHash('sha256') };
    state = 'data';
    if (size === 0) {
      finishFile();
      state = 'head';
    }
  };

  const finishFile = (): void => {
    const c = cur!;
    const m = c.m;
    if (c.hash!.digest('hex') !== m.sha256) {
      throw new Fail({
        kind: 'integrity',
        message: `content of ${JSON.stringify(c.name)} does not match its sha256 in the manifest`,
        hint: 'the pack is damaged; run `index-vault verify` and restore another snapshot',
        path: c.name,
      });
    }
    if (!m.dests) {
      files++;
      cur = undefined;
      return;
    }
    const first = m.dests[0]!;
    const fd = c.fd!;
    try {
      fs.ftruncateSync(fd, m.size); // materializes a trailing hole
      fs.fchmodSync(fd, first.mode);
      fs.futimesSync(fd, first.mtimeMs / 1000, first.mtimeMs / 1000);
    } catch (err) {
      io(err, 'cannot finish', first);
    } finally {
      c.fd = undefined;
      fs.closeSync(fd);
    }
    for (const other of m.dests!.slice(1)) {
      try {
        fs.copyFileSync(first.path, other.path, fs.constants.COPYFILE_EXCL | fs.constants.COPYFILE_FICLONE);
      } catch (err) {
        io(err, 'cannot create', other);
      }
      try {
        fs.chmodSync(other.path, other.mode);
        fs.utimesSync(other.path, other.mtimeMs / 1000, other.mtimeMs / 1000);
      } catch (err) {
        io(err, 'cannot finish', other);
      }
    }
    written.push(c.name);
    files += m.dests!.length;
    cur = undefined;
  };

  const header = (abs: number): void => {
    const s = seg!;
    if (head.equals(ZEROS.subarray(0, 512))) {
      if (!s.last || w !== s.windows.length - 1 || paxAttrs) integrity(`pack ${s.packName} ends its tar stream early, at byte ${abs}`);
      state = 'eof';
      return;
    }
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : head[i]!;
    if (sum !== octal(head, 148, 8)) {
      integrity(abs === 0 ? `pack ${s.packName} does not start with a tar header` : `pack ${s.packName} is not a valid tar stream: no header at byte ${abs}`);
    }
    if (recordStart < 0) recordStart = abs;
    const flag = String.fromCharCode(head[156]!);
    let size = octal(head, 124, 12);
    if (!Number.isFinite(size)) integrity(`pack ${s.packName} has a tar header with an invalid size at byte ${abs}`);
    if (flag === 'x') {
      if (paxAttrs) integrity(`pack ${s.packName} has two pax headers in a row at byte ${abs}`);
      if (size > 1024 * 1024) unsafe(`pack ${s.packName} has a pax header of ${size} bytes`);
      pax = [];
      paxLeft = size;
      padLeft = (512 - (size % 512)) % 512;
      state = size > 0 ? 'pax' : padLeft > 0 ? 'pad' : 'head';
      if (size === 0) paxAttrs = {};
      return;
    }
    const kind = flag === '0' || flag === '\0' || flag === '7' ? 'file' : flag === '5' ? 'dir' : flag === '2' ? 'symlink' : undefined;
    const ustar = head.toString('latin1', 257, 262) === 'ustar';
    const prefix = ustar ? text(head, 345, 155) : '';
    const short = text(head, 0, 100);
    let name = paxAttrs?.path ?? (prefix ? `${prefix}/${short}` : short);
    const linkpath = paxAttrs?.linkpath ?? text(head, 157, 100);
    if (paxAttrs?.size !== undefined) size = Number(paxAttrs.size);
    if (!Number.isSafeInteger(size) || size < 0) integrity(`pack ${s.packName} has a tar header with an invalid size at byte ${abs}`);
    paxAttrs = undefined;
    const start = recordStart;
    recordStart = -1;
    if (kind === undefined) {
      unsafe(`refusing ${typeNames[flag] ?? `type ${JSON.stringify(flag)}`} member ${JSON.stringify(name)} in ${s.packName}: only files, directories and symlinks are restored`, name);
    }
    if (kind === 'dir' && name.endsWith('/')) name = name.slice(0, -1);
    padLeft = (512 - (size % 512)) % 512;
    state = 'head';
    beginMember(name, kind!, kind === 'file' ? size : 0, linkpath, start);
    if (kind !== 'file' && size > 0) {
      // a directory or link record with a body: skip it whole
      cur = { m: { member: name, type: kind! }, name, left: size, at: 0 };
      state = 'data';
    }
    if (state === 'head' && padLeft > 0) state = 'pad';
  };

  /** Feeds raw bytes [off, end) of `raw`, all inside the current window. */
  const consume = (raw: Buffer, off: number, end: number): void => {
    while (off < end) {
      const abs = pos + off;
      if (state === 'head') {
        const k = Math.min(512 - headLen, end - off);
        raw.copy(head, headLen, off, off + k);
        headLen += k;
        off += k;
        if (headLen === 512) {
          headLen = 0;
          header(abs + k - 512);
        }
      } else if (state === 'pax') {
        const k = Math.min(paxLeft, end - off);
        pax.push(Buffer.from(raw.subarray(off, off + k)));
        paxLeft -= k;
        off += k;
        if (paxLeft === 0) {
          paxAttrs = parsePax(Buffer.concat(pax));
          pax = [];
          state = padLeft > 0 ? 'pad' : 'head';
        }
      } else if (state === 'data') {
        const c = cur!;
        const k = Math.min(c.left, end - off);
        const piece = raw.subarray(off, off + k);
        if (c.hash) {
          c.hash.update(piece);
          bytes += k;
        }
        if (c.fd !== undefined) {
          // Long zero runs are left as holes, so sparse and zero-filled files stay sparse.
          if (!(k >= seg!.holeMin && allZero(piece))) {
            let done = 0;
            try {
              while (done < k) done += fs.writeSync(c.fd, piece, done, k - done, c.at + done);
            } catch (err) {
              io(err, 'cannot write', c.m.dests![0]!);
            }
          }
        }
        c.at += k;
        c.left -= k;
        off += k;
        if (c.left === 0) {
          if (c.hash) finishFile();
          cur = undefined;
          state = padLeft > 0 ? 'pad' : 'head';
        }
      } else if (state === 'pad') {
        const k = Math.min(padLeft, end - off);
        padLeft -= k;
        off += k;
        if (padLeft === 0) state = 'head';
      } else {
        // After the end-of-archive blocks only zeros may follow.
        if (!allZero(raw.subarray(off, end))) integrity(`pack ${seg!.packName} has data after its end-of-archive marker`);
        off = end;
      }
    }
  };

  const endWindow = (): void => {
    if (state === 'eof') return;
    if (state !== 'head' || headLen !== 0 || paxAttrs || recordStart >= 0) {
      integrity(`pack ${seg!.packName} has a member that crosses the end of the range its manifest gives (byte ${seg!.windows[w]!.end})`);
    }
  };

  const decoded = (raw: Buffer): void => {
    const s = seg!;
    let off = 0;
    while (off < raw.length && w < s.windows.length) {
      const win = s.windows[w]!;
      const abs = pos + off;
      if (abs < win.start) {
        off += Math.min(win.start - abs, raw.length - off);
        continue;
      }
      const end = Math.min(raw.length, off + (win.end - abs));
      consume(raw, off, end);
      off = end;
      if (pos + off === win.end) {
        endWindow();
        w++;
        windowFresh = true;
        state = 'head';
      }
    }
    pos += raw.length;
  };

  const complete = (): void => {
    finished = true;
    port.postMessage({ op: 'done', seg: seg!.id, names, written } satisfies LaneReply);
  };

  /**
   * zlib's streaming decoder driven synchronously through its handle, as zlib's own sync
   * functions do inside; those make a new context and new buffers for every call. Undefined where
   * a Node.js version lacks these internals: then every frame takes the public one-shot call.
   */
  interface Handle {
    writeSync(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): void;
  }
  interface Internals {
    _handle?: Handle | null;
    _writeState?: Uint32Array;
    _finishFlushFlag?: number;
  }
  let dec: { stream: Internals; handle: Handle; state: Uint32Array; flush: number; kError: symbol } | undefined;
  let out: Buffer | undefined;
  const decoder = (): typeof dec => {
    if (dec) return dec;
    const stream = zlib.createZstdDecompress();
    stream.on('error', () => {}); // reported through the closed handle, below
    const i = stream as unknown as Internals;
    const kError = Object.getOwnPropertySymbols(stream).find((x) => x.description === 'kError');
    if (!i._handle || typeof i._handle.writeSync !== 'function' || !(i._writeState instanceof Uint32Array) || typeof i._finishFlushFlag !== 'number' || !kError) {
      stream.destroy();
      return undefined;
    }
    dec = { stream: i, handle: i._handle, state: i._writeState, flush: i._finishFlushFlag, kError };
    return dec;
  };

  const frame = (data: Uint8Array): void => {
    const s = seg!;
    let cap = s.maxFrameRaw;
    if (s.last) {
      if (pos >= s.rawSize && data.length > 0) integrity(`pack ${s.packName} decodes to more than the ${s.rawSize} bytes its manifest declares`);
      cap = Math.min(cap, s.rawSize - pos + 1);
    }
    const tooLarge = (): never => {
      if (cap < s.maxFrameRaw) integrity(`pack ${s.packName} decodes to more than the ${s.rawSize} bytes its manifest declares`);
      return integrity(`a zstd frame of ${s.packName} decodes to more than ${s.maxFrameRaw} bytes`);
    };
    const d = decoder();
    if (d) {
      // One long-lived context and one output buffer for every frame: no allocation per frame.
      out ??= Buffer.allocUnsafe(s.outputChunk);
      let inOff = 0;
      let inLen = data.length;
      let total = 0;
      for (;;) {
        d.handle.writeSync(d.flush, data, inOff, inLen, out, 0, out.length);
        const failure = (d.stream as unknown as Record<symbol, Error | undefined>)[d.kError];
        if (!d.stream._handle || failure) {
          dec = undefined; // a failed context is closed; the next frame gets a new one
          const why = failure?.message ?? 'corrupt data';
          integrity(`a zstd frame of ${s.packName} does not decode: ${why}`);
        }
        const availOut = d.state[0]!;
        const availIn = d.state[1]!;
        const have = out.length - availOut;
        total += have;
        if (total > cap) tooLarge();
        if (have > 0) decoded(out.subarray(0, have));
        inOff += inLen - availIn;
        inLen = availIn;
        if (availOut !== 0 && inLen === 0) break;
      }
    } else {
      let raw: Buffer;
      try {
        raw = zlib.zstdDecompressSync(data, { maxOutputLength: cap, chunkSize: s.outputChunk });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') tooLarge();
        return integrity(`a zstd frame of ${s.packName} does not decode: ${(err as Error).message}`);
      }
      if (s.last && pos + raw.length > s.rawSize) tooLarge();
      decoded(raw);
    }
    if (!s.last && w >= s.windows.length) complete();
  };

  /** The stretch's frames have all arrived: it must have held every window it was meant to. */
  const end = (): void => {
    const s = seg!;
    if (w < s.windows.length) integrity(s.last ? `pack ${s.packName} ends before its ${s.rawSize} bytes` : `a ranged read of ${s.packName} ended before the members it should hold`);
    if (s.last && pos !== s.rawSize) integrity(`pack ${s.packName} decodes to ${pos} bytes, not the ${s.rawSize} its manifest declares`);
    complete();
  };

  const fail = (err: unknown): void => {
    failed = true;
    closeCurrent();
    const error: LaneError = err instanceof Fail ? err.info : { kind: 'integrity', message: `restore lane failed: ${(err as Error)?.message ?? String(err)}` };
    port.postMessage({ op: 'error', seg: seg!.id, error } satisfies LaneReply);
  };

  let input: Buffer | undefined;
  /**
   * Reads a stretch's frames from the file straight into one reused buffer: zstd frame headers
   * and block headers give each frame's length without decoding it (the walk zstd-frames.ts does
   * on the main thread, which this self-contained worker program cannot import).
   */
  const readFile = (f: LaneFile): void => {
    const s = seg!;
    const damaged = (why: string): never => integrity(`pack ${s.packName}: ${why}`);
    // The pack's local file cannot be read: an I/O error naming it, not a damaged pack.
    const unreadable = (err: unknown): never => {
      const e = err as NodeJS.ErrnoException;
      throw new Fail({ kind: 'io', action: 'cannot read', file: f.path, rel: s.packName, code: e?.code, message: String(e?.message ?? err), syscall: e?.syscall });
    };
    let fd = -1;
    try {
      fd = fs.openSync(f.path, 'r');
    } catch (err) {
      unreadable(err);
    }
    try {
      input ??= Buffer.allocUnsafe(4 * 1024 * 1024);
      let at = f.offset; // file offset of input[start]
      let start = 0;
      let have = 0;
      /** Makes `need` bytes from `at` available in input[start...]; false where the range or file ends first. */
      const fill = (need: number): boolean => {
        if (have >= need) return true;
        if (start + need > input!.length) {
          if (need > input!.length) {
            const bigger = Buffer.allocUnsafe(need);
            input!.copy(bigger, 0, start, start + have);
            input = bigger;
          } else input!.copy(input!, 0, start, start + have);
          start = 0;
        }
        while (have < need) {
          const room = Math.min(input!.length - start - have, f.end - (at + have));
          if (room <= 0) return false;
          let n = 0;
          try {
            n = fs.readSync(fd, input!, start + have, room, at + have);
          } catch (err) {
            unreadable(err);
          }
          if (n === 0) return false;
          have += n;
        }
        return true;
      };
      const u8 = (i: number): number => input![start + i]!;
      while (at < f.end && at <= f.lastFrameStart && !finished) {
        if (!fill(5)) damaged(`it ends inside a zstd frame at byte ${at}`);
        const magic = input!.readUInt32LE(start);
        let len: number;
        if ((magic & 0xfffffff0) === 0x184d2a50) {
          if (!fill(8)) damaged(`it ends inside a zstd frame at byte ${at}`);
          len = 8 + input!.readUInt32LE(start + 4);
        } else {
          if (magic !== 0xfd2fb528) damaged(`no zstd frame starts at byte ${at}`);
          const fhd = u8(4);
          if (fhd & 0x08) damaged(`the zstd frame at byte ${at} has the reserved bit set`);
          const single = (fhd >> 5) & 1;
          const fcs = fhd >> 6;
          const checksum = (fhd >> 2) & 1 ? 4 : 0;
          len = 5 + (single ? 0 : 1) + [0, 1, 2, 4][fhd & 3]! + (fcs === 0 ? single : [0, 2, 4, 8][fcs]!);
          for (;;) {
            if (!fill(len + 3)) damaged(`it ends inside a zstd frame at byte ${at}`);
            const bh = u8(len) | (u8(len + 1) << 8) | (u8(len + 2) << 16);
            const type = (bh >> 1) & 3;
            if (type === 3) damaged(`a zstd block of reserved type at byte ${at + len}`);
            len += 3 + (type === 1 ? 1 : bh >>> 3);
            if (len > f.maxFrameBytes) damaged(`a zstd frame larger than ${f.maxFrameBytes} bytes at byte ${at}`);
            if (bh & 1) break;
          }
          len += checksum;
        }
        if (!fill(len)) damaged(`it ends inside a zstd frame at byte ${at}`);
        if (f.nextFrame >= 0 && at < f.nextFrame && at + len > f.nextFrame) damaged(`no frame starts at byte ${f.nextFrame}, where its manifest places one`);
        bytes = 0;
        files = 0;
        frame(input!.subarray(start, start + len));
        port.postMessage({ op: 'ack', seg: s.id, n: len, bytes, files } satisfies LaneReply);
        at += len;
        start += len;
        have -= len;
      }
      if (finished) return;
      if (s.last && at !== f.packSize) {
        throw new Fail({ kind: 'integrity', message: `pack ${s.packName} does not match its recorded size`, hint: 'the stored pack is damaged; run `index-vault verify` and restore another snapshot' });
      }
      end();
    } finally {
      fs.closeSync(fd);
    }
  };

  port.on('message', (m: LaneRequest) => {
    if (m.op === 'begin') {
      closeCurrent();
      seg = m.seg;
      members = new Map(seg.members.map((x) => [x.member, x]));
      meta = new RegExp(seg.metaPattern);
      failed = finished = false;
      pos = seg.frameRaw;
      w = 0;
      state = 'head';
      headLen = 0;
      pax = [];
      paxLeft = 0;
      padLeft = 0;
      paxAttrs = undefined;
      recordStart = -1;
      windowFresh = true;
      seen = new Set();
      names = [];
      written = [];
      if (seg.file) {
        try {
          readFile(seg.file);
        } catch (err) {
          fail(err);
        }
      }
      return;
    }
    if (!seg || m.seg !== seg.id || failed || finished) return;
    try {
      if (m.op === 'frame') {
        bytes = 0;
        files = 0;
        frame(m.slot !== undefined ? slots.subarray(m.slot * slotBytes, m.slot * slotBytes + m.n) : m.data!);
        port.postMessage({ op: 'ack', seg: seg.id, slot: m.slot, n: m.n, bytes, files } satisfies LaneReply);
      } else {
        end();
      }
    } catch (err) {
      fail(err);
    }
  });
}


/** The worker's program: `laneMain` as source text, called with what it needs from this module. */
export const LANE_SOURCE = `(${laneMain.toString()})(${JSON.stringify(TYPE_NAMES)});`;
