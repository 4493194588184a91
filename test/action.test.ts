import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INPUT_DEFAULTS, inputVariable, runAction } from './support/action-runner.js';
import { describeTree, seededBytes, tempDir, writeTree } from './support/fixtures.js';

async function workspaceWithIndex() {
  const root = await tempDir();
  const ws = path.join(root, 'ws');
  await writeTree(path.join(ws, 'data', 'index'), {
    'segments/a.bin': seededBytes(1, 300_000),
    'segments/b.bin': seededBytes(2, 200_000),
    'meta/state.json': '{"v":1}',
    empty: { dir: true },
  });
  return { root, ws, index: path.join(ws, 'data', 'index'), store: path.join(root, 'vault') };
}

describe('the action entry, run as the runner runs it (backend local)', () => {
  it('backs up full then incremental, restores in a fresh workspace, and reports outputs and a summary', async () => {
    const { root, ws, index, store } = await workspaceWithIndex();
    const full = await runAction(ws, { mode: 'backup', path: 'data/index', backend: 'local', store });
    expect(full.code, full.stdout + full.stderr).toBe(0);
    expect(full.outputs).toMatchObject({ kind: 'full', files: '3', restored: 'false' });
    expect(full.outputs['snapshot-id']).toMatch(/^\d{8}T\d{9}Z-[0-9a-f]{8}$/);
    expect(Number(full.outputs['stored-bytes'])).toBeGreaterThan(400_000);
    expect(full.summary).toContain('### index-vault backup: `data-index`');
    expect(full.summary).toMatch(/\| files \| 3: 3 added, 0 changed, 0 removed, 0 unchanged \|/);

    await fs.writeFile(path.join(index, 'meta', 'state.json'), '{"v":2}');
    await fs.rm(path.join(index, 'segments', 'b.bin'));
    await fs.writeFile(path.join(index, 'segments', 'c.bin'), seededBytes(3, 10_000));
    const inc = await runAction(ws, { mode: 'backup', path: 'data/index', backend: 'local', store });
    expect(inc.code, inc.stderr).toBe(0);
    expect(inc.outputs.kind).toBe('incremental');
    expect(Number(inc.outputs['stored-bytes'])).toBeLessThan(30_000);
    expect(inc.summary).toMatch(/1 added, 1 changed, 1 removed, 1 unchanged/);
    expect(inc.summary).toContain('Chain (newest first)');
    expect(inc.summary).toContain(full.outputs['snapshot-id']!);

    const same = await runAction(ws, { mode: 'backup', path: 'data/index', backend: 'local', store });
    expect(same.outputs.kind).toBe('unchanged');
    // The result of an unchanged backup carries no manifest: the summary reads the snapshot it names.
    expect(same.summary).toContain('Nothing changed since the newest snapshot');
    expect(same.summary).toMatch(/0 added, 0 changed, 0 removed, \d+ unchanged/);
    expect(same.summary).toContain(full.outputs['snapshot-id']!);

    const ws2 = path.join(root, 'ws2');
    await fs.mkdir(ws2);
    const rest = await runAction(ws2, { mode: 'restore', path: 'data/index', backend: 'local', store });
    expect(rest.code, rest.stderr).toBe(0);
    expect(rest.outputs).toMatchObject({ restored: 'true', 'cache-hit': 'true', matched: inc.outputs['snapshot-id'] });
    expect(await describeTree(path.join(ws2, 'data', 'index'))).toEqual(await describeTree(index));
    expect(rest.summary).toContain('### index-vault restore');

    const ver = await runAction(ws2, { mode: 'verify', path: 'data/index', backend: 'local', store });
    expect(ver.code, ver.stderr).toBe(0);
    expect(ver.summary).toMatch(/2 of 2 snapshot\(s\) verified/);

    // An older snapshot by id, into the directory that now holds the newest.
    const old = await runAction(ws2, {
      mode: 'restore',
      path: 'data/index',
      backend: 'local',
      store,
      snapshot: full.outputs['snapshot-id']!,
    });
    expect(old.code, old.stderr).toBe(0);
    expect(await fs.readFile(path.join(ws2, 'data', 'index', 'meta', 'state.json'), 'utf8')).toBe('{"v":1}');
  });

  it('a miss fails with fail-on-miss (the default), warns without it, and lookup-only restores nothing', async () => {
    const { root, ws, store } = await workspaceWithIndex();
    const ws2 = path.join(root, 'ws2');
    await fs.mkdir(ws2);
    const miss = await runAction(ws2, { mode: 'restore', path: 'data/index', backend: 'local', store });
    expect(miss.code).toBe(1);
    expect(miss.stdout).toMatch(/::error::E_NOT_FOUND: no restorable snapshot of series data-index/);
    expect(miss.outputs.restored).toBe('false');

    const soft = await runAction(ws2, { mode: 'restore', path: 'data/index', backend: 'local', store, 'fail-on-cache-miss': 'false' });
    expect(soft.code).toBe(0);
    expect(soft.stdout).toMatch(/::warning::no restorable snapshot of series data-index/);
    expect(soft.outputs).toMatchObject({ restored: 'false', 'cache-hit': 'false', matched: '' });

    expect((await runAction(ws, { mode: 'backup', path: 'data/index', backend: 'local', store })).code).toBe(0);
    const look = await runAction(ws2, { mode: 'restore', path: 'data/index', backend: 'local', store, 'lookup-only': 'true' });
    expect(look.code).toBe(0);
    expect(look.outputs['cache-hit']).toBe('true');
    expect(look.outputs.matched).toMatch(/Z-/);
    await expect(fs.stat(path.join(ws2, 'data'))).rejects.toThrow();
  });

  it('refuses invalid inputs with messages that list the valid values, and masks the token', async () => {
    const { ws, store } = await workspaceWithIndex();
    const bad = async (inputs: Record<string, string>) =>
      (await runAction(ws, { path: 'data/index', backend: 'local', store, ...inputs })).stdout;
    expect(await bad({ mode: 'sync' })).toMatch(
      /::error::E_VALIDATION: invalid input mode: "sync" \(valid values: backup, restore, verify\)/,
    );
    expect(await bad({ backend: 's4' })).toMatch(/valid values: cache, artifact, local/);
    expect(await bad({ incremental: 'maybe' })).toMatch(/valid values: auto, true, false/);
    expect(await bad({ format: 'faiss' })).toMatch(/valid values: auto, lancedb, tantivy, dir/);
    expect(await bad({ portability: 'loud' })).toMatch(/valid values: error, warn, off/);
    expect(await bad({ 'compression-level': '30' })).toMatch(/compression-level.*1 to 19/);
    expect(await bad({ path: '.' })).toMatch(/::error::E_VALIDATION: input path "." is the workspace itself/);
    expect(await bad({ verify: 'perhaps' })).toMatch(/valid values: true, false/);
    const secret = await bad({ mode: 'sync', 'github-token': 'ghs_supersecret123' });
    expect(secret).not.toContain('ghs_supersecret123');
    const noStore = await runAction(ws, { path: 'data/index', backend: 'local' });
    expect(noStore.code).toBe(1);
    expect(noStore.stdout).toMatch(/backend local needs the store input/);
  });

  it('refuses a local store inside the index directory, and a target that holds the store', async () => {
    const { ws, index } = await workspaceWithIndex();
    const before = await describeTree(index);
    const inside = await runAction(ws, { mode: 'backup', path: 'data/index', backend: 'local', store: 'data/index/.vault' });
    expect(inside.code).toBe(1);
    expect(inside.stdout).toMatch(/::error::E_VALIDATION: the store .* is inside the source directory/);
    expect(await describeTree(index)).toEqual(before);
    // (The workspace itself is refused before this rule: see the workspace-root test.)
    const whole = await runAction(ws, { mode: 'restore', path: 'data', name: 'data', backend: 'local', store: 'data/vault' });
    expect(whole.code).toBe(1);
    expect(whole.stdout).toMatch(/::error::E_VALIDATION: the store .* is inside the target directory/);
    expect(await describeTree(index)).toEqual(before);
  });
});

