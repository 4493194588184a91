import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReadHasher } from '../src/workers/read-hasher.js';
import { seededBytes, tempDir } from './support/fixtures.js';

describe('the read-hash worker', () => {
  it('starts no thread for frames alone (a backup of small files), and closes', async () => {
    const reader = new ReadHasher();
    const frame = reader.frame(1024);
    reader.recycle(frame);
    expect(reader.frame(1024).buffer).toBe(frame.buffer);
    expect(reader.started).toBe(false);
    await reader.close();
    await expect(reader.digest(reader.begin())).rejects.toThrow(/closed/);
    expect(reader.started).toBe(false);
  });

  it('starts at the first read, into frames made before it started too, and hashes what it read', async () => {
    const dir = await tempDir();
    const data = seededBytes(3, 300_000);
    const file = path.join(dir, 'f.bin');
    fs.writeFileSync(file, data);
    const reader = new ReadHasher();
    const early = reader.frame(200_000);
    const fd = fs.openSync(file, 'r');
    try {
      const h = reader.begin();
      expect(await reader.read(fd, early, 0, 200_000, 0, h)).toBe(200_000);
      expect(reader.started).toBe(true);
      const late = reader.frame(200_000);
      expect(await reader.read(fd, late, 0, 200_000, 200_000, h)).toBe(100_000);
      expect(Buffer.concat([early, late.subarray(0, 100_000)]).equals(data)).toBe(true);
      expect(await reader.digest(h)).toBe(createHash('sha256').update(data).digest('hex'));
    } finally {
      fs.closeSync(fd);
      await reader.close();
    }
  });
});
