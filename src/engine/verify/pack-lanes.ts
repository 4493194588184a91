import { createHash } from 'node:crypto';
import { FRAME_BYTES, MAX_FRAME_RAW } from '../../snapshot/codec.js';
import { hashFile } from '../../fs-safety/hash-file.js';
import { checkAllPresent, checkUnique } from '../../snapshot/member-check.js';
import type { MemberExpectation } from '../../snapshot/member-expectation.js';
import type { MemberExpectations } from '../../snapshot/member-table.js';
import { collisionError, IntegrityError, ioError, UnsafeEntryError, type IndexVaultError } from '../../shared/errors.js';
import { LaneFailure, type LanePool, type SegmentResult } from '../../workers/lane-pool.js';
import type { PackInfo } from '../../snapshot/manifest.js';
import type { LaneDest, LaneError, LaneMember, LaneSegment, LaneWindow } from '../../workers/lane-protocol.js';
import { splitZstdFrames } from '../../snapshot/zstd-frames.js';
import { packMembers } from '../../workers/lane-members.js';
import type { LocalCopy, Store } from '../../storage/store.js';

/** A pack is cut into stretches of at least this many raw bytes, each restored by one lane. */
export const SEGMENT_RAW = 8 * 1024 * 1024;
/** Stretches read from files that wait on a lane behind the one it reads (see readPacksInLanes). */
export const STRETCHES_AHEAD = 2;
/** Runs of zeros at least this long are left as holes. */
const HOLE_MIN = 64 * 1024;

/** Whole frames [offset, offset + length) holding the records in `windows` (raw positions). */
export interface PackRun {
  offset: number;
  length: number;
  base: number;
  windows: Array<[number, number]>;
}

export interface LaneReadOptions {
  store: Store;
  key: string;
  pack: PackInfo;
  expected: MemberExpectations;
  /** Every member must be listed (the pack was written by the snapshot being restored). Read whole, any pack must hold every listed one. */
  strict: boolean;
  /** Where a member is restored to, or undefined to check it and skip it. */
  dests: (member: string) => LaneDest[] | undefined;
  /** Hash every file member against the manifest, written or not (verify). */
  hashAll?: boolean;
  /** The pack as a local file, already fetched by the caller (who releases it). */
  copy?: LocalCopy;
  /** Read only these runs of the pack (not strict); the whole pack when omitted. */
  runs?: PackRun[];
  /** Raw bytes a stretch holds at least (default SEGMENT_RAW); tests cut packs finer to put stretch boundaries everywhere. */
  segmentBytes?: number;
  lanes: LanePool;
  writeFlags: number;
  /** The directory `dests` lie in, and the umask to create files under (see restored-file.ts); unused when nothing is written. */
  root?: string;
  umask?: number;
  /** Each member a lane wrote (to all of its `dests`), once, as its stretch finishes. */
  onWritten?: (member: string) => void;
  /** The stamps of the files a stretch wrote (see LaneReply): four numbers for each of `stamped`, in order, as each stretch finishes. */
  onStamps?: (stamped: readonly LaneDest[], stamps: BigInt64Array) => void;
  /** Every stretch of the pack was read and checked; nothing more of it is asked for. */
  onDone?: () => void;
  onBytes?: (n: number) => void;
  onFiles?: (n: number) => void;
  /**
   * Also compute the sha256 of the whole compressed pack (verify): from its local copy beside the
   * lanes, or, where the store has none, from the bytes as they are read (one stretch then).
   */
  digest?: boolean;
  /** With `digest`: the pack's digest if it was taken already (OwnPackDigests); undefined, or a failure, takes it here. */
  wholeDigest?: Promise<{ sha256: string; size: number } | undefined>;
}

export interface Planned {
  /** The stretch, without its members: those are made from `bucket` only when it is handed to a lane. */
  seg: LaneSegment;
  /** What the manifest says of the members the stretch holds. */
  bucket: MemberExpectation[];
  /** Compressed range to read. */
  offset: number;
  end: number;
  /** Frames starting after this offset belong to the next segment only. */
  lastFrameStart: number;
  /** Offset at which a frame must start (the next segment's first frame), or -1. */
  nextFrame: number;
}