describe('inputs as the runner sets them (every default of action.yml filled in)', () => {
  it('the harness sets each defaulted input, and no alias has a default that would shadow its other name', () => {
    expect(INPUT_DEFAULTS).toMatchObject({ mode: 'backup', backend: 'cache', 'lookup-only': 'false', save: 'none', 'save-on': 'success' });
    expect(inputVariable('fail-on-cache-miss')).toBe('INPUT_FAIL-ON-CACHE-MISS');
    expect(INPUT_DEFAULTS['fail-on-miss']).toBeUndefined();
    expect(INPUT_DEFAULTS['fail-on-cache-miss']).toBeUndefined();
  });

  it('fail-on-cache-miss: false is obeyed; both names set and disagreeing is E_VALIDATION', async () => {
    const { root, store } = await workspaceWithIndex();
    const ws2 = path.join(root, 'ws2');
    await fs.mkdir(ws2);
    const base = { mode: 'restore', path: 'data/index', backend: 'local', store };
    const soft = await runAction(ws2, { ...base, 'fail-on-cache-miss': 'false' });
    expect(soft.code, soft.stdout).toBe(0);
    expect(soft.outputs).toMatchObject({ restored: 'false', 'cache-hit': 'false', matched: '' });
    const agree = await runAction(ws2, { ...base, 'fail-on-cache-miss': 'false', 'fail-on-miss': 'false' });
    expect(agree.code).toBe(0);
    const clash = await runAction(ws2, { ...base, 'fail-on-cache-miss': 'false', 'fail-on-miss': 'true' });
    expect(clash.code).toBe(1);
    expect(clash.stdout).toMatch(/::error::E_VALIDATION: inputs fail-on-miss and fail-on-cache-miss disagree/);
    const hard = await runAction(ws2, base);
    expect(hard.code).toBe(1);
    expect(hard.stdout).toMatch(/::error::E_NOT_FOUND/);
  });

  it('lookup-only never fails: a miss is cache-hit=false, matched= and exit 0, even with fail-on-miss: true', async () => {
    const { root, store } = await workspaceWithIndex();
    const ws2 = path.join(root, 'ws2');
    await fs.mkdir(ws2);
    const look = await runAction(ws2, {
      mode: 'restore',
      path: 'data/index',
      backend: 'local',
      store,
      'lookup-only': 'true',
      'fail-on-miss': 'true',
    });
    expect(look.code, look.stdout).toBe(0);
    expect(look.outputs).toMatchObject({ 'cache-hit': 'false', matched: '', restored: 'false' });
    expect(look.stdout).not.toMatch(/::error::/);
  });
});

