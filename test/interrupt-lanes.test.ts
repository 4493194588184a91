import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, it, vi } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { restore } from '../src/engine/restore/restore.js';
import { stopAndUndo } from '../src/shared/interrupt.js';
import { LocalStore } from '../src/storage/local-store.js';
import { LanePool } from '../src/workers/lane-pool.js';
import { seededBytes, silent, tempDir, writeTree } from './support/fixtures.js';

// What happens, in order: the lanes closing and the staging directory's removal beginning.
const events: string[] = [];
vi.mock('../src/fs-safety/swap.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/fs-safety/swap.js')>();
  return {
    ...real,
    removeTree: (dir: string) => {
      events.push(`remove ${path.basename(dir).startsWith('.') ? 'staging' : dir}`);
      return real.removeTree(dir);
    },
  };
});

// Stopping is once per process: this file has this one test (vitest runs each file in its own process).
it("a restore stopped by a signal while its lanes write stops every lane before its staging directory's removal begins", async () => {
  const root = await tempDir('iv-lanes-stop-');
  const src = path.join(root, 'idx');
  const spec: Record<string, Buffer> = {};
  for (let i = 0; i < 64; i++) spec[`part-${String(i).padStart(2, '0')}.bin`] = seededBytes(i, 512 * 1024);
  await writeTree(src, spec);
  const store = new LocalStore(path.join(root, 'store'));
  await backup({ source: src, store, series: 'idx', packBytes: 4 * 1024 * 1024, logger: silent, hashCache: false });

  const close = LanePool.prototype.close;
  vi.spyOn(LanePool.prototype, 'close').mockImplementation(async function (this: LanePool) {
    await close.call(this);
    events.push('lanes closed');
  });
  const target = path.join(root, 'out');
  let stopped: Promise<void> | undefined;
  const run = restore({
    store,
    series: 'idx',
    target,
    logger: silent,
    hashCache: false,
    // Stopped as soon as the first bytes are written: the lanes are at work, most of the snapshot still to come.
    onProgress: (p) => {
      if (stopped || p.bytesDone === 0) return;
      stopped = stopAndUndo();
    },
  }).catch((err: unknown) => err);
  const err = await run;
  await stopped;
  expect(stopped, 'the restore ended before it wrote anything').toBeDefined();
  expect(err).toBeInstanceOf(Error);
  // The lanes were closed by the stop itself, before the staging directory's removal began.
  expect(events.indexOf('lanes closed')).toBeGreaterThanOrEqual(0);
  expect(events.indexOf('lanes closed')).toBeLessThan(events.indexOf('remove staging'));
  // Nothing is left: no target, no staging directory.
  expect(await fs.readdir(root)).toEqual(['idx', 'store']);
});
