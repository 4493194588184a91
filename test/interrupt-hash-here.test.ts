import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { stopAndUndo, StoppingError } from '../src/shared/interrupt.js';
import { hashFilesHere } from '../src/workers/hash-workers.js';
import { seededBytes, tempDir } from './support/fixtures.js';

// Stopping is once per process: this file has this one test (vitest runs each file in its own process).
it('a stop begun while files are hashed on the main thread ends the hashing at its next turn, long before the last file', async () => {
  const dir = await tempDir();
  const files = Array.from({ length: 60 }, (_, i) => path.join(dir, `f${i}`));
  await Promise.all(files.map((f, i) => fs.writeFile(f, seededBytes(i, 1024 * 1024))));
  let hashed = 0;
  let stopped: Promise<void> | undefined;
  const run = hashFilesHere(files, () => {
    // The signal handler runs between two turns; starting the stop here is the same.
    if (++hashed === 3) stopped = stopAndUndo();
  });
  await expect(run).rejects.toBeInstanceOf(StoppingError);
  await stopped;
  expect(hashed).toBeGreaterThanOrEqual(3);
  expect(hashed).toBeLessThan(files.length / 2);
});
