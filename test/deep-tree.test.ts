import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { MAX_NAME_BYTES, MAX_PATH_DEPTH } from '../src/snapshot/entry-path.js';
import { isIndexVaultError } from '../src/shared/errors.js';
import { restore } from '../src/engine/restore/restore.js';
import { verifySeries } from '../src/engine/verify/verify.js';
import { LocalStore } from '../src/storage/local-store.js';
import { describeTree, silent, tempDir } from './support/fixtures.js';

/** `levels` directories named `name`, one inside the other, with a small file at the bottom. */
async function deepTree(root: string, levels: number, name = 'd'): Promise<string> {
  const rel = Array.from({ length: levels }, () => name).join('/');
  await fs.mkdir(path.join(root, rel), { recursive: true });
  await fs.writeFile(path.join(root, rel, 'leaf.txt'), 'leaf');
  return `${rel}/leaf.txt`;
}

async function storeKeys(store: LocalStore): Promise<string[]> {
  return (await store.list('').catch(() => [])).map((o) => o.key);
}

describe('the writer refuses what a reader refuses, up front', () => {
  it('a tree 1,500 folders deep is refused with one line naming the path and the limit, before anything is stored', async () => {
    const root = await tempDir();
    const src = path.join(root, 'src');
    await deepTree(src, 1500);
    const store = new LocalStore(path.join(root, 'store'));
    const err = await backup({ source: src, store, series: 's', portability: 'off', logger: silent }).then(
      () => new Error('backup succeeded'),
      (e: unknown) => e,
    );
    expect(isIndexVaultError(err, 'E_VALIDATION'), String(err)).toBe(true);
    const message = (err as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(/^cannot snapshot "d\/d\/d.*": deeper than 256 levels$/);
    expect(await storeKeys(store)).toEqual([]);
  });

  it(`a tree exactly ${MAX_PATH_DEPTH} levels deep backs up, verifies and restores exactly; one level more is refused`, async () => {
    const root = await tempDir();
    const src = path.join(root, 'src');
    // The leaf file is the 256th segment of its path.
    await deepTree(src, MAX_PATH_DEPTH - 1);
    const store = new LocalStore(path.join(root, 'store'));
    const done = await backup({ source: src, store, series: 's', portability: 'off', logger: silent });
    expect((await verifySeries(store, 's', done.id)).every((r) => r.ok)).toBe(true);
    const target = path.join(root, 'target');
    await restore({ target, store, series: 's', logger: silent });
    expect(await describeTree(target)).toEqual(await describeTree(src));

    await fs.mkdir(path.join(src, ...Array.from({ length: MAX_PATH_DEPTH - 1 }, () => 'd'), 'one-more'));
    await fs.writeFile(path.join(src, ...Array.from({ length: MAX_PATH_DEPTH - 1 }, () => 'd'), 'one-more', 'x'), 'x');
    const err = await backup({ source: src, store, series: 's', portability: 'off', logger: silent }).then(
      () => new Error('backup succeeded'),
      (e: unknown) => e,
    );
    expect(isIndexVaultError(err, 'E_VALIDATION'), String(err)).toBe(true);
    expect((err as Error).message).toMatch(/one-more\/x.*deeper than 256 levels/);
    expect((await storeKeys(store)).filter((k) => k.includes('/snapshots/'))).toHaveLength(1);
  });

  it(`long paths (names of ${MAX_NAME_BYTES} bytes, about 4,000 bytes in all) back up, verify and restore exactly`, async () => {
    const root = await tempDir();
    const src = path.join(root, 'src');
    // Multi-byte names: bytes, not characters, are what the limits count.
    const name = 'é'.repeat(Math.floor(MAX_NAME_BYTES / 2)) + 'x';
    expect(Buffer.byteLength(name)).toBe(MAX_NAME_BYTES);
    const levels = Math.floor((4000 - root.length) / (MAX_NAME_BYTES + 1)) - 1;
    await deepTree(src, levels, name);
    const store = new LocalStore(path.join(root, 'store'));
    const done = await backup({ source: src, store, series: 's', portability: 'off', logger: silent });
    expect((await verifySeries(store, 's', done.id)).every((r) => r.ok)).toBe(true);
    const target = path.join(root, 't');
    await restore({ target, store, series: 's', logger: silent });
    expect(await describeTree(target)).toEqual(await describeTree(src));
  });

  it('a name with a backslash (legal on Linux) is refused at backup, since every restore refuses it', async () => {
    const root = await tempDir();
    const src = path.join(root, 'src');
    await fs.mkdir(src);
    await fs.writeFile(path.join(src, 'a\\b.txt'), 'x');
    const store = new LocalStore(path.join(root, 'store'));
    const err = await backup({ source: src, store, series: 's', portability: 'off', logger: silent }).then(
      () => new Error('backup succeeded'),
      (e: unknown) => e,
    );
    expect(isIndexVaultError(err, 'E_VALIDATION'), String(err)).toBe(true);
    expect((err as Error).message).toContain('backslash');
    expect(await storeKeys(store)).toEqual([]);
  });
});
