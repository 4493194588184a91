import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { assertJsonDepth, decodeBoundedJson, parseJsonText } from '../shared/bounded-json.js';
import { jsonArrayPieces, jsonElementPieces, utf8Bytes } from '../shared/json-pieces.js';
import { inCanonicalShape, matchCanonicalText, toJsonInherited } from './canonical-text.js';
import { assertSafeRelativePath } from './entry-path.js';
import { isPermissionMode } from './entry-mode.js';
import { IntegrityError, UnsafeEntryError, UnsupportedError } from '../shared/errors.js';
import { isSnapshotId } from './snapshot-id.js';
import { TreeCheck } from './tree-rules.js';

export { MAX_ENTRIES } from './tree-rules.js';

export const MANIFEST_FORMAT = 'index-vault.snapshot';
/** The version writers write; readers also read every earlier one (1: no `mode`, only `exec`). */
export const FORMAT_VERSION = 2;
/** Reserved top-level directory inside packs for pack metadata. */
export const META_DIR = '.index-vault';
/** Largest manifest read or written: below V8's longest string, which the text must fit in. */
export const MAX_MANIFEST_BYTES = 500 * 1024 * 1024;

export type Codec = 'zstd' | 'gzip';
export type SnapshotKind = 'full' | 'incremental';

/** Where a file's bytes live: a byte range of whole compressed frames in one pack. */
export interface Location {
  /** Index into `manifest.packs`. */
  pack: number;
  /** Compressed offset of the frame holding the member's header. */
  offset: number;
  /** Compressed length up to the end of the frame holding its last byte. */
  length: number;
  /** Offset of the member's record in the uncompressed tar stream of the pack. */
  raw: number;
  /** Uncompressed bytes before the record in the first frame of the range. */
  skip: number;
  /** Uncompressed length of the record: pax header, header, data and padding. */
  span: number;
  /** Tar member name when it differs from the entry's path (content shared with another path). */
  member?: string;
}

export interface FileEntry {
  path: string;
  type: 'file';
  size: number;
  /** Any execute bit of `mode` (the only permission a format-1 manifest records). */
  exec: boolean;
  /** Permission bits (`mode & 0o777`); from format 2 on. */
  mode?: number;
  mtimeMs: number;
  sha256: string;
  loc: Location;
}

export interface DirEntry {
  path: string;
  type: 'dir';
  /** Permission bits (`mode & 0o777`); from format 2 on. */
  mode?: number;
  mtimeMs: number;
}

export interface SymlinkEntry {
  path: string;
  type: 'symlink';
  target: string;
  mtimeMs: number;
}

export type Entry = FileEntry | DirEntry | SymlinkEntry;

export interface PackInfo {
  /** Object name under the series' `packs/` prefix, e.g. `20261122T143501123Z-1a2b3c4d-000.tar.zst`. */
  name: string;
  /** Snapshot that wrote the pack. */
  origin: string;
  codec: Codec;
  /** Compressed size in bytes and its sha256. */
  size: number;
  sha256: string;
  /** Bytes of the uncompressed tar stream: the most a reader will ever decode from it. */
  rawSize: number;
}

export interface Totals {
  files: number;
  dirs: number;
  symlinks: number;
  /** Sum of file sizes. */
  bytes: number;
  /** Compressed bytes of all packs the snapshot needs. */
  packedBytes: number;
  /** Compressed bytes this snapshot added to the store. */
  storedBytes: number;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  formatVersion: number;
  tool: string;
  id: string;
  series: string;
  kind: SnapshotKind;
  parent: { id: string; digest: string } | null;
  /** Incrementals since the last full snapshot: 0 for a full one. */
  depth: number;
  createdAt: string;
  /** `format` is `dir` or the name of the index format that selected the files (`lancedb`, `tantivy`); `facts` what it pinned. */
  source: { name: string; format: string; platform: string; facts?: Record<string, unknown> };
  packs: PackInfo[];
  entries: Entry[];
  totals: Totals;
  /** `sha256:<hex>` of the canonical JSON of every other field. */
  digest: string;
}

export type ManifestBody = Omit<Manifest, 'digest'>;

