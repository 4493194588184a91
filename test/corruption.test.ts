import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/core/backup.js';
import { isIndexVaultError } from '../src/core/errors.js';
import { restore } from '../src/core/restore.js';
import { verifySeries } from '../src/core/verify.js';
import { LocalStore } from '../src/storage/local-store.js';
import { describeTree, seededBytes, silent, tempDir, writeTree } from './support/fixtures.js';

/**
 * Flips bytes of every stored object and truncates them: verify must report each as E_INTEGRITY,
 * and restore must refuse each with the target left as it was. Every byte is flipped for verify;
 * restore runs on every STRIDE-th byte (IV_SWEEP_STRIDE=1 for the full sweep).
 */
const STRIDE = Number(process.env.IV_SWEEP_STRIDE ?? 5);

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

async function expectRejected(store: LocalStore, what: string) {
  const reports = await verifySeries(store, 'idx', undefined);
  expect(reports.length, what).toBe(1);
  expect(reports[0]!.ok, what).toBe(false);
  expect(reports[0]!.error?.code, what).toBe('E_INTEGRITY');
}

describe('corruption of stored objects', () => {
  it('detects every flipped byte of the pack and of the manifest', async () => {
    const { store, target, objects } = await setup();
    const before = await describeTree(target);
    let checked = 0;
    for (const file of objects) {
      const original = await fs.readFile(file);
      for (let i = 0; i < original.length; i++) {
        const bad = Buffer.from(original);
        bad[i] = bad[i]! ^ 0xff;
        await fs.writeFile(file, bad);
        await expectRejected(store, `${path.basename(file)} byte ${i}`);
        if (i % STRIDE === 0) {
          const err = await restore({ target, store, series: 'idx', force: true, logger: silent }).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(isIndexVaultError(err), `restore with ${path.basename(file)} byte ${i} flipped: ${String(err)}`).toBe(true);
          expect(['E_INTEGRITY', 'E_UNSAFE_ENTRY', 'E_UNSUPPORTED']).toContain((err as { code: string }).code);
        }
        checked++;
      }
      await fs.writeFile(file, original);
    }
    expect(checked).toBeGreaterThan(1000);
    // After every refused restore the old tree is still exactly there, and nothing was left beside it.
    expect(await describeTree(target)).toEqual(before);
    expect((await fs.readdir(path.dirname(target))).sort()).toEqual(['idx', 'store', 'target']);
    // And with the objects repaired, the same store restores fine.
    expect((await verifySeries(store, 'idx', undefined))[0]!.ok).toBe(true);
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