describe('the index path', () => {
  it('refuses the workspace root and its ancestors, and accepts directories outside the workspace (absolute, ~/)', async () => {
    const { root, ws, index, store } = await workspaceWithIndex();
    await fs.writeFile(path.join(ws, 'README.md'), 'the checkout');
    for (const p of ['.', './', '..', ws, path.dirname(root), 'data/..']) {
      const r = await runAction(ws, { mode: 'restore', path: p, backend: 'local', store });
      expect(r.code, p).toBe(1);
      expect(r.stdout, p).toMatch(/::error::E_VALIDATION: input path .* is (the workspace itself|an ancestor of the workspace)/);
    }
    expect(await fs.readFile(path.join(ws, 'README.md'), 'utf8')).toBe('the checkout');
    expect((await runAction(ws, { path: 'data/index', backend: 'local', store })).code).toBe(0);
    // Outside the workspace, as actions/cache allows: runner.temp, or the home directory with ~.
    const outside = path.join(root, 'elsewhere', 'idx');
    const abs = await runAction(ws, { mode: 'restore', path: outside, name: 'data-index', backend: 'local', store });
    expect(abs.code, abs.stdout).toBe(0);
    expect(await describeTree(outside)).toEqual(await describeTree(index));
    const home = path.join(root, 'home');
    await fs.mkdir(home);
    const tilde = await runAction(
      ws,
      { mode: 'restore', path: '~/idx', name: 'data-index', backend: 'local', store },
      { HOME: home, USERPROFILE: home },
    );
    expect(tilde.code, tilde.stdout).toBe(0);
    expect(await describeTree(path.join(home, 'idx'))).toEqual(await describeTree(index));
    expect(tilde.summary).toContain(`| restored into | \`${path.join(home, 'idx')}\` |`);
  });
});

