import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { stopAndUndo } from '../src/shared/interrupt.js';
import type { Store } from '../src/storage/store.js';
import { LocalStore } from '../src/storage/local-store.js';
import { seededBytes, silent, tempDir, writeTree } from './support/fixtures.js';

// Stopping is once per process: this file has this one test (vitest runs each file in its own process).
it('a backup stopped while its index of contents is being written leaves no temporary index, and one left by a crash goes', async () => {
  const root = await tempDir('iv-idx-stop-');
  const src = path.join(root, 'idx');
  await writeTree(src, { 'a.txt': 'alpha', 'data/b.bin': seededBytes(1, 40_000) });
  const cacheDir = path.join(root, 'cache');
  const inner = new LocalStore(path.join(root, 'store'));
  const first = await backup({ source: src, store: inner, cacheDir, logger: silent });
  const temporaries = async () => (await fs.readdir(cacheDir)).filter((f) => f.endsWith('.tmp'));
  // A crashed run's temporary index: the next backup of the tree removes it.
  const index = (await fs.readdir(cacheDir)).find((f) => f.endsWith('.contents.bin'))!;
  await fs.writeFile(path.join(cacheDir, `${index}.999999.deadbeef.tmp`), 'left by a crash');
  await fs.writeFile(path.join(src, 'a.txt'), 'alpha 2');
  // Held where the manifest is checked before it is published: the index is open then.
  let held!: () => void;
  let reached!: () => void;
  const atCheck = new Promise<void>((r) => (reached = r));
  // The parent's one pack is looked for when it is chosen; the second look is the new manifest's check.
  let looks = 0;
  const store: Store = Object.assign(Object.create(inner) as Store, {
    exists: async (key: string) => {
      if (key.includes('/packs/') && ++looks === 2) {
        reached();
        await new Promise<void>((r) => (held = r));
      }
      return inner.exists(key);
    },
  });
  const run = backup({ source: src, store, cacheDir, logger: silent }).catch((err: unknown) => err);
  await atCheck;
  expect(await temporaries()).toHaveLength(1); // this run's own, the crashed one gone
  // The CLI exits once the undo is done (exit-on-signal.ts): the backup itself never goes on to clean up.
  await stopAndUndo();
  expect(await temporaries()).toEqual([]);
  held();
  await run;
  expect(await temporaries()).toEqual([]);
  // The index of the last published snapshot is still there, whole.
  expect((await fs.stat(path.join(cacheDir, index))).size).toBeGreaterThan(0);
  expect(first.kind).toBe('full');
});
