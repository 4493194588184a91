import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, lockPathFor } from '../src/fs-safety/lock.js';
import { stopAndUndo } from '../src/shared/interrupt.js';
import { tempDir } from './support/fixtures.js';

// A file of its own: stopAndUndo puts this process into the stopping state for good.
describe('a stop that arrives while the lock is being released', () => {
  it('waits for the lock file to be removed before it reports the undo done (the process exits right after)', async () => {
    const dir = path.join(await tempDir(), 'index');
    await fs.mkdir(dir);
    const lock = await acquireLock(dir, { operation: 'restore' });
    const file = lockPathFor(dir);
    await fs.access(file);
    // The release has begun (its work is awaiting the file system) when the signal's undo runs.
    const released = lock.release();
    await stopAndUndo();
    await expect(fs.access(file)).rejects.toMatchObject({ code: 'ENOENT' });
    await released;
    // A second release is the same one.
    await lock.release();
  });
});