describe('the job summary', () => {
  it('a summary file that cannot be written is a warning; the backup succeeds', async () => {
    const { ws, store } = await workspaceWithIndex();
    const r = await runAction(ws, { path: 'data/index', backend: 'local', store }, {}, { unwritableSummary: true });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.kind).toBe('full');
    expect(r.stdout).toMatch(/::warning::could not write the job summary/);
  });

  it('a failed step writes a summary: what was tried, the error, and what to do in the words of the inputs', async () => {
    const { ws, store } = await workspaceWithIndex();
    // A name Windows cannot hold: refused with a hint in action terms, and a summary of the failure.
    // (Not a one-letter name before the colon: `a:b` reads as a drive path and no restore takes it.)
    await fs.writeFile(path.join(ws, 'data', 'index', 'ab:c'), 'x');
    const fail = await runAction(ws, { mode: 'backup', path: 'data/index', backend: 'local', store });
    expect(fail.code).toBe(1);
    expect(fail.stdout).toMatch(/::error::E_PORTABILITY: .*portability: warn/);
    expect(fail.stdout).not.toMatch(/--portability/);
    expect(fail.summary).toContain('### index-vault backup failed: `data-index`');
    expect(fail.summary).toContain(`Tried to backup \`${path.join(ws, 'data', 'index')}\``);
    expect(fail.summary).toMatch(/\*\*Error:\*\* E_PORTABILITY/);
    expect(fail.summary).toMatch(/\*\*What to do:\*\* rename them, or set portability: warn/);
  });

  it('ratios read plainly: an incremental names the changed bytes, never a percentage above 100', async () => {
    const { ws, index, store } = await workspaceWithIndex();
    expect((await runAction(ws, { path: 'data/index', backend: 'local', store })).code).toBe(0);
    // A tiny change: the pack costs more than the bytes it holds.
    await fs.writeFile(path.join(index, 'meta', 'state.json'), '{"v":3}');
    const inc = await runAction(ws, { path: 'data/index', backend: 'local', store });
    expect(inc.outputs.kind).toBe('incremental');
    const stored = /\| stored \| ([^|]*) \|/.exec(inc.summary)?.[1] ?? '';
    expect(stored).toMatch(/for 7 B of new or changed files/);
    expect(stored).toMatch(/compression saved nothing/);
    expect(inc.summary).not.toMatch(/\d{3,}(\.\d)?%/);
    expect(inc.summary).toContain(`| directory | \`${index}\` |`);
  });
});

describe('the e2e workflow, rehearsed with the local backend', () => {
  it('make-index, backup, restore elsewhere, compare-trees, then the incremental round', async () => {
    const { execFileSync } = await import('node:child_process');
    const e2e = path.resolve(__dirname, 'e2e');
    const root = await tempDir();
    const store = path.join(root, 'vault');
    const ws = (n: string) => path.join(root, n);
    const node = (cwd: string, script: string, ...args: string[]) =>
      execFileSync(process.execPath, [path.join(e2e, script), ...args], { cwd, encoding: 'utf8' });
    for (const d of ['build', 'restore1', 'inc', 'restore2']) await fs.mkdir(ws(d));
    node(ws('build'), 'make-index.mjs', 'sample-index', '1');
    const up = await runAction(ws('build'), { mode: 'backup', path: 'sample-index', name: 'e2e', backend: 'local', store });
    expect(up.code, up.stdout).toBe(0);
    expect(up.outputs.kind).toBe('full');
    const down = await runAction(ws('restore1'), { mode: 'restore', path: 'restored', name: 'e2e', backend: 'local', store });
    expect(down.outputs.matched).toBe(up.outputs['snapshot-id']);
    node(ws('restore1'), 'make-index.mjs', 'expected', '1');
    expect(node(ws('restore1'), 'compare-trees.mjs', 'expected', 'restored')).toMatch(/restored equals expected/);

    expect((await runAction(ws('inc'), { mode: 'restore', path: 'sample-index', name: 'e2e', backend: 'local', store })).code).toBe(0);
    node(ws('inc'), 'make-index.mjs', 'sample-index', '2');
    const inc = await runAction(ws('inc'), { mode: 'backup', path: 'sample-index', name: 'e2e', backend: 'local', store });
    expect(inc.outputs.kind).toBe('incremental');
    expect((await runAction(ws('restore2'), { mode: 'restore', path: 'restored', name: 'e2e', backend: 'local', store })).code).toBe(0);
    node(ws('restore2'), 'make-index.mjs', 'expected', '2');
    expect(node(ws('restore2'), 'compare-trees.mjs', 'expected', 'restored')).toMatch(/restored equals expected/);
    // compare-trees must notice a difference, or it proves nothing.
    node(ws('restore2'), 'make-index.mjs', 'expected', '1');
    expect(() => node(ws('restore2'), 'compare-trees.mjs', 'expected', 'restored')).toThrow();
  });
});