/**
 * Canonical JSON (RFC 8785, JCS; docs/format.md states the rule): keys sorted by UTF-16 code
 * units, numbers and strings as ECMAScript's JSON.stringify writes them, no whitespace. A lone
 * surrogate is written as its lowercase `\udxxx` escape (JCS would refuse it) so a stored
 * manifest that holds one still hashes as it did; values JSON cannot hold (NaN, ±Infinity,
 * undefined outside an object, functions, bigints, non-plain objects) are refused, not guessed.
 * A value already in canonical shape (every object's keys in sorted order, as a parsed canonical
 * text and every manifest index-vault builds are) is written by JSON.stringify, which then writes
 * exactly that; any other goes through the reference writer below.
 */
export function canonicalJson(value: unknown): string {
  return !toJsonInherited() && inCanonicalShape(value, 0) ? JSON.stringify(value) : referenceCanonicalJson(value);
}

/** The rule written out plainly: sorts every object's keys. Slower; the definition the fast path must equal. */
export function referenceCanonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${Array.from(value, referenceCanonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null)
      throw new TypeError(`canonical JSON holds plain objects only, not ${Object.prototype.toString.call(value)}`);
    // An undefined property is left out, as JSON.stringify does: optional fields are absent.
    const keys = Object.keys(value as object)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${referenceCanonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`canonical JSON has no ${value}`);
  if (value !== null && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
    throw new TypeError(`canonical JSON has no ${typeof value}`);
  return JSON.stringify(value);
}

/**
 * The canonical JSON of a manifest's (or its body's) top-level fields, as [key, value text] in
 * sorted order: joined with or without `digest`, one serialization gives both the text a writer
 * stores and the text its digest is of.
 */
function canonicalMembers(value: object): Array<[string, string]> {
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null)
    throw new TypeError(`canonical JSON holds plain objects only, not ${Object.prototype.toString.call(value)}`);
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return keys.map((k) => [k, canonicalJson(obj[k])]);
}

/** The same as `"key":value` pairs. */
function canonicalPairs(value: object): Array<[string, string]> {
  return canonicalMembers(value).map(([k, v]) => [k, `${JSON.stringify(k)}:${v}`]);
}

const joinPairs = (pairs: Array<[string, string]>, omit?: string): string =>
  `{${pairs.flatMap(([k, p]) => (k === omit ? [] : [p])).join(',')}}`;

