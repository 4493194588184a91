import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { isIndexVaultError } from '../src/shared/errors.js';
import { sealManifest, serializeManifest, type Manifest } from '../src/snapshot/manifest.js';
import { restore } from '../src/engine/restore/restore.js';
import { verifySeries } from '../src/engine/verify/verify.js';
import { LocalStore } from '../src/storage/local-store.js';
import type { Store } from '../src/storage/store.js';
import { describeTree, seededBytes, silent, tempDir, writeTree } from './support/fixtures.js';
import { tarMembers, unpackZstd, type TarMember } from './support/tar-layout.js';
import { WrappedStore } from './support/wrapped-store.js';

/**
 * Flips bytes of every stored object and truncates them: verify must report each as E_INTEGRITY,
 * and restore must refuse each with the target left as it was. The bytes flipped are a fixed
 * sample that covers every region (see `packPositions`), so the work is bounded and the same on
 * every run; IV_SWEEP_ALL=1 flips every byte instead (minutes, for a deliberate full sweep).
 * Compressed bytes cannot be aimed at one part of the tar stream, so the pack's own parts (tar
 * headers, padding, descriptor, listing, end blocks) are targeted in the decompressed stream,
 * by a forger who then recomputes every digest (the last test).
 */
const SWEEP_ALL = process.env.IV_SWEEP_ALL === '1';

/**
 * Where a zstd pack's structure is: every frame header, every block header, each block's first,
 * middle and last payload byte (the tar headers, file data, padding, descriptor and listing all
 * decode from block payloads), and each frame's checksum. Skippable frames count as headers.
 */
function zstdLandmarks(pack: Buffer): number[] {
  const marks: number[] = [];
  const span = (from: number, n: number) => {
    for (let i = from; i < Math.min(pack.length, from + n); i++) marks.push(i);
  };
  let at = 0;
  while (at + 8 <= pack.length) {
    const magic = pack.readUInt32LE(at);
    if ((magic & 0xfffffff0) === 0x184d2a50) {
      span(at, 8);
      at += 8 + pack.readUInt32LE(at + 4);
      continue;
    }
    const fhd = pack[at + 4]!;
    const single = (fhd >> 5) & 1;
    const headerLength = 5 + (single ? 0 : 1) + [0, 1, 2, 4][fhd & 3]! + [single, 2, 4, 8][fhd >> 6]!;
    span(at, headerLength);
    at += headerLength;
    for (let last = 0; !last && at + 3 <= pack.length;) {
      const h = pack.readUIntLE(at, 3);
      last = h & 1;
      const size = (h >> 3) & 0x1fffff;
      const payload = ((h >> 1) & 3) === 1 ? 1 : size; // an RLE block stores one byte
      span(at, 3);
      for (const i of [at + 3, at + 3 + (payload >> 1), at + 2 + payload]) if (payload > 0 && i < pack.length) marks.push(i);
      at += 3 + payload;
    }
    if ((fhd >> 2) & 1) span(at, 4);
    at += (fhd >> 2) & 1 ? 4 : 0;
  }
  return marks;
}

/** The landmarks plus `spread` positions evenly across the object, both ends included; sorted, without repeats. */
function samplePositions(length: number, landmarks: number[], spread: number): number[] {
  if (SWEEP_ALL) return Array.from({ length }, (_, i) => i);
  const set = new Set(landmarks.filter((i) => i < length));
  for (let k = 0; k < spread; k++) set.add(Math.round((k * (length - 1)) / (spread - 1)));
  return [...set].sort((a, b) => a - b);
}

async function setup() {
  const root = await tempDir();
  const src = path.join(root, 'idx');
  await writeTree(src, {
    'a.txt': 'alpha',
    'sub/b.bin': seededBytes(3, 700),
    'sub/empty': '',
    link: { link: 'a.txt' },
  });
  const store = new LocalStore(path.join(root, 'store'));
  const snap = await backup({ source: src, store, logger: silent });
  const target = path.join(root, 'target');
  await writeTree(target, { 'old.txt': 'the old tree', 'keep/me.bin': seededBytes(9, 300) });
  const objects = (await store.list('')).map((o) => path.join(store.root, ...o.key.split('/')));
  expect(objects.length).toBe(2); // one pack, one manifest
  return { root, src, store, snap, target, objects };
}