describe('a cancelled job (the runner sends SIGINT, then SIGTERM)', () => {
  async function bigWorkspace(seed: number) {
    const root = await tempDir();
    const ws = path.join(root, 'ws');
    const spec: Record<string, Buffer> = {};
    for (let i = 0; i < 48; i++) spec[`part-${String(i).padStart(3, '0')}.bin`] = seededBytes(seed * 1000 + i, 512 * 1024);
    await writeTree(path.join(ws, 'index'), spec);
    return { root, ws, index: path.join(ws, 'index'), store: path.join(root, 'vault') };
  }
  const allFiles = async (dir: string) =>
    (await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []))
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
      .sort();

  it('a backup stopped by SIGINT mid-pack removes its temporary objects and fails the step with one line', async () => {
    const { ws, index, store } = await bigWorkspace(1);
    const writing = async () => (await allFiles(store)).some((f) => f.includes('.tmp-'));
    const r = await runAction(
      ws,
      { mode: 'backup', path: 'index', backend: 'local', store },
      {},
      { interrupt: { signal: 'SIGINT', when: writing } },
    );
    expect(r.interrupted, 'the backup finished before a pack was being written').toBe(true);
    expect(r.code).not.toBe(0);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toEqual(['::error::index-vault: interrupted by SIGINT; what this run had not finished was removed']);
    expect(await allFiles(store)).toEqual([]);
    expect((await fs.readdir(ws)).sort()).toEqual(['index']);
    // Nothing of the run is left to block or confuse the next one.
    const next = await runAction(ws, { mode: 'backup', path: 'index', backend: 'local', store });
    expect(next.code, next.stdout + next.stderr).toBe(0);
    expect(next.outputs.kind).toBe('full');
    expect(await describeTree(index)).toBeDefined();
  });

  it('a restore stopped by SIGTERM removes its staging directory and leaves the target as it was', async () => {
    const { root, ws, store } = await bigWorkspace(2);
    const saved = await runAction(ws, { mode: 'backup', path: 'index', backend: 'local', store });
    expect(saved.code, saved.stdout + saved.stderr).toBe(0);
    const snapshot = await describeTree(path.join(ws, 'index'));
    const ws2 = path.join(root, 'ws2');
    const staging = async () => {
      for (const n of await fs.readdir(ws2))
        if (n.includes('index-vault-staging-') && (await fs.readdir(path.join(ws2, n)).catch(() => [])).length > 2) return true;
      return false;
    };
    // A signal that lands after the swap began lets the swap finish: the whole snapshot, never a
    // mix. Each try ends in one of the two states; one must be stopped before the swap.
    let stoppedBeforeSwap = false;
    for (let attempt = 0; attempt < 3 && !stoppedBeforeSwap; attempt++) {
      await fs.rm(ws2, { recursive: true, force: true });
      await writeTree(path.join(ws2, 'index'), { 'old.txt': 'before' });
      const before = await describeTree(path.join(ws2, 'index'));
      const r = await runAction(
        ws2,
        { mode: 'restore', path: 'index', backend: 'local', store },
        {},
        { interrupt: { signal: 'SIGTERM', when: staging } },
      );
      const after = await describeTree(path.join(ws2, 'index'));
      expect((await fs.readdir(ws2)).sort()).toEqual(['index']);
      if (!r.interrupted || r.code === 0) {
        expect(after).toEqual(snapshot);
        continue;
      }
      expect(r.stdout.split('\n').filter((l) => l.startsWith('::error'))).toEqual([
        '::error::index-vault: interrupted by SIGTERM; what this run had not finished was removed',
      ]);
      expect([before, snapshot]).toContainEqual(after);
      stoppedBeforeSwap = JSON.stringify(after) === JSON.stringify(before);
    }
    expect(stoppedBeforeSwap, 'no try was stopped before the swap').toBe(true);
  });
});
