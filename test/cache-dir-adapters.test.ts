import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { runAction } from './support/action-runner.js';
import { tempDir, writeTree } from './support/fixtures.js';

/** The record of checked packs a verified backup writes: it shows which cache directory a run used. */
const RECORD = 'checked-packs.json';

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(
    () => true,
    () => false,
  );
}

describe('the CLI and the action read INDEX_VAULT_CACHE_DIR and pass it to the library', () => {
  it('guard (its directory-copy backup) keeps its caches where the variable says', async () => {
    const root = await tempDir();
    const dir = path.join(root, 'g');
    await writeTree(dir, { 'f.txt': 'x' });
    const cache = path.join(root, 'cache');
    const code = await runCli(['guard', dir, '--backup-dir', path.join(root, 'b'), '--', process.execPath, '-e', 'process.exit(0)'], {
      stdout: { write: () => true },
      stderr: { write: () => true },
      env: { INDEX_VAULT_CACHE_DIR: cache },
    });
    expect(code).toBe(0);
    expect(await exists(path.join(cache, RECORD))).toBe(true);
  });

  it('the action keeps its caches where the variable says', async () => {
    const root = await tempDir();
    const ws = path.join(root, 'ws');
    await writeTree(path.join(ws, 'data', 'index'), { 'a.txt': 'a', 'b.bin': Buffer.alloc(10_000, 7) });
    const cache = path.join(root, 'cache');
    const r = await runAction(
      ws,
      { mode: 'backup', path: 'data/index', backend: 'local', store: path.join(root, 'vault') },
      { INDEX_VAULT_CACHE_DIR: cache },
    );
    expect(r.code, r.stdout).toBe(0);
    expect(await exists(path.join(cache, RECORD))).toBe(true);
  });
});