/**
 * Restores or verifies a pack (or runs of one) on several lanes at once: the one reading path.
 * A zstd pack is cut at file records whose position the manifest gives; each stretch is read with
 * its own ranged read and decoded, checked, hashed and written by one lane, while the other lanes
 * do the same with the next stretches. A gzip pack (whose members cannot be found without
 * decoding) is one stretch when read whole. Every byte of a whole pack is parsed by exactly one
 * lane, so the checks are those of a sequential read: every member listed, in place, once, of the
 * listed type, size and content. Returns the members seen, the compressed bytes read,
 * the number of stretches and, when asked, the pack's sha256.
 */
export async function readPackInLanes(opts: LaneReadOptions): Promise<PackLaneResult> {
  return (await readPacksInLanes([opts]))[0]!;
}

export interface PackLaneResult {
  fetched: number;
  segments: number;
  /** The whole compressed pack's sha256 and size, with `digest`. */
  whole?: { sha256: string; size: number };
}

/** A pack being read: its plan, what its stretches showed, its local copy and digest. */
interface Pack {
  opts: LaneReadOptions;
  plan: Array<Planned | undefined>;
  /** Stretches handed out, and not yet finished. */
  given: number;
  left: number;
  seen: Set<string>;
  copy: Promise<LocalCopy | undefined> | undefined;
  whole: Promise<{ sha256: string; size: number } | undefined> | undefined;
  tap: { hash: ReturnType<typeof createHash>; size: number } | undefined;
  result: PackLaneResult;
}

/** The stretches of the packs a list gives, in order: each pack is taken from it and planned when the lanes reach it. */
class StretchQueue {
  /** Each pack's result, in the list's order. */
  readonly results: PackLaneResult[] = [];
  /** The packs taken and not yet finished: a finished one is let go of (its expectations with it). */
  readonly open = new Set<Pack>();
  private current: Pack | undefined;

  constructor(private readonly source: Iterator<LaneReadOptions>) {}

  /** The next stretch to read and its pack: the current pack's next, or the first of the next pack that has any. */
  take(): [Pack, Planned] | undefined {
    let pk = this.current;
    while (pk === undefined || pk.given === pk.result.segments) {
      const n = this.source.next();
      if (n.done) return undefined;
      const opts = n.value;
      // A gzip pack, or one whose digest is taken as it is read, is read in one stretch, in order.
      const plan = opts.runs
        ? planRuns(opts)
        : planWhole(opts, opts.pack.codec !== 'zstd' || (opts.digest === true && !opts.copy && !opts.store.download));
      pk = {
        opts,
        plan,
        given: 0,
        left: plan.length,
        seen: new Set<string>(),
        copy: undefined,
        whole: undefined,
        tap: opts.digest ? { hash: createHash('sha256'), size: 0 } : undefined,
        result: { fetched: 0, segments: plan.length },
      };
      this.results.push(pk.result);
      this.open.add(pk);
      this.current = pk;
      if (pk.left === 0) this.settle(pk);
    }
    const p = pk.plan[pk.given]!;
    // Let go of each stretch once it is handed out: its members exist only while a lane reads it.
    pk.plan[pk.given++] = undefined;
    return [pk, p];
  }

  /** Every stretch of the pack read: its copy released, its digest taken; see settle. */
  async finish(pk: Pack): Promise<void> {
    await release(pk);
    // Taken from the local copy beside the lanes, or from the bytes as they were read.
    if (pk.tap) pk.result.whole = (await pk.whole) ?? { sha256: pk.tap.hash.digest('hex'), size: pk.tap.size };
    this.settle(pk);
  }

  /**
   * A pack read whole must have shown every listed member, a parent's as much as the snapshot's
   * own (a manifest may name a member its parent's pack never held); then only its result is kept.
   */
  private settle(pk: Pack): void {
    this.open.delete(pk);
    if (this.current === pk) this.current = undefined;
    const { opts } = pk;
    if (!opts.runs) checkAllPresent(opts.pack.name, opts.expected, pk.seen);
    opts.onDone?.();
  }

  /** Puts back the stretch `take` just gave. */
  untake(pk: Pack, p: Planned): void {
    pk.plan[--pk.given] = p;
  }
}