function sha256Digest(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

export function manifestDigest(body: ManifestBody): string {
  return sha256Digest(canonicalJson(body));
}

export function sealManifest(body: ManifestBody): Manifest {
  return sealManifestText(body).manifest;
}

/**
 * Seals a manifest and returns the bytes to store with it: its fields serialized and encoded
 * once (sealMembers), with a gap for the digest member; the digest is hashed from the bytes
 * around the gap (which are the body's canonical text, as a reader cuts them out too), then
 * written into it.
 */
export function sealManifestText(body: ManifestBody): { manifest: Manifest; bytes: Buffer } {
  const out = new ChunkArray();
  const digest = sealMembers(canonicalMembersInPieces(body), out);
  return { manifest: { ...body, digest } as Manifest, bytes: Buffer.concat(out.chunks) };
}

/**
 * sealManifestText for entries made one at a time (an iterator): only a slice of them is alive
 * at once, never the array. `rest` gives the packs and totals, which sort after the entries, once
 * the last entry is made (the entries decide them); the manifest is returned without its entries.
 * The text goes to `out` as it is encoded (never whole in one buffer).
 */
export function sealManifestEntries(
  head: Omit<ManifestBody, 'entries' | 'packs' | 'totals'>,
  entries: Iterable<Entry>,
  rest: () => Pick<ManifestBody, 'packs' | 'totals'>,
  out: ChunkSink,
): Omit<Manifest, 'entries'> {
  let made: Pick<ManifestBody, 'packs' | 'totals'> | undefined;
  let entriesDone = false;
  const after = () => {
    if (!entriesDone) throw new Error('the packs and totals of a manifest are asked for before its entries are made');
    return (made ??= rest());
  };
  const members = canonicalMembersInPieces(head).filter(([k]) => k !== 'entries' && k !== 'packs' && k !== 'totals');
  members.push(
    [
      'entries',
      function* () {
        yield* jsonElementPieces(entries, canonicalJson);
        entriesDone = true;
      },
    ],
    ['packs', () => [canonicalJson(after().packs)]],
    ['totals', () => [canonicalJson(after().totals)]],
  );
  members.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const digest = sealMembers(members, out);
  return { ...head, ...after(), digest } as Omit<Manifest, 'entries'>;
}

/** Where a manifest's text is written as it is sealed: bytes in order, and one place kept for the digest member. */
export interface ChunkSink {
  /** Appends a text's UTF-8 bytes; they are returned, valid until the next call. */
  text(text: string): Buffer;
  hole(): number;
  fill(hole: number, bytes: Buffer): void;
}

/** A ChunkSink that keeps the chunks as they were encoded; iterating gives them in order. */
export class ChunkArray implements ChunkSink, Iterable<Buffer> {
  readonly chunks: Buffer[] = [];

  text(t: string): Buffer {
    const b = utf8Bytes(t);
    this.chunks.push(b);
    return b;
  }

  hole(): number {
    return this.chunks.push(Buffer.alloc(0)) - 1;
  }

  fill(at: number, b: Buffer): void {
    this.chunks[at] = b;
  }

  [Symbol.iterator](): Iterator<Buffer> {
    return this.chunks[Symbol.iterator]();
  }
}

/**
 * The stored bytes of members in sorted order (each value's text as pieces, made when its turn
 * comes and encoded at once, its text let go), with the digest member hashed from the bytes
 * around it (the body's canonical text, as a reader cuts it out too) and written into its gap
 * (`out.hole`). Returns the digest.
 */
function sealMembers(all: Array<[string, () => Iterable<string>]>, out: ChunkSink): string {
  const members = all.filter(([k]) => k !== 'digest');
  const count = members.length;
  // Members are sorted: the digest goes after those whose keys sort before it.
  let before = 0;
  while (before < count && members[before]![0] < 'digest') before++;
  const hash = createHash('sha256');
  const add = (text: string) => hash.update(out.text(text));
  add('{');
  let gap = -1;
  for (let i = 0; i <= count; i++) {
    if (i === before) gap = out.hole(); // `"digest":"sha256:<64 hex>"`, and the comma joining it to a neighbour
    if (i === count) break;
    const [k, pieces] = members[i]!;
    add(`${i > 0 ? ',' : ''}${JSON.stringify(k)}:`);
    for (const piece of pieces()) add(piece);
  }
  add('}');
  const digest = `sha256:${hash.digest('hex')}`;
  const member = `"digest":${JSON.stringify(digest)}`;
  // The comma follows the member when it comes first, and precedes it otherwise.
  out.fill(gap, Buffer.from(count === 0 ? member : before === 0 ? `${member},` : `,${member}`, 'latin1'));
  out.text('\n');
  return digest;
}

/** canonicalMembers, each value as pieces whose concatenation is its canonical JSON (an array in canonical shape a slice at a time). */
function canonicalMembersInPieces(value: object): Array<[string, () => Iterable<string>]> {
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null)
    throw new TypeError(`canonical JSON holds plain objects only, not ${Object.prototype.toString.call(value)}`);
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return keys.map((k) => {
    const v = obj[k];
    return [k, () => canonicalPieces(v)];
  });
}

function canonicalPieces(value: unknown): Iterable<string> {
  return !toJsonInherited() && Array.isArray(value) && inCanonicalShape(value, 0) ? jsonArrayPieces(value) : [canonicalJson(value)];
}

export function serializeManifest(manifest: Manifest): Buffer {
  return utf8Bytes(canonicalJson(manifest) + '\n');
}

const HEX64 = /^[0-9a-f]{64}$/;
const PACK_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/**
 * canonicalPairs of a parsed manifest. A number too large for a double (`1e400`) parses to
 * Infinity, which no canonical text holds: such bytes are not a manifest's canonical form.
 */
function storedPairs(m: Manifest, what: string): Array<[string, string]> {
  try {
    return canonicalPairs(m);
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    throw new IntegrityError(`${what} is not in canonical form`, {
      hint: 'the stored manifest is damaged; verify the store and restore another snapshot',
    });
  }
}

/** A location's fields are all counts (each in turn, no array per entry), its length not 0. */
function isLocation(loc: Location | null): boolean {
  if (typeof loc !== 'object' || loc === null) return false;
  const { pack, offset, length, raw, skip, span } = loc;
  return isCount(pack) && isCount(offset) && isCount(length) && isCount(raw) && isCount(skip) && isCount(span) && length !== 0;
}

/**
 * Where a parsed JSON value has an own `__proto__` key (as a path like `source.facts.tags`), or
 * undefined. Other keys are data: `constructor` or `prototype` may be a user's tag or table name,
 * and an own data property of that name changes nothing. Iterative, over a value whose depth
 * and size parseManifest already bounded.
 */
