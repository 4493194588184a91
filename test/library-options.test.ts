import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup, type BackupOptions } from '../src/engine/backup/backup.js';
import { LocalStore } from '../src/storage/local-store.js';
import { tempDir, writeTree } from './support/fixtures.js';

// A caller in plain JavaScript can pass anything: each bad value is refused as E_VALIDATION
// naming it, before the store is touched, never as a TypeError from deep inside.
describe('backup options a library caller gets wrong', () => {
  const bad: Array<[string, Partial<Record<keyof BackupOptions, unknown>>, RegExp]> = [
    ['an unknown codec', { codec: 'xz' }, /invalid codec "xz"/],
    ['a codec named like an object property', { codec: 'constructor' }, /invalid codec "constructor"/],
    ['a level that is not whole', { level: 2.5 }, /compression level 2.5 is out of range for zstd/],
    ['an unknown mode', { mode: 'differential' }, /invalid mode "differential"/],
    ['an unknown lanceVersions', { lanceVersions: 'toString' }, /invalid lanceVersions "toString"/],
    ['a chain of no snapshots', { maxChain: 0 }, /--max-chain must be a whole number of at least 1/],
    ['packs of no bytes', { packBytes: 0 }, /pack size must be positive/],
    ['an unknown format', { format: 'tantivy ' }, /invalid format "tantivy "/],
    ['an unknown portability', { portability: 'strict' }, /invalid portability "strict"/],
  ];
  for (const [what, options, message] of bad) {
    it(`refuses ${what} with E_VALIDATION and leaves the store alone`, async () => {
      const root = await tempDir();
      await writeTree(path.join(root, 'src'), { 'a.txt': 'alpha' });
      const storeDir = path.join(root, 'store');
      const run = backup({ source: path.join(root, 'src'), store: new LocalStore(storeDir), ...(options as Partial<BackupOptions>) });
      await expect(run).rejects.toMatchObject({ code: 'E_VALIDATION', message: expect.stringMatching(message) });
      await expect(fs.readdir(storeDir)).rejects.toMatchObject({ code: 'ENOENT' });
    });
  }
});