async function expectRejected(store: Store, what: string) {
  const reports = await verifySeries(store, 'idx', undefined);
  expect(reports.length, what).toBe(1);
  expect(reports[0]!.ok, what).toBe(false);
  expect(reports[0]!.error?.code, what).toBe('E_INTEGRITY');
}

/** A raw position in the pack's tar stream, what it is, and whether damage there must be refused. */
interface Target {
  at: number;
  what: string;
  /** Damage that changes what a member is (its name, type, size, checksum): never harmless. */
  mustRefuse: boolean;
  /** The header block the position is in: its checksum is recomputed, as a forger would, unless the checksum is the target. */
  header?: number;
}

/**
 * The byte a forger puts at a target: a header field gets a plausible value (another letter in a
 * name, another octal digit in a number, another member type), so that it is the lie that is caught, not a parse error.
 */
function damaged(t: Target, byte: number): number {
  if (/header (name|link name)$/.test(t.what)) return byte ^ 0x20;
  if (/header type$/.test(t.what)) return byte === 0x30 ? 0x32 : 0x30; // a file becomes a symlink, anything else a file
  if (/header (size|mode|mtime)$/.test(t.what)) return byte === 0x37 ? 0x36 : byte >= 0x30 && byte < 0x37 ? byte + 1 : 0x31;
  return byte ^ 0xff;
}

/** Writes a tar header's checksum for its current bytes (the field counted as spaces). */
function resealHeader(raw: Buffer, at: number): void {
  raw.fill(0x20, at + 148, at + 156);
  let sum = 0;
  for (let i = at; i < at + 512; i++) sum += raw[i]!;
  raw.write(`${sum.toString(8).padStart(6, '0')} \0`, at + 148, 'latin1'); // as node-tar writes it
}

/**
 * The pack layout's own landmarks, read from the tar stream: every header's name, mode, size,
 * mtime, checksum, type, link name and magic; the first and last byte of each file's padding;
 * the first, middle and last byte of the descriptor's and the listing's bodies and the listing's
 * first hash; the end blocks. Bounded: a few dozen positions for the small fixture pack.
 */
function layoutTargets(raw: Buffer, members: TarMember[]): Target[] {
  const out: Target[] = [];
  // Every member's name, size and type; the other fields of one file's header.
  const fields: Array<[string, number, boolean]> = [
    ['name', 0, true],
    ['size', 124 + 10, true],
    ['type', 156, true],
  ];
  const more: Array<[string, number, boolean]> = [
    ['checksum', 148 + 3, true],
    ['mode', 100 + 4, false],
    ['mtime', 136 + 10, false],
    ['magic', 257, false],
  ];
  const firstFile = members.find((m) => m.type === 'File' && !m.name.startsWith('.index-vault/'));
  for (const m of members) {
    const header = m.dataAt - 512;
    const label = m.name.startsWith('.index-vault/') ? (m.name.endsWith('.index.json') ? 'listing' : 'descriptor') : m.name;
    for (const [field, off, must] of m === firstFile ? [...fields, ...more] : fields)
      out.push({ at: header + off, what: `${label} header ${field}`, mustRefuse: must, header });
    if (m.type === 'SymbolicLink') out.push({ at: header + 157, what: `${label} header link name`, mustRefuse: true, header });
    if (m.size % 512 !== 0) out.push({ at: m.dataAt + m.size, what: `${label} padding (first byte)`, mustRefuse: false });
    if (m.size % 512 !== 0 && m === firstFile) out.push({ at: m.end - 1, what: `${label} padding (last byte)`, mustRefuse: false });
    if (label === 'descriptor' || label === 'listing') {
      for (const [where, at] of [
        ['first', m.dataAt],
        ['middle', m.dataAt + (m.size >> 1)],
        ['last', m.dataAt + m.size - 1],
      ] as const) {
        out.push({ at, what: `${label} body (${where} byte)`, mustRefuse: false });
      }
      const hash = raw.subarray(m.dataAt, m.dataAt + m.size).indexOf('"sha256":"');
      if (hash >= 0) out.push({ at: m.dataAt + hash + 10, what: `${label} body (a file's sha256)`, mustRefuse: false });
    }
  }
  const end = members[members.length - 1]!.end;
  out.push(
    { at: end, what: 'end block (first byte)', mustRefuse: false },
    { at: raw.length - 1, what: 'end block (last byte)', mustRefuse: false },
  );
  return out;
}

