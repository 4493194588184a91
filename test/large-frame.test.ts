import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { restore } from '../src/engine/restore/restore.js';
import { verifySeries } from '../src/engine/verify/verify.js';
import { LocalStore } from '../src/storage/local-store.js';
import { craftSnapshot, record } from './support/craft.js';
import { seededBytes, silent, tempDir } from './support/fixtures.js';

describe('a pack written by another tool, in frames larger than a lane reads at once', () => {
  // One zstd frame of ~3 MiB of incompressible bytes: the lane's read buffer (a little over a
  // MiB, enough for any frame index-vault writes) must grow to hold it, twice.
  it('restores and verifies exactly', async () => {
    const root = await tempDir();
    const store = new LocalStore(path.join(root, 'store'));
    const big = seededBytes(42, 3 * 1024 * 1024 + 123);
    const id = await craftSnapshot(store, 'foreign', {
      entries: [
        { path: 'big.bin', type: 'file', content: big },
        { path: 'small.txt', type: 'file', content: 'after the big one\n' },
      ],
      records: [
        record({ path: 'big.bin', type: 'File', size: big.length, body: big }),
        record({ path: 'small.txt', type: 'File', size: 18, body: Buffer.from('after the big one\n') }),
      ],
    });
    const packs = await store.list('foreign/packs/');
    expect(packs[0]!.size).toBeGreaterThan(3 * 1024 * 1024);
    const target = path.join(root, 'out');
    await restore({ target, store, series: 'foreign', logger: silent, hashCache: false });
    expect((await fs.readFile(path.join(target, 'big.bin'))).equals(big)).toBe(true);
    expect(await fs.readFile(path.join(target, 'small.txt'), 'utf8')).toBe('after the big one\n');
    const [report] = await verifySeries(store, 'foreign', id, { logger: silent });
    expect(report).toMatchObject({ ok: true });
  });
});
