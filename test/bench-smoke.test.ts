import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './support/fixtures.js';

const ROOT = path.resolve(__dirname, '..');

describe('npm run bench (smoke run at --size tiny)', () => {
  it('measures every operation, checks each restore against the source, and writes JSON, Markdown and SVG', async () => {
    const dir = await tempDir('iv-bench-');
    execFileSync(process.execPath, [path.join(ROOT, 'bench', 'run.mjs'), '--size', 'tiny', '--runs', '1', '--out', path.join(dir, 'out'), '--data', path.join(dir, 'data')], { cwd: ROOT, stdio: 'pipe' });
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
