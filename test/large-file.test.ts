import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { restore } from '../src/engine/restore/restore.js';
import { LocalStore } from '../src/storage/local-store.js';
import { seededBytes, silent, tempDir } from './support/fixtures.js';

const SIZE = 4 * 1024 ** 3 + 12_345; // past 4 GiB: 32-bit size fields and offsets would wrap

async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const c of createReadStream(file, { highWaterMark: 4 * 1024 * 1024 })) h.update(c as Buffer);
  return h.digest('hex');
}

describe('files over 4 GiB', () => {
  it('round-trips a sparse 4 GiB+ file, keeps it sparse on restore, and plain tar reads its size', async () => {
    const root = await tempDir();
    const src = path.join(root, 'big-index');
    await fs.mkdir(src);
    const file = path.join(src, 'huge.bin');
    const fh = await fs.open(file, 'w');
    // Data at the start, across the 4 GiB line, and at the very end; holes between.
    await fh.write(seededBytes(1, 100_000), 0, 100_000, 0);
    await fh.write(seededBytes(2, 160_000), 0, 160_000, 4 * 1024 ** 3 - 150_000);
    await fh.write(seededBytes(3, 1000), 0, 1000, SIZE - 1000);
    await fh.close();
    await fs.writeFile(path.join(src, 'small.txt'), 'next to a big one');
    const expected = await sha256File(file);

    const store = new LocalStore(path.join(root, 'store'));
    const snap = await backup({ source: src, store, logger: silent });
    const entry = snap.manifest!.entries.find((e) => e.path === 'huge.bin');
    expect(entry).toMatchObject({ type: 'file', size: SIZE, sha256: expected });
    expect(snap.storedBytes).toBeLessThan(50 * 1024 * 1024);

    const pack = path.join(store.root, 'big-index', 'packs', snap.manifest!.packs[0]!.name);
    const listing = execFileSync('tar', ['--zstd', '-tvf', pack]).toString();
    expect(listing).toMatch(new RegExp(`\\s${SIZE}\\s.*huge\\.bin`));

    const out = path.join(root, 'out');
    await restore({ target: out, store, series: 'big-index', logger: silent });
    const st = await fs.stat(path.join(out, 'huge.bin'));
    expect(st.size).toBe(SIZE);
    expect(st.blocks * 512).toBeLessThan(64 * 1024 * 1024); // zero runs became holes
    expect(await sha256File(path.join(out, 'huge.bin'))).toBe(expected);
    expect(await fs.readFile(path.join(out, 'small.txt'), 'utf8')).toBe('next to a big one');
  }, 300_000);
});
