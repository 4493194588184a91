import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './support/fixtures.js';

const ROOT = path.resolve(__dirname, '..');

describe('npm run bench (smoke run at --size tiny)', () => {
  it('measures every operation, checks each restore against the source, and writes JSON, Markdown and SVG', async () => {
    const dir = await tempDir('iv-bench-');
    execFileSync(
      process.execPath,
      [
        path.join(ROOT, 'bench', 'run.mjs'),
        '--size',
        'tiny',
        '--runs',
        '1',
        '--out',
        path.join(dir, 'out'),
        '--data',
        path.join(dir, 'data'),
      ],
      { cwd: ROOT, stdio: 'pipe' },
    );
    const result = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'tiny.json'), 'utf8')) as {
      operations: Array<{ key: string; wall: number; cpu: number; rssMB: number; out?: number }>;
      targets: Array<{ name: string; value: number; ok: boolean }>;
      dataSet: { bytes: number; files: number };
    };
    expect(result.operations.map((o) => o.key)).toEqual([
      'tar|zstd backup',
      'index-vault backup (full)',
      'zstd|tar restore',
      'index-vault restore (full)',
      'index-vault verify',
      'tar --listed-incremental level 1',
      'index-vault backup (incremental, ~5% change)',
      'index-vault restore (incremental)',
    ]);
    for (const o of result.operations) {
      expect(o.wall, o.key).toBeGreaterThan(0);
      expect(o.rssMB, o.key).toBeGreaterThan(0);
    }
    expect(result.dataSet.files).toBeGreaterThan(100);
    expect(result.targets).toHaveLength(5);
    const inc = result.operations.find((o) => o.key.startsWith('index-vault backup (incremental'))!;
    const full = result.operations.find((o) => o.key === 'index-vault backup (full)')!;
    expect(inc.out!).toBeLessThan(full.out! / 4);
    expect(fs.readFileSync(path.join(dir, 'out', 'tiny.svg'), 'utf8')).toMatch(/^<svg /);
    expect(fs.readFileSync(path.join(dir, 'out', 'tiny.md'), 'utf8')).toContain('| index-vault backup (full) |');
  });
});

// About 20 CPU-seconds, most of it the start of twelve CLI processes: 60 s and more on a shared
// 2-core machine, so it runs only when asked for (IV_BENCH_FILES_SMOKE=1, after `npm run build`).
describe.runIf(process.env.IV_BENCH_FILES_SMOKE === '1')('npm run bench -- --files (smoke run at --files 2k)', () => {
  it(
    'times every operation beside its tar baseline, checks restores and the hash cache, and writes JSON, Markdown and the chart',
    { timeout: 300_000 },
    async () => {
      const dir = await tempDir('iv-bench-files-');
      const out = path.join(dir, 'out');
      execFileSync(
        process.execPath,
        [path.join(ROOT, 'bench', 'run.mjs'), '--files', '2k', '--runs', '1', '--out', out, '--data', path.join(dir, 'data')],
        { cwd: ROOT, stdio: 'pipe' },
      );
      const result = JSON.parse(fs.readFileSync(path.join(out, 'files-2k.json'), 'utf8')) as {
        operations: Array<{
          key: string;
          wall: number;
          cpu: number;
          rssMB: number;
          out?: number;
          hashedFiles?: number;
          cachedHashes?: number;
          changed?: number;
        }>;
        dataSet: { bytes: number; files: number; count: number };
      };
      expect(result.operations.map((o) => o.key)).toEqual([
        'tar|zstd backup',
        'backup floor',
        'iv backup (full)',
        'tar L1 unchanged',
        'iv backup (unchanged)',
        'iv backup (unchanged, no cache)',
        'tar L1 1%',
        'iv backup (1% changed)',
        'zstd|tar restore',
        'restore floor',
        'iv restore (full)',
        'iv restore (incremental)',
        'verify floor',
        'iv verify',
        'iv list',
        'iv prune',
      ]);
      for (const o of result.operations) {
        expect(o.wall, o.key).toBeGreaterThan(0);
        expect(o.cpu, o.key).toBeGreaterThan(0);
        expect(o.rssMB, o.key).toBeGreaterThan(0);
      }
      expect(result.dataSet.files).toBe(2000);
      // 1–16 KiB each: a mean of 8.5 KiB.
      expect(result.dataSet.bytes / result.dataSet.files).toBeGreaterThan(7 * 1024);
      expect(result.dataSet.bytes / result.dataSet.files).toBeLessThan(10 * 1024);
      const op = (k: string) => result.operations.find((o) => o.key === k)!;
      // The incrementals ran with the hash cache on: nothing read when nothing changed, only the changed files after the change.
      expect(op('iv backup (unchanged)')).toMatchObject({ out: 0, hashedFiles: 0, cachedHashes: 2000 });
      // Without it (another machine), every file is hashed, and still nothing stored.
      expect(op('iv backup (unchanged, no cache)')).toMatchObject({ out: 0, hashedFiles: 2000 });
      expect(op('iv backup (1% changed)')).toMatchObject({ changed: 20, hashedFiles: 20, cachedHashes: 1980 });
      expect(op('iv backup (1% changed)').out!).toBeLessThan(op('iv backup (full)').out! / 20);
      expect(fs.readFileSync(path.join(out, 'files.svg'), 'utf8')).toMatch(/^<svg [^]*<polyline/);
      expect(fs.readFileSync(path.join(out, 'files-2k.md'), 'utf8')).toContain('| index-vault incremental, 1% changed |');
    },
  );
});