/**
 * Stores `raw` as the snapshot's only pack, as a forger who can write the store would: compressed
 * again, and the manifest's pack size, digest, locations and its own digest all recomputed.
 */
async function forgePack(store: LocalStore, manifest: Manifest, packFile: string, raw: Buffer): Promise<void> {
  const pack = zlib.zstdCompressSync(raw, { params: { [zlib.constants.ZSTD_c_checksumFlag]: 1 } });
  await fs.writeFile(packFile, pack);
  const { digest: _digest, ...body } = manifest;
  const old = body.packs[0]!.size;
  const forged = sealManifest({
    ...body,
    packs: [{ ...body.packs[0]!, size: pack.length, sha256: createHash('sha256').update(pack).digest('hex') }],
    entries: body.entries.map((e) => (e.type === 'file' ? { ...e, loc: { ...e.loc, offset: 0, length: pack.length } } : e)),
    totals: {
      ...body.totals,
      packedBytes: pack.length,
      storedBytes: body.totals.storedBytes === old ? pack.length : body.totals.storedBytes,
    },
  });
  await fs.writeFile(path.join(store.root, 'idx', 'snapshots', `${manifest.id}.json`), serializeManifest(forged));
}

describe('corruption of stored objects', () => {
  it('detects flipped bytes in every region of the pack and of the manifest', async () => {
    const { store, target, objects } = await setup();
    const before = await describeTree(target);
    // The same objects through a store without local files: the packs are then read on this thread.
    const streamed = new WrappedStore(store);
    let checked = 0;
    for (const file of objects) {
      const original = await fs.readFile(file);
      const isPack = file.endsWith('.tar.zst');
      const positions = samplePositions(original.length, isPack ? zstdLandmarks(original) : [], isPack ? 10 : 48);
      let k = 0;
      for (const i of positions) {
        const bad = Buffer.from(original);
        bad[i] = bad[i]! ^ 0xff;
        await fs.writeFile(file, bad);
        const what = `${path.basename(file)} byte ${i}`;
        await expectRejected(store, what);
        await expectRejected(streamed, `${what} (streamed)`);
        // A damaged manifest stops a restore where it stops verify (its digest): a quarter of them suffice.
        if (!isPack && k++ % 4 !== 0) continue;
        const err = await restore({ target, store, series: 'idx', force: true, logger: silent }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isIndexVaultError(err), `restore with ${what} flipped: ${String(err)}`).toBe(true);
        expect(['E_INTEGRITY', 'E_UNSAFE_ENTRY', 'E_UNSUPPORTED']).toContain((err as { code: string }).code);
      }
      checked += positions.length;
      await fs.writeFile(file, original);
    }
    expect(checked).toBeGreaterThan(60);
    // After every refused restore the old tree is still exactly there, and nothing was left beside it.
    expect(await describeTree(target)).toEqual(before);
    expect((await fs.readdir(path.dirname(target))).sort()).toEqual(['idx', 'store', 'target']);
    // And with the objects repaired, the same store restores fine.
    expect((await verifySeries(store, 'idx', undefined))[0]!.ok).toBe(true);
  });

  it('finds the landmarks of a real pack: its frame and block headers and checksums', async () => {
    const { objects } = await setup();
    const pack = await fs.readFile(objects.find((o) => o.endsWith('.tar.zst'))!);
    const marks = zstdLandmarks(pack);
    expect(marks).toContain(0);
    expect(marks).toContain(pack.length - 1); // the last frame's checksum ends the pack
    expect(pack.readUInt32LE(0)).toBe(0xfd2fb528);
  });

  it('detects truncation at many lengths and a missing pack', async () => {
    const { store, target, objects, src } = await setup();
    const before = await describeTree(target);
    for (const file of objects) {
      const original = await fs.readFile(file);
      for (const len of [0, 1, 4, 100, Math.floor(original.length / 2), original.length - 5, original.length - 1]) {
        await fs.writeFile(file, original.subarray(0, len));
        await expectRejected(store, `${path.basename(file)} cut to ${len}`);
        await expect(restore({ target, store, series: 'idx', force: true, logger: silent })).rejects.toSatisfy(isIndexVaultError);
      }
      // Appended garbage is damage too.
      await fs.writeFile(file, Buffer.concat([original, Buffer.from('x')]));
      await expectRejected(store, `${path.basename(file)} with a byte appended`);
      await fs.writeFile(file, original);
    }
    const pack = objects.find((o) => o.endsWith('.tar.zst'))!;
    await fs.rm(pack);
    const err = await restore({ target, store, series: 'idx', force: true, logger: silent }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_NOT_FOUND' });
    expect(await describeTree(target)).toEqual(before);
    expect(await describeTree(src)).not.toEqual(before);
  });

  it('refuses, or restores exactly, a pack whose tar headers, padding, descriptor or listing were damaged and every digest recomputed', async () => {
    const { root, src, store, snap, target } = await setup();
    const before = await describeTree(target);
    const source = await describeTree(src);
    const packFile = path.join(store.root, 'idx', 'packs', snap.manifest!.packs[0]!.name);
    const raw = unpackZstd(await fs.readFile(packFile));
    const members = tarMembers(raw);
    expect(members.map((m) => m.type)).toContain('SymbolicLink');
    const targets = layoutTargets(raw, members);
    expect(targets.length).toBeGreaterThan(30);
    expect(targets.length).toBeLessThan(50);

    // The forger's re-encoding itself is accepted (headers resealed unchanged too): what follows
    // tests the damage, not the forgery.
    const resealed = Buffer.from(raw);
    for (const m of members) resealHeader(resealed, m.dataAt - 512);
    expect(resealed.equals(raw)).toBe(true);
    await forgePack(store, snap.manifest!, packFile, raw);
    expect((await verifySeries(store, 'idx', undefined))[0]!.ok).toBe(true);

    const refused: string[] = [];
    for (const t of targets) {
      const bad = Buffer.from(raw);
      bad[t.at] = damaged(t, bad[t.at]!);
      if (t.header !== undefined && !t.what.endsWith('checksum')) resealHeader(bad, t.header);
      await forgePack(store, snap.manifest!, packFile, bad);
      const what = `${t.what} (raw byte ${t.at})`;
      const report = (await verifySeries(store, 'idx', undefined))[0]!;
      if (!report.ok) expect(['E_INTEGRITY', 'E_UNSAFE_ENTRY', 'E_UNSUPPORTED'], what).toContain(report.error?.code);
      const err = await restore({ target, store, series: 'idx', force: true, logger: silent }).then(
        () => undefined,
        (e: unknown) => e,
      );
      if (err === undefined) {
        // Accepted: then it is exactly the source, and damage that changes a member is never accepted.
        expect(t.mustRefuse, `${what} was restored`).toBe(false);
        expect(await describeTree(target), what).toEqual(source);
        await fs.rm(target, { recursive: true });
        await writeTree(target, { 'old.txt': 'the old tree', 'keep/me.bin': seededBytes(9, 300) });
      } else {
        expect(isIndexVaultError(err), `${what}: ${String(err)}`).toBe(true);
        expect(['E_INTEGRITY', 'E_UNSAFE_ENTRY', 'E_UNSUPPORTED'], what).toContain((err as { code: string }).code);
        expect(await describeTree(target), what).toEqual(before);
        refused.push(t.what);
      }
      if (t.mustRefuse) expect(report.ok, `verify accepted ${what}`).toBe(false);
      if (process.env.IV_SHOW) console.log(what, report.ok, err === undefined ? 'restored' : (err as Error).message.slice(0, 120));
    }
    expect(refused.length).toBeGreaterThanOrEqual(targets.filter((t) => t.mustRefuse).length);
    expect((await fs.readdir(root)).sort()).toEqual(['idx', 'store', 'target']);
  });
});
