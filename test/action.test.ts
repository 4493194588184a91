import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from './support/action-runner.js';
import { describeTree, seededBytes, tempDir, writeTree } from './support/fixtures.js';

async function workspaceWithIndex() {
  const root = await tempDir();
  const ws = path.join(root, 'ws');
  await writeTree(path.join(ws, 'data', 'index'), {
    'segments/a.bin': seededBytes(1, 300_000),
    'segments/b.bin': seededBytes(2, 200_000),
    'meta/state.json': '{"v":1}',
    'empty': { dir: true },
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
    const old = await runAction(ws2, { mode: 'restore', path: 'data/index', backend: 'local', store, snapshot: full.outputs['snapshot-id']! });
    expect(old.code, old.stderr).toBe(0);
    expect(await fs.readFile(path.join(ws2, 'data', 'index', 'meta', 'state.json'), 'utf8')).toBe('{"v":1}');
  });

  it('a miss fails with fail-on-miss (the default), warns without it, and lookup-only restores nothing', async () => {
    const { root, ws, store } = await workspaceWithIndex();
    const ws2 = path.join(root, 'ws2');
    await fs.mkdir(ws2);
    const miss = await runAction(ws2, { mode: 'restore', path: 'data/index', backend: 'local', store });
    expect(miss.code).toBe(1);
    expect(miss.stdout).toMatch(/::error::E_NOT_FOUND: no snapshot of series data-index/);
    expect(miss.outputs.restored).toBe('false');

    const soft = await runAction(ws2, { mode: 'restore', path: 'data/index', backend: 'local', store, 'fail-on-cache-miss': 'false' });
    expect(soft.code).toBe(0);
    expect(soft.stdout).toMatch(/::warning::no snapshot of series data-index/);
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
    const bad = async (inputs: Record<string, string>) => (await runAction(ws, { path: 'data/index', backend: 'local', store, ...inputs })).stdout;
    expect(await bad({ mode: 'sync' })).toMatch(/::error::E_VALIDATION: invalid input mode: "sync" \(valid values: backup, restore, verify\)/);
    expect(await bad({ backend: 's4' })).toMatch(/valid values: cache, artifact, local/);
    expect(await bad({ incremental: 'maybe' })).toMatch(/valid values: auto, true, false/);
    expect(await bad({ format: 'faiss' })).toMatch(/valid values: auto, lancedb, tantivy, dir/);
    expect(await bad({ portability: 'loud' })).toMatch(/valid values: error, warn, off/);
    expect(await bad({ 'compression-level': '30' })).toMatch(/compression-level.*1 to 19/);
    expect(await bad({ path: '../outside' })).toMatch(/inside the workspace/);
    expect(await bad({ verify: 'perhaps' })).toMatch(/valid values: true, false/);
    const secret = await bad({ mode: 'sync', 'github-token': 'ghs_supersecret123' });
    expect(secret).not.toContain('ghs_supersecret123');
    const noStore = await runAction(ws, { path: 'data/index', backend: 'local' });
    expect(noStore.code).toBe(1);
    expect(noStore.stdout).toMatch(/backend local needs the store input/);
  });

  it('refuses a local store inside the index directory, and the workspace as target with the store in it', async () => {
    const { ws, index } = await workspaceWithIndex();
    const before = await describeTree(index);
    const inside = await runAction(ws, { mode: 'backup', path: 'data/index', backend: 'local', store: 'data/index/.vault' });
    expect(inside.code).toBe(1);
    expect(inside.stdout).toMatch(/::error::E_VALIDATION: the store .* is inside the source directory/);
    expect(await describeTree(index)).toEqual(before);
    const whole = await runAction(ws, { mode: 'restore', path: '.', name: 'ws', backend: 'local', store: 'vault' });
    expect(whole.code).toBe(1);
    expect(whole.stdout).toMatch(/::error::E_VALIDATION: the store .* is inside the target directory/);
    expect(await describeTree(index)).toEqual(before);
  });
});

describe('the e2e workflow, rehearsed with the local backend', () => {
  it('make-index, backup, restore elsewhere, compare-trees, then the incremental round', async () => {
    const { execFileSync } = await import('node:child_process');
    const e2e = path.resolve(__dirname, 'e2e');
    const root = await tempDir();
    const store = path.join(root, 'vault');
    const ws = (n: string) => path.join(root, n);
    const node = (cwd: string, script: string, ...args: string[]) => execFileSync(process.execPath, [path.join(e2e, script), ...args], { cwd, encoding: 'utf8' });
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
