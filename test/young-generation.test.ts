import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

// Loaded before the entry: when the process ends, it makes many objects survive scavenges (what
// a pass over a large manifest does) and reports how large V8's young generation then is.
const PROBE = `data:text/javascript,${encodeURIComponent(`
import v8 from 'node:v8';
process.on('exit', () => {
  const keep = [];
  for (let i = 0; i < 2e6; i++) { const o = { a: i, b: 'x' + i }; if (i % 10 === 0) keep.push(o); }
  const s = v8.getHeapSpaceStatistics().find((x) => x.space_name === 'new_space');
  process.stderr.write('new-space-bytes=' + s.physical_space_size + ' kept=' + keep.length + '\\n');
});
`)}`;

function newSpaceAfter(entry: string[] | undefined): { bytes: number; stderr: string } {
  const args = ['--import', PROBE, ...(entry ?? ['-e', '0'])];
  const r = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    env: { ...process.env, INDEX_VAULT_STORE: '', GITHUB_ACTIONS: '', RUNNER_TEMP: '' },
  });
  const m = /new-space-bytes=(\d+)/.exec(r.stderr);
  if (!m) throw new Error(`no probe output: ${r.stderr}`);
  return { bytes: Number(m[1]), stderr: r.stderr };
}

describe('young generation kept small by the entries', () => {
  it('grows without the setting (the probe can tell)', () => {
    expect(newSpaceAfter(undefined).bytes).toBeGreaterThan(16 * 1024 * 1024);
  });

  it('stays at its starting size in the CLI, and V8 knows the flag (no complaint on stderr)', () => {
    const r = newSpaceAfter([path.join(ROOT, 'dist', 'cli', 'main.js'), '--version']);
    expect(r.bytes).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(r.stderr).not.toMatch(/unrecognized flag|unknown flag/i);
  });

  it('stays at its starting size in the action (the bundle action.yml runs)', () => {
    const r = newSpaceAfter([path.join(ROOT, 'dist', 'action-bundle', 'index.js')]);
    expect(r.bytes).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(r.stderr).not.toMatch(/unrecognized flag|unknown flag/i);
  });
});
