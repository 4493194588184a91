import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/core/backup.js';
import { isIndexVaultError } from '../src/core/errors.js';
import { restore } from '../src/core/restore.js';
import { verifySeries } from '../src/core/verify.js';
import { LocalStore } from '../src/storage/local-store.js';
import type { Store } from '../src/storage/store.js';
import { describeTree, seededBytes, silent, tempDir, writeTree } from './support/fixtures.js';
import { WrappedStore } from './support/wrapped-store.js';

/**
 * Flips bytes of every stored object and truncates them: verify must report each as E_INTEGRITY,
 * and restore must refuse each with the target left as it was. The bytes flipped are a fixed
 * sample that covers every region (see `packPositions`), so the work is bounded and the same on
 * every run; IV_SWEEP_ALL=1 flips every byte instead (minutes, for a deliberate full sweep).
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
    for (let last = 0; !last && at + 3 <= pack.length; ) {
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
    'link': { link: 'a.txt' },
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
});
