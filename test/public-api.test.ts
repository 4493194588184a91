import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { describeTree, silent, tempDir, writeTree } from './support/fixtures.js';

const ROOT = path.resolve(__dirname, '..');

/**
 * Imports `specifiers` in a fresh Node.js (the built package, by its own name) and returns every
 * module URL resolved on the way, ESM and CommonJS alike.
 */
function modulesLoadedBy(specifiers: string[], then = ''): { loaded: string[]; out: unknown } {
  const script = `
    import { registerHooks } from 'node:module';
    const loaded = [];
    registerHooks({ resolve(s, c, next) { const r = next(s, c); loaded.push(r.url); return r; } });
    const mods = [];
    for (const s of ${JSON.stringify(specifiers)}) mods.push(await import(s));
    const out = await (async (mods) => { ${then} })(mods);
    process.stdout.write(JSON.stringify({ loaded, out: out ?? null }));
  `;
  // Run from the package root, so `index-vault/…` resolves to this package through its exports.
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as {
    loaded: string[];
    out: unknown;
  };
}

const heavy = (urls: string[]) => urls.filter((u) => /node_modules\/(@aws-sdk|@smithy|@azure|@actions|@lancedb)\//.test(u));

describe('the public API', () => {
  it('importing the main entry loads no cloud SDK, no GitHub toolkit and no LanceDB', () => {
    const { loaded, out } = modulesLoadedBy(['index-vault'], 'return Object.keys(mods[0]).length');
    expect(loaded.some((u) => u.endsWith('/dist/index.js'))).toBe(true);
    expect(out).toBeGreaterThan(20);
    expect(heavy(loaded)).toEqual([]);
  });

  it('the S3, Azure and GitHub stores come from subpaths, which load their SDKs only when a store is used', () => {
    // Loading the SDK itself afterwards shows the hook sees what an SDK load brings in.
    const then =
      'const seen = loaded.length; await import("@aws-sdk/client-s3"); return { names: mods.map((m) => Object.keys(m).sort()), seen }';
    const { loaded, out } = modulesLoadedBy(['index-vault/s3', 'index-vault/azure', 'index-vault/github'], then);
    const { names, seen } = out as { names: string[][]; seen: number };
    expect(names).toEqual([['S3Store'], ['AzureBlobStore'], ['GitHubArtifactStore', 'GitHubCacheStore']]);
    expect(heavy(loaded.slice(0, seen))).toEqual([]);
    expect(heavy(loaded.slice(seen)).length).toBeGreaterThan(10);
  });

  it('names what it exports: the operations, the guard, the errors, the local store; no store that needs an SDK, no internals', () => {
    for (const name of [
      'backup',
      'restore',
      'verifySeries',
      'verifyManifest',
      'listSeries',
      'listSnapshotIds',
      'loadManifest',
      'prune',
      'withBackup',
      'BackupManager',
      'LocalStore',
      'openStoreUrl',
      'BUILT_IN_FORMATS',
      'isIndexVaultError',
      'IntegrityError',
      'TargetNotEmptyError',
      'remedyOf',
    ]) {
      expect(api, name).toHaveProperty(name);
    }
    for (const name of [
      'S3Store',
      'AzureBlobStore',
      'GitHubCacheStore',
      'GitHubArtifactStore',
      'ioError',
      'collisionError',
      'withSeriesLease',
    ])
      expect(api, name).not.toHaveProperty(name);
  });

  it('restore returns the manifest it restored, and takes one already loaded only if it is unchanged', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await writeTree(src, { 'a.txt': 'a', 'b/c.txt': 'c' });
    const store = new api.LocalStore(path.join(root, 'store'));
    const snap = await api.backup({ source: src, store, logger: silent });
    const out = path.join(root, 'out');
    const r = await api.restore({ target: out, store, series: 'idx', logger: silent });
    expect(r.manifest).toEqual(snap.manifest);

    // A manifest changed after it was loaded (a file's content swapped) is refused like a damaged one.
    const again = path.join(root, 'again');
    await writeTree(again, { 'mine.txt': 'kept' });
    const forged = structuredClone(snap.manifest!);
    const a = forged.entries.find((e) => e.path === 'a.txt');
    if (a?.type !== 'file') throw new Error('no a.txt');
    a.size = 2;
    const err = await api
      .restore({ target: again, store, series: 'idx', manifest: forged, force: true, logger: silent })
      .catch((e: unknown) => e);
    expect(api.isIndexVaultError(err, 'E_INTEGRITY'), String(err)).toBe(true);
    expect(Object.keys(await describeTree(again))).toEqual(['mine.txt']);
    // One of another series is refused too.
    await expect(
      api.restore({ target: again, store, series: 'other', manifest: snap.manifest, force: true, logger: silent }),
    ).rejects.toMatchObject({ code: 'E_VALIDATION' });
    expect(await fs.readFile(path.join(again, 'mine.txt'), 'utf8')).toBe('kept');
  });
});
