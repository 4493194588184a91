import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionHint } from '../src/action/hints.js';
import { readInputs } from '../src/action/inputs.js';
import { runAction } from '../src/action/run-action.js';
import { cliHint } from '../src/cli/hints.js';
import { runCli } from '../src/cli/run.js';
import { backup } from '../src/engine/backup/backup.js';
import { restore } from '../src/engine/restore/restore.js';
import { isIndexVaultError, type IndexVaultError } from '../src/shared/errors.js';
import { remedyOf } from '../src/shared/remedy.js';
import { LocalStore } from '../src/storage/local-store.js';
import { silent, tempDir, writeTree } from './support/fixtures.js';

const SRC = path.resolve(__dirname, '../src');

/** The error `p` rejects with (and a failure if it resolves). */
async function failure(p: Promise<unknown>): Promise<IndexVaultError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isIndexVaultError(err)) throw new Error(`expected an index-vault error, got ${String(err)}`);
  return err;
}

async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await runCli(args, { stdout: { write: () => true }, stderr: { write: (s: string) => ((stderr += s), true) }, env: {} });
  return { code, stderr };
}

async function actionError(workspace: string, inputs: Record<string, string>): Promise<IndexVaultError> {
  const parsed = readInputs((name) => inputs[name] ?? '', workspace);
  return failure(runAction(parsed, new LocalStore(parsed.store!), { logger: silent, setOutput: () => {}, summary: async () => {} }));
}

describe('hints are phrased by the caller', () => {
  it('a name Windows cannot hold: the engine names the remedy, the CLI says --portability, the action portability:', async () => {
    const ws = await tempDir();
    await writeTree(path.join(ws, 'data', 'index'), { 'ab:c': 'x', 'ok.txt': 'y' });
    const store = path.join(ws, 'vault');

    const lib = await failure(backup({ source: path.join(ws, 'data', 'index'), store: new LocalStore(store), logger: silent }));
    expect(lib.code).toBe('E_PORTABILITY');
    expect(remedyOf(lib)).toBe('portability');
    expect(lib.hint).not.toMatch(/--|portability:/);

    const c = await cli(['backup', path.join(ws, 'data', 'index'), '--store', store]);
    expect(c.code).not.toBe(0);
    expect(c.stderr).toMatch(/^index-vault: E_PORTABILITY: .*pass --portability warn/);

    const a = await actionError(ws, { mode: 'backup', path: 'data/index', backend: 'local', store });
    expect(a.code).toBe('E_PORTABILITY');
    expect(actionHint(a)).toMatch(/set portability: warn/);
    expect(actionHint(a)).not.toMatch(/--/);
  });

  it('a broken chain: the CLI says --mode full, the action incremental: false', async () => {
    const ws = await tempDir();
    const src = path.join(ws, 'data', 'index');
    await writeTree(src, { 'a.txt': 'a' });
    const store = path.join(ws, 'vault');
    const full = await backup({ source: src, store: new LocalStore(store), series: 'idx', logger: silent });
    await writeTree(src, { 'b.txt': 'b' });
    await backup({ source: src, store: new LocalStore(store), series: 'idx', mode: 'incremental', logger: silent });
    for (const p of await fs.readdir(path.join(store, 'idx', 'packs')))
      if (full.manifest!.packs.some((k) => k.name === p)) await fs.rm(path.join(store, 'idx', 'packs', p));

    const lib = await failure(restore({ target: path.join(ws, 'out'), store: new LocalStore(store), series: 'idx', logger: silent }));
    expect(remedyOf(lib)).toBe('full-snapshot');
    expect(lib.hint).not.toMatch(/--|incremental:/);
    expect(cliHint(lib)).toMatch(/--mode full/);
    expect(actionHint(lib)).toMatch(/incremental: false/);
    expect(actionHint(lib)).not.toMatch(/--/);

    const c = await cli(['restore', path.join(ws, 'out'), '--store', store, '--name', 'idx']);
    expect(c.stderr).toMatch(/^index-vault: E_NOT_FOUND: .*--mode full/);
  });

  it('a target that is not empty: the library says what to allow, the CLI names --force', async () => {
    const ws = await tempDir();
    await writeTree(path.join(ws, 'idx'), { 'a.txt': 'a' });
    await writeTree(path.join(ws, 'out'), { 'mine.txt': 'm' });
    const store = new LocalStore(path.join(ws, 'vault'));
    await backup({ source: path.join(ws, 'idx'), store, logger: silent });
    const lib = await failure(restore({ target: path.join(ws, 'out'), store, series: 'idx', logger: silent }));
    expect(lib.code).toBe('E_TARGET_NOT_EMPTY');
    expect(lib.hint).not.toMatch(/--force/);
    expect(cliHint(lib)).toMatch(/pass --force/);
  });

  it('no hint of the engine, the snapshot rules, fs-safety, formats or storage names a CLI flag', async () => {
    const offences: string[] = [];
    for (const room of ['engine', 'snapshot', 'fs-safety', 'formats', 'storage']) {
      for (const d of await fs.readdir(path.join(SRC, room), { withFileTypes: true, recursive: true })) {
        if (!d.isFile() || !d.name.endsWith('.ts')) continue;
        const text = await fs.readFile(path.join(d.parentPath, d.name), 'utf8');
        for (const m of text.matchAll(/hint: [`'"]([^`'"]*)/g))
          if (/(^|\s|\()--[a-z]/.test(m[1]!)) offences.push(`${room}/${d.name}: ${m[1]}`);
      }
    }
    expect(offences).toEqual([]);
  });
});
