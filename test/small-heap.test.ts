import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

// Loaded before the entry: when the process ends, it makes many objects survive scavenges (what
// a pass over a large manifest does) and reports how large V8's young generation then is; then,
// beside 400,000 live objects, makes passes of garbage and reports the largest the heap became.
const PROBE = `data:text/javascript,${encodeURIComponent(`
import v8 from 'node:v8';
process.on('exit', () => {
  const keep = [];
  for (let i = 0; i < 2e6; i++) { const o = { a: i, b: 'x' + i }; if (i % 10 === 0) keep.push(o); }
  const s = v8.getHeapSpaceStatistics().find((x) => x.space_name === 'new_space');
  const live = [];
  for (let i = 0; i < 400000; i++) live.push({ a: i, b: 'x' + i });
  let peak = 0;
  for (let r = 0; r < 60; r++) {
    let g = [];
    for (let i = 0; i < 100000; i++) g.push({ a: i, b: 'y' + i, c: [i] });
    g = null;
    peak = Math.max(peak, v8.getHeapStatistics().total_heap_size);
  }
  process.stderr.write('new-space-bytes=' + s.physical_space_size + ' peak-heap-bytes=' + peak + ' kept=' + keep.length + live.length + '\\n');
});
`)}`;

function newSpaceAfter(entry: string[] | undefined): { bytes: number; peak: number; stderr: string } {
  const args = ['--import', PROBE, ...(entry ?? ['-e', '0'])];
  const r = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    env: { ...process.env, INDEX_VAULT_STORE: '', GITHUB_ACTIONS: '', RUNNER_TEMP: '' },
  });
  const m = /new-space-bytes=(\d+) peak-heap-bytes=(\d+)/.exec(r.stderr);
  if (!m) throw new Error(`no probe output: ${r.stderr}`);
  return { bytes: Number(m[1]), peak: Number(m[2]), stderr: r.stderr };
}

/**
 * The young generation's size with the setting: 2 MB, or up to ~8 MB where a full collection
 * (more frequent with the old generation kept small) resized it; 34 MB without the setting.
 */
const YOUNG_MOST = 12 * 1024 * 1024;

describe('heap kept small by the entries', () => {
  const plain = newSpaceAfter(undefined);
  // The young generation kept small alone: the old generation still grows as V8 likes.
  const youngOnly = newSpaceAfter(['-e', "require('node:v8').setFlagsFromString('--semi-space-growth-factor=1')"]);

  it('grows without the settings (the probe can tell)', () => {
    expect(plain.bytes).toBeGreaterThan(16 * 1024 * 1024);
    expect(youngOnly.bytes).toBeLessThanOrEqual(YOUNG_MOST);
    expect(youngOnly.peak).toBeGreaterThan(200 * 1024 * 1024);
  });

  for (const [where, entry] of [
    ['the CLI', [path.join(ROOT, 'dist', 'cli', 'main.js'), '--version']],
    ['the action (the bundle action.yml runs)', [path.join(ROOT, 'dist', 'action-bundle', 'index.js')]],
  ] as const) {
    it(`keeps the young generation at its starting size and the old one near what it holds in ${where}, V8 knowing both flags`, () => {
      const r = newSpaceAfter([...entry]);
      expect(r.bytes).toBeLessThanOrEqual(YOUNG_MOST);
      // Measured: ~260 MB with the young generation's setting alone, ~105 MB with both (400,000 live objects take ~40 MB).
      expect(r.peak).toBeLessThan(0.7 * youngOnly.peak);
      expect(r.stderr).not.toMatch(/unrecognized flag|unknown flag/i);
    });
  }
});
