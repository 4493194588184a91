import { execFileSync } from 'node:child_process';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanTree } from '../src/engine/backup/scan.js';
import { isIndexVaultError } from '../src/shared/errors.js';
import { StatHelper } from '../src/workers/stat-helper.js';
import { CONTROL_WORDS, DONE, ROW, RowStat, rowStatus, STAT_FAILED, STAT_GONE, STAT_OK } from '../src/workers/stat-rows.js';
import { startWorker } from '../src/workers/worker-url.js';
import { tempDir } from './support/fixtures.js';

const KIND_METHODS = ['isSymbolicLink', 'isDirectory', 'isFile', 'isFIFO', 'isSocket', 'isCharacterDevice', 'isBlockDevice'] as const;
const FIELDS = ['dev', 'ino', 'mode', 'nlink', 'size', 'mtimeNs', 'ctimeNs', 'mtimeMs'] as const;

/** What the walk reads of a stat, as plain values. */
function seen(st: RowStat | fsSync.BigIntStats): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of FIELDS) out[f] = st[f];
  for (const m of KIND_METHODS) out[m] = st[m]();
  return out;
}

/** A directory of every kind of entry a walk meets, under names it is handed (some gone, some that fail). */
async function oddDirectory(root: string): Promise<string[]> {
  const dir = path.join(root, 'odd');
  await fs.mkdir(dir);
  const names: string[] = [];
  for (let i = 0; i < 40; i++) {
    await fs.writeFile(path.join(dir, `f${i}.txt`), 'x'.repeat(i));
    names.push(`f${i}.txt`);
  }
  await fs.chmod(path.join(dir, 'f3.txt'), 0o755);
  await fs.mkdir(path.join(dir, 'sub'));
  await fs.symlink('f1.txt', path.join(dir, 'link'));
  await fs.link(path.join(dir, 'f2.txt'), path.join(dir, 'hard'));
  execFileSync('mkfifo', [path.join(dir, 'fifo')]);
  names.push('sub', 'link', 'hard', 'fifo', 'gone.txt', 'f5.txt/below', 'n'.repeat(300));
  return names;
}

describe('stat helper: a big directory lstat-ed on two threads, with the answer one thread gives', () => {
  it.skipIf(process.platform === 'win32')(
    'the helper thread alone writes rows equal to lstat for every kind, gone names and failures marked',
    async () => {
      const root = await tempDir();
      const names = await oddDirectory(root);
      const prefix = path.join(root, 'odd') + path.sep;
      const worker = startWorker('stat-worker', pathToFileURL(path.resolve('src/workers/stat-helper.ts')).href);
      try {
        const ctrl = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
        const rows = new BigInt64Array(new SharedArrayBuffer(names.length * ROW * 8));
        worker.postMessage({ ctrl: ctrl.buffer, rows: rows.buffer, prefix, names });
        // This thread claims nothing: every row is the helper's.
        for (let t = 0; Atomics.load(ctrl, DONE) < names.length; t++) {
          if (t > 500) throw new Error('the helper did not answer');
          await new Promise((r) => setTimeout(r, 10));
        }
        names.forEach((name, i) => {
          if (name === 'gone.txt') expect(rowStatus(rows, i)).toBe(STAT_GONE);
          else if (name.includes('/') || name.length > 255) expect(rowStatus(rows, i), name).toBe(STAT_FAILED);
          else {
            expect(rowStatus(rows, i), name).toBe(STAT_OK);
            expect(seen(new RowStat(rows, i)), name).toEqual(seen(fsSync.lstatSync(prefix + name, { bigint: true })));
          }
        });
      } finally {
        await worker.terminate();
      }
    },
  );

  it.skipIf(process.platform === 'win32')(
    'statNames gives each name its lstat, null when gone, undefined for the caller to stat and raise',
    async () => {
      const root = await tempDir();
      const names = await oddDirectory(root);
      const prefix = path.join(root, 'odd') + path.sep;
      const helper = new StatHelper(0);
      try {
        // Taken at once (the walk claims rows too), and after a pause (the helper has written them all).
        for (const pause of [0, 300]) {
          const stats = helper.statNames(prefix, names)!;
          if (pause) await new Promise((r) => setTimeout(r, pause));
          names.forEach((name, i) => {
            if (name === 'gone.txt') expect(stats.get(i)).toBeNull();
            else if (name.includes('/') || name.length > 255) expect(stats.get(i), name).toBeUndefined();
            else expect(seen(stats.get(i) as RowStat), name).toEqual(seen(fsSync.lstatSync(prefix + name, { bigint: true })));
          });
        }
        // A small directory is the caller's alone.
        expect(helper.statNames(prefix, names.slice(0, 5))).toBeUndefined();
      } finally {
        helper.close();
      }
    },
  );

  it('a scan of thousands of files in big folders is the same with and without the helper: entries, order, stamps', async () => {
    const root = await tempDir();
    const src = path.join(root, 'src');
    for (let d = 0; d < 12; d++) {
      const dir = path.join(src, `d${d}`, d % 3 === 0 ? 'deeper' : '');
      await fs.mkdir(dir, { recursive: true });
      await Promise.all(Array.from({ length: 500 }, (_, i) => fs.writeFile(path.join(dir, `f${i}.txt`), `${d}:${i}`)));
      if (process.platform !== 'win32') {
        await fs.chmod(path.join(dir, 'f7.txt'), 0o755);
        await fs.symlink('f1.txt', path.join(dir, 'link'));
      }
      await fs.mkdir(path.join(dir, 'empty'));
    }
    const alone = await scanTree(src, { statHelper: false });
    const helped = await scanTree(src);
    expect(helped.entries.length).toBe(6000 + 12 + 4 + 12 + (process.platform === 'win32' ? 0 : 12));
    expect([...helped.entries]).toEqual([...alone.entries]);
    const stamps = (scan: typeof alone) => Array.from({ length: scan.stamps.length }, (_, i) => scan.stamps.get(i));
    expect(stamps(helped)).toEqual(stamps(alone));
    expect([helped.files, helped.bytes]).toEqual([alone.files, alone.bytes]);
  });

  it.skipIf(process.platform === 'win32')('a scan refuses the same entries, with the same words, with the helper as without', async () => {
    const root = await tempDir();
    const src = path.join(root, 'src');
    await fs.mkdir(path.join(src, 'big'), { recursive: true });
    await Promise.all(Array.from({ length: 5000 }, (_, i) => fs.writeFile(path.join(src, 'big', `f${i}`), '')));
    execFileSync('mkfifo', [path.join(src, 'big', 'pipe')]);
    await fs.link(path.join(src, 'big', 'f9'), path.join(src, 'big', 'twin'));
    await fs.symlink('/etc/hostname', path.join(src, 'big', 'out'));
    const refusal = (statHelper: boolean) =>
      scanTree(src, { statHelper }).then(
        () => new Error('scanned'),
        (e: Error) => e,
      );
    const [alone, helped] = [await refusal(false), await refusal(true)];
    expect(isIndexVaultError(helped, 'E_UNSUPPORTED'), String(helped)).toBe(true);
    expect(helped.message).toBe(alone.message);
    expect(helped.message).toMatch(/big\/pipe: FIFO/);
    expect(helped.message).toMatch(/big\/(f9|twin): hard link/);
  });
});
