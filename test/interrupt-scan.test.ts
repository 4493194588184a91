import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { scanTree } from '../src/engine/backup/scan.js';
import { stopAndUndo, StoppingError } from '../src/shared/interrupt.js';
import { tempDir } from './support/fixtures.js';

// Stopping is once per process: this file has this one test (vitest runs each file in its own process).
it('a stop (SIGINT, SIGTERM) begun during the scan of a large directory ends the walk at its next turn, long before the last entry', async () => {
  const src = await tempDir();
  const names = Array.from({ length: 6000 }, (_, i) => `f${i}`);
  for (let i = 0; i < names.length; i += 500) await Promise.all(names.slice(i, i + 500).map((n) => fs.writeFile(path.join(src, n), '')));
  let asked = 0;
  let stopped: Promise<void> | undefined;
  const scan = scanTree(src, {
    exclude: () => {
      // The signal handler runs between two turns of the walk; starting the stop here is the same.
      if (++asked === 10) stopped = stopAndUndo();
      return false;
    },
  });
  await expect(scan).rejects.toBeInstanceOf(StoppingError);
  await stopped;
  expect(asked).toBeGreaterThanOrEqual(10);
  expect(asked).toBeLessThan(names.length / 2);
});
