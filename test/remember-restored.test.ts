import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, it, vi } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { contentsFileFor } from '../src/engine/contents-index.js';
import { restore } from '../src/engine/restore/restore.js';
import { cacheFileFor } from '../src/fs-safety/hash-cache.js';
import { lastSnapshotFile } from '../src/fs-safety/last-snapshot.js';
import type { Logger } from '../src/shared/logger.js';
import { LocalStore } from '../src/storage/local-store.js';
import { describeTree, seededBytes, silent, tempDir, writeTree } from './support/fixtures.js';

// The swap into place fails when `failSwap` is set: the index of the restored contents is made before it.
let failSwap = false;
vi.mock('../src/fs-safety/swap.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/fs-safety/swap.js')>();
  return {
    ...real,
    swapIntoPlace: (...args: Parameters<typeof real.swapIntoPlace>) => {
      if (failSwap) return Promise.reject(Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' }));
      return real.swapIntoPlace(...args);
    },
  };
});

// The restored files are not recorded (recordRestoredFiles gives no cache file) when `failRecord` is set.
let failRecord = false;
vi.mock('../src/fs-safety/hash-cache.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/fs-safety/hash-cache.js')>();
  return {
    ...real,
    recordRestoredFiles: (...args: Parameters<typeof real.recordRestoredFiles>) =>
      failRecord ? Promise.resolve(undefined) : real.recordRestoredFiles(...args),
  };
});

async function setup() {
  const root = await tempDir('iv-remember-');
  const src = path.join(root, 'idx');
  await writeTree(src, {
    'a.txt': 'alpha',
    'data/b.bin': seededBytes(1, 70_000),
    'data/c.bin': seededBytes(2, 9_000),
    'e/': { dir: true },
  });
  const store = new LocalStore(path.join(root, 'store'));
  await backup({ source: src, store, series: 'idx', logger: silent, hashCache: false });
  return { root, src, store, cacheDir: path.join(root, 'cache') };
}

/** The names in a directory, or none where there is none. */
const namesIn = (dir: string) => fs.readdir(dir).catch(() => [] as string[]);

function warnings(): { logger: Logger; warned: string[] } {
  const warned: string[] = [];
  return { warned, logger: { ...silent, warn: (m: string) => void warned.push(m) } };
}

it('a restore keeps the record and the index of its contents only once its tree is in place, and leaves no trace of them when it fails', async () => {
  const env = await setup();
  // The restore goes well: the hash cache, the index of the contents and the record, nothing else.
  const out = path.join(env.root, 'out');
  await restore({ target: out, store: env.store, series: 'idx', cacheDir: env.cacheDir, logger: silent });
  const file = cacheFileFor(out, env.cacheDir);
  expect((await namesIn(env.cacheDir)).sort()).toEqual(
    [file, contentsFileFor(file), lastSnapshotFile(file)].map((f) => path.basename(f)).sort(),
  );

  // The swap fails after the index was made: the target stays as it was (absent), and nothing of the index is left.
  failSwap = true;
  const failed = path.join(env.root, 'failed');
  await expect(restore({ target: failed, store: env.store, series: 'idx', cacheDir: env.cacheDir, logger: silent })).rejects.toThrow(
    /EXDEV/,
  );
  failSwap = false;
  const failedFile = cacheFileFor(failed, env.cacheDir);
  const left = await namesIn(env.cacheDir);
  expect(left.filter((n) => n.includes(path.basename(failedFile, '.bin')) && n !== path.basename(failedFile))).toEqual([]);
  expect(left.filter((n) => n.endsWith('.tmp'))).toEqual([]);
  await expect(fs.stat(failed)).rejects.toMatchObject({ code: 'ENOENT' });

  // The hash cache cannot be saved (a directory where its file goes): the restore is whole all the
  // same, says so, and leaves no temporary file (the index and the record are of the snapshot, not
  // of the cache: a backup takes its parent's contents from them with or without it).
  const unsaved = path.join(env.root, 'unsaved');
  await fs.mkdir(cacheFileFor(unsaved, env.cacheDir));
  const { logger, warned } = warnings();
  await restore({ target: unsaved, store: env.store, series: 'idx', cacheDir: env.cacheDir, logger });
  expect(warned.join('\n')).toMatch(/could not save the hash cache/);
  expect((await namesIn(env.cacheDir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  expect(await describeTree(unsaved)).toEqual(await describeTree(out));

  // The files are not recorded: neither the index nor the record is kept beside the cache.
  failRecord = true;
  const unrecorded = path.join(env.root, 'unrecorded');
  await restore({ target: unrecorded, store: env.store, series: 'idx', cacheDir: env.cacheDir, logger: silent });
  failRecord = false;
  const none = cacheFileFor(unrecorded, env.cacheDir);
  expect((await namesIn(env.cacheDir)).filter((n) => n.startsWith(path.basename(none, '.bin')) || n.endsWith('.tmp'))).toEqual([]);
  expect(await describeTree(unrecorded)).toEqual(await describeTree(out));

  // A cache directory inside the target is not used, said once, and nothing is made in the target but the tree.
  const inside = path.join(env.root, 'inside');
  const own = warnings();
  await restore({ target: inside, store: env.store, series: 'idx', cacheDir: path.join(inside, '.cache'), logger: own.logger });
  expect(own.warned.filter((m) => /is inside/.test(m))).toHaveLength(1);
  expect(await describeTree(inside)).toEqual(await describeTree(out));
});
