import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashFilesInWorkers } from '../src/workers/hash-workers.js';
import { seededBytes, tempDir } from './support/fixtures.js';

describe('hashing on worker threads', () => {
  it('returns each file’s sha256 and size in input order, and names a file it cannot read', async () => {
    const dir = await tempDir();
    const sizes = [0, 1, 4 * 1024 * 1024, 4 * 1024 * 1024 + 1, 9_000_000, 3];
    const files: string[] = [];
    for (const [i, n] of sizes.entries()) {
      const f = path.join(dir, `f${i}`);
      await fs.writeFile(f, seededBytes(i + 1, n));
      files.push(f);
    }
    let bytes = 0;
    const got = await hashFilesInWorkers(files, (n) => (bytes += n), 3);
    expect(got).toEqual(
      sizes.map((n, i) => ({
        size: n,
        sha256: createHash('sha256')
          .update(seededBytes(i + 1, n))
          .digest('hex'),
      })),
    );
    expect(bytes).toBe(sizes.reduce((a, b) => a + b, 0));
    await expect(hashFilesInWorkers([...files, path.join(dir, 'missing')], undefined, 2)).rejects.toMatchObject({
      code: 'E_IO',
      details: { path: path.join(dir, 'missing'), errno: 'ENOENT' },
    });
  });
});