/** The lane names a listed member by its index in the stretch (no name travels back), others by name, in the order met. */
function mergeStretch(pk: Pack, bucket: readonly MemberExpectation[], r: SegmentResult): void {
  let j = 0;
  for (let i = 0; i < r.met.length; i++) {
    const k = r.met[i]!;
    checkUnique(pk.opts.pack.name, k >= 0 ? bucket[k]!.member : r.others[j++]!, pk.seen);
  }
  const stamped: LaneDest[] = [];
  for (let i = 0; i < r.written.length; i++) {
    const member = bucket[r.written[i]!]!.member;
    // A written file's destinations were stamped in order (RestoredFile.finish), as `dests` gives them.
    for (const d of pk.opts.dests(member)!) stamped.push(d);
  }
  pk.opts.onStamps?.(stamped, r.stamps);
  for (let i = 0; i < r.written.length; i++) pk.opts.onWritten?.(bucket[r.written[i]!]!.member);
}

/**
 * A pack kept as a local file (or one that a backend transferring whole objects only downloads
 * once) is read by the lanes themselves; other backends' ranged reads are sent to them.
 */
function copyOf(pk: Pack): Promise<LocalCopy | undefined> {
  pk.copy ??= pk.opts.copy
    ? Promise.resolve(pk.opts.copy)
    : pk.opts.store.download
      ? pk.opts.store.download(pk.opts.key)
      : Promise.resolve(undefined);
  // The digest of a local copy is taken beside the lanes, on this thread, which otherwise only hands out work (unless it was taken already).
  if (pk.tap && !pk.whole) {
    const taken = pk.opts.wholeDigest?.catch(() => undefined);
    pk.whole = pk.copy.then(async (c) => (c ? ((await taken) ?? hashFile(c.path)) : undefined));
  }
  return pk.copy;
}

async function release(pk: Pack): Promise<void> {
  await pk.whole?.catch(() => undefined);
  const own = !pk.opts.copy && pk.copy;
  pk.copy = Promise.resolve(undefined);
  if (own) await (await own.catch(() => undefined))?.release();
}

/**
 * Several packs through the same lanes, as one queue of stretches: a lane that finishes the last
 * stretch of one pack starts on the next pack while the others finish theirs. The packs are
 * taken from `list` one at a time, as the lanes reach them, and let go of once read: a caller
 * that makes each pack's options as they are asked for (a generator) holds a pack's
 * expectations only while it is read. A pack's local copy is fetched when its first stretch
 * starts and released after its last; a whole pack's listed members are checked present then.
 */
export async function readPacksInLanes(list: Iterable<LaneReadOptions>): Promise<PackLaneResult[]> {
  const queue = new StretchQueue(list[Symbol.iterator]());
  let failure: unknown;
  const worker = async (pool: LanePool, i: number) => {
    let lane: ReturnType<LanePool['lane']> | undefined;
    // Stretches the lane reads from a file are posted before the one it is reading ends, so the lane
    // goes on at once instead of waiting for this thread to take its result and hand out the next
    // (which cost a restore of 100,000 files ~0.38 s of each lane's time). `posted`: in order, not yet settled.
    const posted: Array<Promise<void>> = [];
    const settle = async (keep: number) => {
      while (posted.length > keep) await posted.shift();
    };
    while (failure === undefined) {
      let next: [Pack, Planned] | undefined;
      try {
        next = queue.take();
      } catch (err) {
        failure ??= err;
        break;
      }
      if (next === undefined) break;
      const [pk, p] = next;
      const { opts } = pk;
      lane ??= pool.lane(i);
      const onAck = (bytes: number, files: number, compressed: number) => {
        pk.result.fetched += compressed;
        if (bytes) opts.onBytes?.(bytes);
        if (files) opts.onFiles?.(files);
      };
      const merge = async (r: SegmentResult) => {
        mergeStretch(pk, p.bucket, r);
        if (--pk.left === 0) await queue.finish(pk);
      };
      try {
        const copy = await copyOf(pk);
        // The stretch's members exist only until they are posted: nothing here holds them while the lane works.
        const seg = { ...p.seg, members: packMembers(p.bucket.map((exp) => laneMember(opts, exp))) };
        if (copy) {
          // From a local file the lane reads the frames itself.
          const file = {
            path: copy.path,
            offset: p.offset,
            end: p.end,
            lastFrameStart: p.lastFrameStart,
            nextFrame: p.nextFrame,
            packSize: opts.pack.size,
          };
          const done = lane.runFile({ ...seg, file }, onAck).then(merge);
          // Awaited by settle; marked handled here in case that comes late.
          done.catch(() => {});
          posted.push(done);
          await settle(STRETCHES_AHEAD);
        } else {
          // Otherwise the frames are sent to it, with nothing else on the lane.
          await settle(0);
          await merge(await lane.run(seg, frames(pk, p), onAck));
        }
      } catch (err) {
        failure ??= err;
      }
    }
    // Stretches still posted are awaited even after a failure: their pack's copy is released only after them.
    for (const p of posted.splice(0)) await p.catch((err: unknown) => (failure ??= err));
  };
  try {
    // The first pack names the lanes (every pack goes through the same ones); its first stretch goes back.
    const first = queue.take();
    if (first !== undefined) {
      queue.untake(...first);
      const pool = first[0].opts.lanes;
      await Promise.all(Array.from({ length: pool.size }, (_, i) => worker(pool, i)));
    }
  } catch (err) {
    failure ??= err;
  } finally {
    for (const pk of queue.open) await release(pk);
  }
  if (failure !== undefined) throw toError(failure);
  return Promise.all(queue.results);
}