function protoKeyPath(root: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[root, '(top)']];
  while (stack.length > 0) {
    const [v, at] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${at}[${i}]`]);
      continue;
    }
    if (Object.prototype.hasOwnProperty.call(v, '__proto__')) return at;
    for (const [k, child] of Object.entries(v))
      if (child !== null && typeof child === 'object') stack.push([child, at === '(top)' ? k : `${at}.${k}`]);
  }
  return undefined;
}

/** A key spelled `__proto__` appears in the text as such or with a `\\u` escape in it: without either, no walk is needed. */
function mayHoldProtoKey(text: Buffer | string): boolean {
  return text.includes('__proto__') || text.includes('\\u');
}

/**
 * The digest of a manifest whose bytes are proven to be its canonical text: the hash of those
 * bytes without the `digest` member (and the comma that joins it), which is the canonical text
 * of the body, hashed as bytes without writing it again.
 */
function bodyDigestOfText(bytes: Buffer, text: string, [start, end]: [number, number]): string {
  // Valid UTF-8 (checked by the caller) as long as its text is ASCII: offsets are byte offsets.
  const ascii = text.length === bytes.length;
  const byteAt = (i: number) => (ascii ? i : Buffer.byteLength(text.slice(0, i)));
  const first = text.charCodeAt(start - 1) === 0x7b;
  const cutFrom = byteAt(first ? start : start - 1);
  const cutTo = byteAt(first && text.charCodeAt(end) === 0x2c ? end + 1 : end);
  const hash = createHash('sha256')
    .update(bytes.subarray(0, cutFrom))
    .update(bytes.subarray(cutTo, bytes.length - 1));
  return `sha256:${hash.digest('hex')}`;
}

/**
 * Parses and checks a stored manifest: its digest, its version, and every field a restore will
 * trust. A manifest is input like any other: it may have been written by an attacker who can
 * write the store, so every path, range and count is validated here, once.
 */
export function parseManifest(bytes: Buffer | string, what = 'manifest'): Manifest {
  const text = decodeBoundedJson(bytes, what, MAX_MANIFEST_BYTES);
  const m = parseJsonText(text, what) as Manifest;
  // Stored bytes (valid UTF-8, so that they are the text's own bytes: a byte that is not decodes
  // to U+FFFD, and a text as long as its bytes may still hold one) are usually the canonical text
  // exactly: matched in place, that proves the depth bound and the canonical form, finds any
  // __proto__ key, and locates the digest so that it is computed from the bytes as read.
  const bytesAreText = typeof bytes !== 'string' && isUtf8(bytes);
  const match = bytesAreText ? matchCanonicalText(text, m) : undefined;
  if (!match) assertJsonDepth(text, what);
  // An own `__proto__` key (JSON.parse makes one, however it is spelled) would become a prototype
  // change once the object is spread or assigned; no manifest index-vault writes has one.
  const proto = (match ? match.protoKey : mayHoldProtoKey(bytes)) ? protoKeyPath(m) : undefined;
  if (proto !== undefined) malformed(what)(`it has a "__proto__" key at ${proto}`);
  checkManifestFormat(m, what);
  const digest = m.digest;
  const fast = match?.digestAt !== undefined && typeof digest === 'string';
  const pairs = fast ? undefined : storedPairs(m, what);
  const computed = fast ? bodyDigestOfText(bytes as Buffer, text, match.digestAt!) : sha256Digest(joinPairs(pairs!, 'digest'));
  if (typeof digest !== 'string' || computed !== digest) {
    throw new IntegrityError(`${what} digest does not match its content`, {
      hint: 'the stored manifest is damaged; verify the store and restore another snapshot',
    });
  }
  // Byte-exact: a changed byte anywhere, even insignificant whitespace, is damage.
  if (!fast && typeof bytes !== 'string' && !bytes.equals(Buffer.from(joinPairs(pairs!) + '\n'))) {
    throw new IntegrityError(`${what} is not in canonical form`, {
      hint: 'the stored manifest is damaged; verify the store and restore another snapshot',
    });
  }
  checkManifestFields(m, what);
  return m;
}

function malformed(what: string): (why: string) => never {
  return (why) => {
    throw new IntegrityError(`${what} is malformed: ${why}`, { hint: 'the stored object is damaged or was not written by index-vault' });
  };
}

/** parseManifest's checks before the digest: an object, of this format, in a version this reads. */
export function checkManifestFormat(m: Manifest, what: string): void {
  const bad = malformed(what);
  if (m === null || typeof m !== 'object' || Array.isArray(m)) bad('not an object');
  if (m.format !== MANIFEST_FORMAT) bad(`format is ${JSON.stringify(m.format)}, expected ${MANIFEST_FORMAT}`);
  if (!isCount(m.formatVersion) || m.formatVersion < 1 || m.formatVersion > FORMAT_VERSION) {
    if (isCount(m.formatVersion) && m.formatVersion > FORMAT_VERSION) {
      throw new UnsupportedError(`${what} uses snapshot format ${m.formatVersion}; this index-vault reads formats 1 to ${FORMAT_VERSION}`, {
        hint: 'upgrade index-vault to restore it',
      });
    }
    bad(`unknown format version ${JSON.stringify(m.formatVersion)}`);
  }
}

/** parseManifest's checks after the digest and the canonical form: every field a restore will trust. */
export function checkManifestFields(m: Manifest, what: string): void {
  checkManifestHead(m, what);
  // Each entry's own fields first; then what the packs, the version and the totals say of them, and the tree.
  const checks = new EntryChecks(what);
  for (const e of m.entries) checks.add(e);
  checks.finish(m);
}

/** checkManifestFields's checks of every member but the entries. */
export function checkManifestHead(m: Omit<Manifest, 'entries'> & { entries?: unknown }, what: string): void {
  const bad = malformed(what);
  if (!isSnapshotId(m.id)) bad('bad id');
  if (typeof m.series !== 'string') bad('bad series');
  if (m.kind !== 'full' && m.kind !== 'incremental') bad('bad kind');
  if (!isCount(m.depth) || (m.kind === 'full') !== (m.depth === 0) || (m.kind === 'full') !== (m.parent === null))
    bad('kind, depth and parent disagree');
  if (m.parent !== null && (typeof m.parent !== 'object' || !isSnapshotId(m.parent.id) || typeof m.parent.digest !== 'string'))
    bad('bad parent');
  if (m.parent !== null && m.parent.id === m.id) bad('it is its own parent');
  if (typeof m.source !== 'object' || m.source === null || typeof m.source.format !== 'string') bad('bad source');
  const t = m.totals;
  if (typeof t !== 'object' || t === null || ![t.files, t.dirs, t.symlinks, t.bytes, t.packedBytes, t.storedBytes].every(isCount))
    bad('bad totals');
  if (!Array.isArray(m.packs) || !Array.isArray(m.entries)) bad('packs/entries missing');
  checkPacks(m.packs, bad);
}

/** The furthest a pack's members reach, compressed and raw, and the entries that reach that far. */
interface PackReach {
  first: string;
  end: number;
  endPath: string;
  rawEnd: number;
  rawPath: string;
}

/**
 * checkManifestFields's checks of the entries, one entry at a time, so that a reader need not
 * hold them: each entry's own fields at once; what the packs, the format version and the totals
 * decide (a manifest's text gives them after the entries) from what is kept: per pack the
 * furthest ends, per format version the first entry whose mode it refuses, the counts, and the
 * tree as tree-rules.ts keeps it. The rules are these, for every reader, whole or streamed.
 */
export class EntryChecks {
  private readonly bad: (why: string) => never;
  private readonly tree = new TreeCheck({ reserved: META_DIR, max: 1 });
  private treeFull = false;
  private readonly count = { file: 0, dir: 0, symlink: 0, bytes: 0 };
  private readonly reach = new Map<number, PackReach>();
  /** By format version, the first entry's mode problem under it. */
  private readonly modeProblems: Array<string | undefined> = [];

  constructor(what: string) {
    this.bad = malformed(what);
  }

  add(e: Entry): void {
    const bad: (why: string) => never = this.bad;
    if (typeof e !== 'object' || e === null || Array.isArray(e) || typeof e.path !== 'string') bad('bad entry');
    if (typeof e.mtimeMs !== 'number' || !Number.isFinite(e.mtimeMs)) bad(`bad mtime for ${e.path}`);
    if (e.type === 'file') {
      if (!isCount(e.size) || typeof e.exec !== 'boolean' || typeof e.sha256 !== 'string' || !HEX64.test(e.sha256))
        bad(`bad file entry ${e.path}`);
      const loc = e.loc;
      if (!isLocation(loc)) bad(`bad location for ${e.path}`);
      if (loc.skip > loc.raw || loc.span < 512 + e.size) bad(`location of ${e.path} is outside its pack`);
      const end = loc.offset + loc.length;
      const rawEnd = loc.raw + loc.span;
      const r = this.reach.get(loc.pack);
      if (r === undefined) this.reach.set(loc.pack, { first: e.path, end, endPath: e.path, rawEnd, rawPath: e.path });
      else {
        if (end > r.end) [r.end, r.endPath] = [end, e.path];
        if (rawEnd > r.rawEnd) [r.rawEnd, r.rawPath] = [rawEnd, e.path];
      }
      if (loc.member !== undefined) assertSafeRelativePath(loc.member, 'member name');
      this.count.bytes += e.size;
    } else if (e.type === 'symlink') {
      if (typeof e.target !== 'string') bad(`bad symlink entry ${e.path}`);
    } else if (e.type !== 'dir') {
      bad(`unsupported entry type ${JSON.stringify((e as { type: unknown }).type)}`);
    }
    this.count[e.type]++;
    for (let v = 1; v <= FORMAT_VERSION; v++) this.modeProblems[v] ??= modeProblem(v, e);
    if (!this.treeFull) this.treeFull = this.tree.add(e);
  }

  /** The checks that needed the rest of the manifest; the tree's last. */
  finish(m: Pick<Manifest, 'packs' | 'formatVersion' | 'totals'>): void {
    const bad: (why: string) => never = this.bad;
    for (const [index, r] of this.reach) {
      const pack = m.packs[index];
      if (pack === undefined) bad(`location of ${r.first} is outside its pack`);
      if (r.end > pack.size) bad(`location of ${r.endPath} is outside its pack`);
      if (r.rawEnd > pack.rawSize) bad(`location of ${r.rawPath} is outside its pack`);
    }
    const mode = this.modeProblems[m.formatVersion];
    if (mode !== undefined) bad(mode);
    const { count } = this;
    const t = m.totals;
    if (count.file !== t.files || count.dir !== t.dirs || count.symlink !== t.symlinks || count.bytes !== t.bytes)
      bad('totals disagree with the entries');
    const [problem] = this.treeFull ? this.tree.problems : this.tree.finish();
    if (problem) {
      if (problem.rule === 'path')
        throw new UnsafeEntryError(`refusing manifest path ${JSON.stringify(problem.path)}: ${problem.why}`, {
          details: { path: problem.path },
        });
      bad(`${JSON.stringify(problem.path)}: ${problem.why}`);
    }
  }
}

/**
 * Format 2 records the permission bits of every file and directory (and nothing else: no setuid,
 * setgid or sticky bit), with `exec` saying the same as the mode's execute bits; format 1 has no
 * mode at all. Symlinks never have one.
 */
function modeProblem(version: number, e: Entry): string | undefined {
  const mode = (e as { mode?: unknown }).mode;
  if (version < 2 || e.type === 'symlink') {
    if (mode !== undefined)
      return `${JSON.stringify(e.path)} has a mode, which ${e.type === 'symlink' ? 'a symlink' : `format ${version}`} does not record`;
    return undefined;
  }
  if (!isPermissionMode(mode)) return `bad mode for ${e.path}: ${JSON.stringify(mode)} (expected permission bits 0 to 0o777)`;
  if (e.type === 'file' && e.exec !== ((mode & 0o111) !== 0)) return `exec and mode of ${e.path} disagree`;
  return undefined;
}

/** Bytes a file takes as a tar member body: its size rounded up to 512. */
export function paddedSize(size: number): number {
  return Math.ceil(size / 512) * 512;
}

/** Each pack of a manifest: a name of the pack pattern, listed once, a known codec, sizes, digest and origin. */
function checkPacks(packs: PackInfo[], bad: (why: string) => never): void {
  const names = new Set<string>();
  for (const p of packs) {
    if (typeof p !== 'object' || p === null) bad('bad pack');
    if (typeof p.name !== 'string' || !PACK_NAME.test(p.name)) bad(`bad pack name ${JSON.stringify(p.name)}`);
    if (names.has(p.name)) bad(`pack ${p.name} listed twice`);
    names.add(p.name);
    if (p.codec !== 'zstd' && p.codec !== 'gzip') bad(`unknown codec ${JSON.stringify(p.codec)}`);
    if (!isCount(p.size) || !isCount(p.rawSize) || typeof p.sha256 !== 'string' || !HEX64.test(p.sha256)) bad(`bad pack ${p.name}`);
    if (!isSnapshotId(p.origin)) bad(`bad pack origin for ${p.name}`);
  }
}