/** Counts and hashes a pack's compressed bytes as they are read, when its digest is wanted. */
async function* tap(
  pk: { tap?: { hash: ReturnType<typeof createHash>; size: number } },
  source: AsyncIterable<Buffer>,
): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    if (pk.tap) {
      pk.tap.hash.update(chunk);
      pk.tap.size += chunk.length;
    }
    yield chunk;
  }
}

/** A gzip stream is sent to its lane in the pieces it was read in. */
async function* pieces(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer[]> {
  for await (const chunk of source) yield [chunk];
}

function toError(err: unknown): unknown {
  if (!(err instanceof LaneFailure)) return err;
  const e: LaneError = err.error;
  if (e.kind === 'io') {
    const cause = Object.assign(new Error(e.message), { code: e.code, syscall: e.syscall });
    return (e.action === 'cannot create' ? collisionError(cause, e.rel) : undefined) ?? ioError(cause, e.action, e.file);
  }
  const details = e.path !== undefined ? { path: e.path } : undefined;
  const out: IndexVaultError =
    e.kind === 'unsafe'
      ? new UnsafeEntryError(e.message, { hint: e.hint, details })
      : new IntegrityError(e.message, { hint: e.hint, details });
  return out;
}

function laneMember(opts: LaneReadOptions, exp: MemberExpectation): LaneMember {
  const dests = opts.dests(exp.member);
  return {
    member: exp.member,
    type: exp.type,
    size: exp.size,
    sha256: exp.sha256,
    target: exp.target,
    raw: exp.raw,
    dests,
    hash: opts.hashAll && exp.type === 'file',
  };
}

function segment(opts: LaneReadOptions, id: number, frameRaw: number, windows: LaneWindow[], last: boolean, strict: boolean): LaneSegment {
  return {
    id,
    packName: opts.pack.name,
    frameRaw,
    windows,
    last,
    rawSize: opts.pack.rawSize,
    strict,
    members: null,
    codec: opts.pack.codec,
    maxFrameRaw: MAX_FRAME_RAW,
    outputChunk: FRAME_BYTES + 64 * 1024,
    holeMin: HOLE_MIN,
    writeFlags: opts.writeFlags,
    root: opts.root ?? '',
    umask: opts.umask ?? 0,
  };
}

let nextSegmentId = 0;

/**
 * Cuts a whole pack at file records at least SEGMENT_RAW apart. A cut needs the record's frame
 * to start after the previous cut's; where the manifest's positions do not allow that (or a
 * pack is small) the pack stays one stretch, read by one lane like a plain sequential read.
 */
export function planWhole(opts: LaneReadOptions, oneStretch: boolean): Planned[] {
  // Made once: a table of expectations makes an object each time it is read.
  const all = [...opts.expected.values()];
  const files: MemberExpectation[] = [];
  let sorted = true;
  for (const e of all) {
    if (e.type !== 'file') continue;
    if (files.length > 0 && (files[files.length - 1]!.raw ?? 0) > (e.raw ?? 0)) sorted = false;
    files.push(e);
  }
  // A pack's members are listed in the order they were written: sorted already, unless the manifest says otherwise.
  if (!sorted) files.sort((a, b) => (a.raw ?? 0) - (b.raw ?? 0));
  const min = oneStretch ? Number.POSITIVE_INFINITY : (opts.segmentBytes ?? SEGMENT_RAW);
  const cuts: Array<{ raw: number; offset: number; skip: number; length: number; member: string | null }> = [
    { raw: 0, offset: 0, skip: 0, length: 0, member: null },
  ];
  for (const f of files) {
    const last = cuts[cuts.length - 1]!;
    if (f.raw === undefined || f.offset === undefined || f.skip === undefined || f.length === undefined) continue;
    if (f.raw - last.raw >= min && f.offset > last.offset && f.raw - f.skip > last.raw) {
      cuts.push({ raw: f.raw, offset: f.offset, skip: f.skip, length: f.length, member: f.member });
    }
  }
  const buckets: MemberExpectation[][] = cuts.map(() => []);
  for (const exp of all) {
    // Directories and links come before the files, in the first stretch.
    const k = exp.type === 'file' && exp.raw !== undefined ? lastCutAtOrBefore(cuts, exp.raw) : 0;
    buckets[k]!.push(exp);
  }
  return cuts.map((c, k) => {
    const next = cuts[k + 1];
    const last = next === undefined;
    return {
      seg: segment(
        opts,
        nextSegmentId++,
        c.raw - c.skip,
        [{ start: c.raw, end: next ? next.raw : opts.pack.rawSize, first: c.member }],
        last,
        opts.strict,
      ),
      bucket: buckets[k]!,
      offset: c.offset,
      end: next ? next.offset + (next.skip > 0 ? next.length : 0) : opts.pack.size,
      lastFrameStart: next ? (next.skip > 0 ? next.offset : next.offset - 1) : Number.POSITIVE_INFINITY,
      nextFrame: next ? next.offset : -1,
    };
  });
}

/** The last of `cuts` (raw positions strictly increasing from 0) at or before `raw`; 0 when none is. */
export function lastCutAtOrBefore(cuts: ReadonlyArray<{ raw: number }>, raw: number): number {
  let lo = 0;
  let hi = cuts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (cuts[mid]!.raw <= raw) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Each run of a partial read is one stretch: its windows are the records of wanted members. */
function planRuns(opts: LaneReadOptions): Planned[] {
  const byRaw = new Map<number, MemberExpectation>();
  for (const e of opts.expected.values()) if (e.type === 'file' && e.raw !== undefined) byRaw.set(e.raw, e);
  return opts.runs!.map((run) => {
    const bucket: MemberExpectation[] = [];
    const windows: LaneWindow[] = run.windows.map(([start, end]) => {
      const exp = byRaw.get(start);
      if (exp) bucket.push(exp);
      return { start, end, first: exp?.member ?? null };
    });
    return {
      seg: segment(opts, nextSegmentId++, run.base, windows, false, false),
      bucket,
      offset: run.offset,
      end: run.offset + run.length,
      lastFrameStart: Number.POSITIVE_INFINITY,
      nextFrame: -1,
    };
  });
}

/** A stretch's whole frames, read from the store by a ranged read (or the whole pack, when it is hashed as it is read). */
async function* frames(
  pk: { opts: LaneReadOptions; tap?: { hash: ReturnType<typeof createHash>; size: number } },
  p: Planned,
): AsyncGenerator<Buffer[]> {
  const { opts } = pk;
  // A pack hashed as it is read is read whole, so that bytes past its recorded size are seen too.
  const whole = pk.tap && p.offset === 0 && p.end === opts.pack.size;
  const source = await opts.store.get(opts.key, whole ? {} : { range: { offset: p.offset, length: p.end - p.offset } });
  let at = p.offset;
  const input = opts.pack.codec === 'zstd' ? splitZstdFrames(tap(pk, source)) : pieces(tap(pk, source));
  for await (const frame of input) {
    if (at > p.lastFrameStart) return;
    let n = 0;
    for (const piece of frame) n += piece.length;
    if (p.nextFrame >= 0 && at < p.nextFrame && at + n > p.nextFrame) {
      throw new IntegrityError(`pack ${opts.pack.name} has no frame starting at byte ${p.nextFrame}, where its manifest places one`, {
        hint: 'the pack is damaged',
      });
    }
    at += n;
    yield frame;
  }
  if (p.seg.last && at !== opts.pack.size) {
    throw new IntegrityError(`pack ${opts.pack.name} does not match its recorded size`, {
      hint: 'the stored pack is damaged; verify the stored snapshots and restore another one',
      details: { pack: opts.pack.name },
    });
  }
}
