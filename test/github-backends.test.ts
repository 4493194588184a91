import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { backup } from '../src/engine/backup/backup.js';
import { isIndexVaultError } from '../src/shared/errors.js';
import { restore } from '../src/engine/restore/restore.js';
import { readAll } from '../src/engine/series.js';
import { GitHubArtifactStore } from '../src/storage/github-artifact-store.js';
import { GitHubCacheStore } from '../src/storage/github-cache-store.js';
import type { Store } from '../src/storage/store.js';
import { runAction } from './support/action-runner.js';
import { startAzurite, type Azurite } from './support/azurite.js';
import { describeTree, seededBytes, silent, tempDir, writeTree } from './support/fixtures.js';
import { ResultsService } from './support/results-service.js';

let azurite: Azurite;
let service: ResultsService;
const TOKEN = 'ghs_testtoken0123456789';

beforeAll(async () => {
  azurite = await startAzurite();
  service = new ResultsService(azurite);
  await service.start();
  // @actions/github reads the API URL once, when first imported.
  process.env.GITHUB_API_URL = service.url;
}, 60_000);

afterAll(async () => {
  await service?.stop();
  await azurite?.stop();
});

let nextRun = 100;

/** A job of a fresh workflow run: its own workspace, temp dir and runtime variables in process.env. */
async function job(run = nextRun++) {
  const root = await tempDir('iv-gh-');
  const workspace = path.join(root, 'ws');
  const temp = path.join(root, 'tmp');
  await fs.mkdir(workspace);
  await fs.mkdir(temp);
  const env = service.env({ run, workspace, temp });
  service.runs.unshift({ id: run, branch: 'main', status: 'completed', conclusion: 'success', workflow: 'build.yml' });
  return { run, root, workspace, temp, env };
}

async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

async function* bytes(b: Buffer) {
  yield b;
}

async function makeIndex(dir: string) {
  await writeTree(dir, {
    'data/frag-1.bin': seededBytes(11, 600_000),
    'data/frag-2.bin': seededBytes(12, 300_000),
    '_versions/1.manifest': 'v1',
    'notes.txt': 'hello',
    empty: { dir: true },
  });
}

async function change(dir: string) {
  await fs.writeFile(path.join(dir, 'notes.txt'), 'hello again');
  await fs.rm(path.join(dir, 'data', 'frag-2.bin'));
  await fs.writeFile(path.join(dir, 'data', 'frag-3.bin'), seededBytes(13, 50_000));
}

async function storeRoundTrip(store: Store) {
  const payload = seededBytes(5, 200_000);
  await store.put('s/packs/a.tar.zst', bytes(payload));
  expect(await store.exists('s/packs/a.tar.zst')).toBe(true);
  expect(await store.exists('s/packs/b.tar.zst')).toBe(false);
  expect((await readAll(await store.get('s/packs/a.tar.zst'))).equals(payload)).toBe(true);
  expect(
    (await readAll(await store.get('s/packs/a.tar.zst', { range: { offset: 1000, length: 5000 } }))).equals(payload.subarray(1000, 6000)),
  ).toBe(true);
  // Identical content under an existing key is "already stored"; different content is refused.
  await store.put('s/packs/a.tar.zst', bytes(payload));
  const conflict = await store.put('s/packs/a.tar.zst', bytes(Buffer.from('other'))).catch((e: unknown) => e);
  expect(isIndexVaultError(conflict, 'E_STORAGE')).toBe(true);
  expect((conflict as Error).message).toMatch(/already exists with different content/);
  await expect(store.get('s/packs/missing.tar.zst')).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
  await store.put('s/snapshots/20260101T000000000Z-00000001.json', bytes(Buffer.from('{}')));
  await store.put('s/snapshots/20260102T000000000Z-00000002.json', bytes(Buffer.from('{}')));
  const listed = (await store.list('s/snapshots/')).map((o) => o.key);
  expect(listed[listed.length - 1]).toBe('s/snapshots/20260102T000000000Z-00000002.json');
}

describe('GitHub Actions cache backend (real @actions/cache against the loopback service)', () => {
  it('stores, reads ranges, finds the newest entry, refuses conflicting content and reports misses', async () => {
    const j = await job();
    await withEnv(j.env, async () => {
      const store = new GitHubCacheStore({ logger: silent });
      await storeRoundTrip(store);
      await expect(store.delete('s/packs/a.tar.zst')).rejects.toMatchObject({ code: 'E_UNSUPPORTED' });
    });
  });

  it('full then incremental backup in two runs, restored exactly in a fresh workspace of a third run', async () => {
    const a = await job();
    const index = path.join(a.workspace, 'index');
    await makeIndex(index);
    const full = await withEnv(a.env, () =>
      backup({ source: index, store: new GitHubCacheStore({ keyPrefix: 'cx' }), series: 'idx', logger: silent }),
    );
    expect(full.kind).toBe('full');
    await change(index);
    const b = await job();
    const logs: string[] = [];
    const logger = { debug: (m: string) => logs.push(m), info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m) };
    const inc = await withEnv(b.env, () =>
      backup({ source: index, store: new GitHubCacheStore({ keyPrefix: 'cx' }), series: 'idx', logger }),
    );
    expect(inc.kind, logs.join('\n')).toBe('incremental');
    expect(inc.parent).toBe(full.id);
    expect(inc.storedBytes).toBeLessThan(80_000);

    const c = await job();
    const target = path.join(c.workspace, 'index');
    const r = await withEnv(c.env, () =>
      restore({ target, store: new GitHubCacheStore({ keyPrefix: 'cx' }), series: 'idx', logger: silent }),
    );
    expect(r.id).toBe(inc.id);
    expect(await describeTree(target)).toEqual(await describeTree(index));
    // No leftovers in the workspace from the transfers.
    expect(await fs.readdir(c.workspace)).toEqual(['index']);
  });

  it('retries a transient 5xx, and refuses a corrupted entry with the target untouched', async () => {
    const a = await job();
    const index = path.join(a.workspace, 'index');
    await makeIndex(index);
    service.failNext('GetCacheEntryDownloadURL', 1, 503);
    const before = service.calls.get('GetCacheEntryDownloadURL') ?? 0;
    const snap = await withEnv(a.env, () =>
      backup({ source: index, store: new GitHubCacheStore({ keyPrefix: 'cy' }), series: 'idx', logger: silent }),
    );
    expect((service.calls.get('GetCacheEntryDownloadURL') ?? 0) - before).toBeGreaterThan(1);

    const b = await job();
    const target = path.join(b.workspace, 'index');
    await writeTree(target, { 'old.txt': 'keep me' });
    const oldTree = await describeTree(target);
    expect(
      await service.corrupt((name) => service.cache.some((e) => e.blob === name && e.key.startsWith('cy/idx/packs/'))),
    ).toBeGreaterThan(0);
    const err = await withEnv(b.env, () =>
      restore({ target, store: new GitHubCacheStore({ keyPrefix: 'cy' }), series: 'idx', snapshot: snap.id, force: true, logger: silent }),
    ).catch((e: unknown) => e);
    expect(isIndexVaultError(err, 'E_INTEGRITY'), String(err)).toBe(true);
    expect(await describeTree(target)).toEqual(oldTree);
  });
});

/** Restores a pack cut into many stretches and counts what each backend was asked for. */
async function stretchesDownloadOnce(make: (later: boolean) => Store, label: string) {
  const a = await job();
  const index = path.join(a.workspace, 'index');
  const spec: Record<string, Buffer> = {};
  for (let i = 0; i < 4; i++) spec[`data/frag-${i}.bin`] = seededBytes(40 + i, 1_500_000);
  await writeTree(index, spec);
  await withEnv(a.env, () => backup({ source: index, store: make(false), series: label, logger: silent }));
  // Restored in a later run, as a pipeline's next stage would.
  const b = await job();
  const target = path.join(b.workspace, 'index');
  const asked: string[] = [];
  const logs: string[] = [];
  await withEnv(b.env, () => {
    const store = make(true);
    const get = store.get.bind(store);
    const download = store.download!.bind(store);
    store.get = (key, options) => (asked.push(`get ${key.split('/')[1]}${options?.range ? ' ranged' : ''}`), get(key, options));
    store.download = (key) => (asked.push(`download ${key.split('/')[1]}`), download(key));
    return restore({ target, store, series: label, segmentBytes: 1, logger: { ...silent, debug: (m: string) => logs.push(m) } });
  });
  expect(await describeTree(target)).toEqual(await describeTree(index));
  expect(Number(/(\d+) stretches/.exec(logs.join('\n'))?.[1])).toBeGreaterThan(2);
  // The manifest once, the pack once: never a download per stretch.
  expect(asked.filter((x) => x.includes('packs'))).toEqual(['download packs']);
}

describe('restoring a pack in stretches from backends that transfer whole objects', () => {
  it('cache: downloads each pack once', () => stretchesDownloadOnce(() => new GitHubCacheStore({ keyPrefix: 'cz' }), 'cz'));
  it('artifact: downloads each pack once', () =>
    stretchesDownloadOnce((later) => new GitHubArtifactStore(later ? { token: TOKEN } : {}), 'az'));
});

describe('GitHub artifact backend (real @actions/artifact against the loopback service)', () => {
  it('stores raw artifacts, reads ranges, lists, deletes and refuses conflicting content', async () => {
    const j = await job();
    await withEnv(j.env, async () => {
      const store = new GitHubArtifactStore({ logger: silent, retentionDays: 3 });
      await storeRoundTrip(store);
      expect(service.artifacts.find((a) => a.name === 's+packs+a.tar.zst')?.expiresAt).toBeDefined();
      await store.delete('s/packs/a.tar.zst');
      expect(await store.exists('s/packs/a.tar.zst')).toBe(false);
    });
  });

  it('an incremental in a later run reuses packs of an earlier run; another run restores it through the REST API', async () => {
    const a = await job();
    const index = path.join(a.workspace, 'index');
    await makeIndex(index);
    const full = await withEnv(a.env, () => backup({ source: index, store: new GitHubArtifactStore(), series: 'art', logger: silent }));
    await change(index);
    const b = await job();
    const inc = await withEnv(b.env, () =>
      backup({ source: index, store: new GitHubArtifactStore({ token: TOKEN }), series: 'art', logger: silent }),
    );
    expect(inc.kind).toBe('incremental');
    expect(inc.parent).toBe(full.id);
    expect(service.artifacts.filter((x) => x.run === b.run).length).toBe(2); // one new pack and the manifest

    // Without a token only the current run is visible: a clear miss.
    const c = await job();
    const target = path.join(c.workspace, 'index');
    await expect(
      withEnv(c.env, () => restore({ target, store: new GitHubArtifactStore(), series: 'art', logger: silent })),
    ).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    const rest = service.calls.get('REST download-artifact') ?? 0;
    const r = await withEnv(c.env, () =>
      restore({ target, store: new GitHubArtifactStore({ token: TOKEN }), series: 'art', logger: silent }),
    );
    expect(r.id).toBe(inc.id);
    expect(await describeTree(target)).toEqual(await describeTree(index));
    expect((service.calls.get('REST download-artifact') ?? 0) - rest).toBeGreaterThan(1);

    // run-id names the run that made the snapshot: its chain in earlier runs is found too.
    const d = await job();
    const t2 = path.join(d.workspace, 'index');
    const r2 = await withEnv(d.env, () =>
      restore({ target: t2, store: new GitHubArtifactStore({ token: TOKEN, runId: b.run }), series: 'art', logger: silent }),
    );
    expect(r2.id).toBe(inc.id);
    const r3 = await withEnv(d.env, () =>
      restore({ target: t2, store: new GitHubArtifactStore({ token: TOKEN, runId: a.run }), series: 'art', force: true, logger: silent }),
    );
    expect(r3.id).toBe(full.id);
  });

  it('retries a transient 5xx, and a corrupted artifact is E_INTEGRITY with nothing restored', async () => {
    const a = await job();
    const index = path.join(a.workspace, 'index');
    await makeIndex(index);
    service.failNext('CreateArtifact', 1, 502);
    const before = service.calls.get('CreateArtifact') ?? 0;
    await withEnv(a.env, () => backup({ source: index, store: new GitHubArtifactStore(), series: 'bad', logger: silent }));
    expect((service.calls.get('CreateArtifact') ?? 0) - before).toBe(3); // pack (retried once) and manifest
    const packBlob = service.artifacts.find((x) => x.run === a.run && x.name.startsWith('bad+packs+'))!.blob;
    expect(await service.corrupt((name) => name === packBlob)).toBe(1);
    const b = await job();
    const target = path.join(b.workspace, 'index');
    await writeTree(target, { 'old.txt': 'keep me' });
    const err = await withEnv(b.env, () =>
      restore({ target, store: new GitHubArtifactStore({ token: TOKEN }), series: 'bad', force: true, logger: silent }),
    ).catch((e: unknown) => e);
    expect(isIndexVaultError(err, 'E_INTEGRITY'), String(err)).toBe(true);
    expect((err as Error).message).toMatch(/does not match the digest recorded at upload/);
    expect(await describeTree(target)).toEqual({ 'old.txt': expect.anything() });
  });
});

describe('the CLI with GitHub backends (a run: step with the runtime variables)', () => {
  it('backs up to artifacts and lists and restores them from another run with a token', async () => {
    const a = await job();
    const index = path.join(a.workspace, 'index');
    await makeIndex(index);
    const out: string[] = [];
    const io = (env: Record<string, string>) => ({ stdout: { write: (t: string) => out.push(t) }, stderr: { write: () => true }, env });
    expect(
      await withEnv(a.env, () => runCli(['backup', index, '--backend', 'artifact', '--name', 'cli-art', '--json', '--quiet'], io(a.env))),
    ).toBe(0);
    const id = (JSON.parse(out.pop()!) as { id: string }).id;
    const b = await job();
    const env = { ...b.env, GITHUB_TOKEN: TOKEN };
    expect(await withEnv(env, () => runCli(['list', '--backend', 'artifact', '--name', 'cli-art', '--json'], io(env)))).toBe(0);
    expect(out.pop()).toContain(id);
    const target = path.join(b.workspace, 'index');
    expect(
      await withEnv(env, () =>
        runCli(['restore', target, '--backend', 'artifact', '--name', 'cli-art', '--run-id', String(a.run), '--quiet'], io(env)),
      ),
    ).toBe(0);
    expect(await describeTree(target)).toEqual(await describeTree(index));
    expect(await runCli(['list', '--backend', 's3'], io({}))).toBe(2);
  });
});

describe('the action entry with GitHub backends, run as the runner runs it', () => {
  for (const backend of ['cache', 'artifact'] as const) {
    it(`${backend}: backup in one run, restore in a later run's fresh workspace, a miss with and without fail-on-miss`, async () => {
      const a = await job();
      await makeIndex(path.join(a.workspace, 'data', 'idx'));
      const up = await runAction(
        a.workspace,
        { mode: 'backup', path: 'data/idx', backend, name: `act-${backend}`, 'retention-days': '2' },
        a.env,
      );
      expect(up.code, up.stdout + up.stderr).toBe(0);
      expect(up.outputs.kind).toBe('full');
      expect(up.summary).toContain(`github-${backend}`);

      const b = await job();
      const inputs = { mode: 'restore', path: 'data/idx', backend, name: `act-${backend}`, 'github-token': TOKEN };
      const down = await runAction(b.workspace, inputs, b.env);
      expect(down.code, down.stdout + down.stderr).toBe(0);
      expect(down.outputs).toMatchObject({ restored: 'true', matched: up.outputs['snapshot-id'] });
      expect(await describeTree(path.join(b.workspace, 'data', 'idx'))).toEqual(await describeTree(path.join(a.workspace, 'data', 'idx')));
      // The runner hides a value after ::add-mask::; nothing else may print it.
      expect(down.stdout).toContain(`::add-mask::${TOKEN}`);
      expect(down.stdout.split('\n').filter((l) => l.includes(TOKEN))).toEqual([`::add-mask::${TOKEN}`]);

      const miss = await runAction(b.workspace, { ...inputs, name: 'never-stored' }, b.env);
      expect(miss.code).toBe(1);
      expect(miss.stdout).toMatch(/::error::E_NOT_FOUND/);
      const soft = await runAction(b.workspace, { ...inputs, name: 'never-stored', 'fail-on-miss': 'false' }, b.env);
      expect(soft.code).toBe(0);
      expect(soft.outputs.restored).toBe('false');
    });
  }
});

/** The restore inputs of a later job, as a workflow would write them. */
const restoreInputs = (backend: string, name: string, extra: Record<string, string> = {}) => ({
  mode: 'restore',
  path: 'data/idx',
  backend,
  name,
  'github-token': TOKEN,
  ...extra,
});

describe('evicted cache entries and expired artifacts are misses, with a fallback to the newest complete chain', () => {
  it('cache: a missing pack falls back to the parent; with no complete chain it is a miss that leaves the target as it was', async () => {
    const a = await job();
    const index = path.join(a.workspace, 'data', 'idx');
    await makeIndex(index);
    const full = await runAction(a.workspace, { mode: 'backup', path: 'data/idx', name: 'evict' }, a.env);
    expect(full.code, full.stdout).toBe(0);
    const fullTree = await describeTree(index);
    await change(index);
    const b = await job();
    await fs.cp(index, path.join(b.workspace, 'data', 'idx'), { recursive: true });
    const fullPacks = new Set(service.cache.filter((e) => e.key.startsWith('index-vault/evict/packs/')).map((e) => e.key));
    const inc = await runAction(b.workspace, { mode: 'backup', path: 'data/idx', name: 'evict' }, b.env);
    expect(inc.outputs.kind, inc.stdout).toBe('incremental');
    // GitHub evicts the entry holding the incremental's pack (7 days unused, or over the budget).
    expect(service.evict((k) => k.startsWith('index-vault/evict/packs/') && !fullPacks.has(k))).toBe(1);

    const c = await job();
    const fell = await runAction(c.workspace, restoreInputs('cache', 'evict'), c.env);
    expect(fell.code, fell.stdout).toBe(0);
    expect(fell.outputs).toMatchObject({ restored: 'true', matched: full.outputs['snapshot-id'] });
    expect(fell.stdout).toMatch(
      new RegExp(
        `::warning::.*${inc.outputs['snapshot-id']} needs pack .*restoring ${full.outputs['snapshot-id']}, the newest snapshot whose chain is complete`,
      ),
    );
    expect(fell.summary).toMatch(/Fell back:/);
    expect(await describeTree(path.join(c.workspace, 'data', 'idx'))).toEqual(fullTree);

    // Every pack gone: a miss. The directory already there stays exactly as it was.
    service.evict((k) => k.startsWith('index-vault/evict/packs/'));
    const d = await job();
    await writeTree(path.join(d.workspace, 'data', 'idx'), { 'mine.txt': 'keep me' });
    const before = await describeTree(path.join(d.workspace, 'data', 'idx'));
    const soft = await runAction(d.workspace, restoreInputs('cache', 'evict', { 'fail-on-cache-miss': 'false' }), d.env);
    expect(soft.code, soft.stdout).toBe(0);
    expect(soft.outputs).toMatchObject({ restored: 'false', 'cache-hit': 'false', matched: '' });
    expect(soft.stdout).toMatch(
      new RegExp(`::warning::no restorable snapshot of series evict .*${inc.outputs['snapshot-id']} needs pack .*which is gone`),
    );
    const hard = await runAction(d.workspace, restoreInputs('cache', 'evict'), d.env);
    expect(hard.code).toBe(1);
    expect(hard.stdout).toMatch(/::error::E_NOT_FOUND: .*\(.*incremental: false/);
    expect(hard.stdout).not.toMatch(/--mode|--force|index-vault verify/);
    expect(hard.summary).toContain('### index-vault restore failed');
    const look = await runAction(d.workspace, restoreInputs('cache', 'evict', { 'lookup-only': 'true' }), d.env);
    expect(look.code).toBe(0);
    expect(look.outputs).toMatchObject({ 'cache-hit': 'false', matched: '' });
    expect(await describeTree(path.join(d.workspace, 'data', 'idx'))).toEqual(before);
  });

  it('artifact: expired artifacts of earlier runs are left out, so an incremental never builds on them and a restore misses', async () => {
    const a = await job();
    const index = path.join(a.workspace, 'data', 'idx');
    await makeIndex(index);
    expect((await runAction(a.workspace, { mode: 'backup', path: 'data/idx', backend: 'artifact', name: 'exp' }, a.env)).code).toBe(0);
    expect(service.expire((x) => x.run === a.run)).toBeGreaterThan(0);

    const b = await job();
    await fs.cp(index, path.join(b.workspace, 'data', 'idx'), { recursive: true });
    await change(path.join(b.workspace, 'data', 'idx'));
    const next = await runAction(
      b.workspace,
      { mode: 'backup', path: 'data/idx', backend: 'artifact', name: 'exp', 'github-token': TOKEN },
      b.env,
    );
    expect(next.code, next.stdout).toBe(0);
    // The expired full snapshot is not there to build on: a new chain starts.
    expect(next.outputs.kind).toBe('full');

    const c = await job();
    const old = await runAction(c.workspace, restoreInputs('artifact', 'exp', { 'run-id': String(a.run), 'fail-on-miss': 'false' }), c.env);
    expect(old.code, old.stdout).toBe(0);
    expect(old.outputs.restored).toBe('false');
    const fresh = await runAction(c.workspace, restoreInputs('artifact', 'exp'), c.env);
    expect(fresh.outputs).toMatchObject({ restored: 'true', matched: next.outputs['snapshot-id'] });
  });

  it('artifact: one that expires after it was listed is E_NOT_FOUND on download ("chain broken"), not a storage failure', async () => {
    const a = await job();
    await withEnv(a.env, () => new GitHubArtifactStore().put('s/packs/p.tar.zst', bytes(seededBytes(8, 10_000))));
    const b = await job();
    await withEnv(b.env, async () => {
      const store = new GitHubArtifactStore({ token: TOKEN });
      expect(await store.exists('s/packs/p.tar.zst')).toBe(true);
      service.expire((x) => x.run === a.run);
      const err = await store.download('s/packs/p.tar.zst').catch((e: unknown) => e);
      expect(isIndexVaultError(err, 'E_NOT_FOUND'), String(err)).toBe(true);
      expect((err as { hint: string }).hint).toMatch(/chain is broken: take a full snapshot/);
    });
  });
});

describe('cross-run artifact search', () => {
  /** A job on another branch (or a pull request), whose runs stand apart from the other tests'. */
  async function branchJob(branch: string, extra: Record<string, string> = {}) {
    const j = await job();
    service.runs.find((r) => r.id === j.run)!.branch = branch;
    return { ...j, env: { ...j.env, GITHUB_REF_NAME: branch, INDEX_VAULT_API_RETRY_MS: '1', ...extra } };
  }

  it("a pull request finds its base branch's snapshots, and the summary lists the runs searched", async () => {
    const base = await branchJob('release');
    await makeIndex(path.join(base.workspace, 'data', 'idx'));
    const up = await runAction(base.workspace, { mode: 'backup', path: 'data/idx', backend: 'artifact', name: 'pr' }, base.env);
    expect(up.code).toBe(0);
    const pr = await branchJob('feature', { GITHUB_REF_NAME: '7/merge', GITHUB_HEAD_REF: 'feature', GITHUB_BASE_REF: 'release' });
    const down = await runAction(pr.workspace, restoreInputs('artifact', 'pr'), pr.env);
    expect(down.code, down.stdout).toBe(0);
    expect(down.outputs.matched).toBe(up.outputs['snapshot-id']);
    expect(down.summary).toMatch(new RegExp(`\\| runs searched \\| this run, .*${base.run} \\(release\\)`));
  });

  it('an older run-id pages back past the newest runs to find its chain', async () => {
    const a = await branchJob('paging');
    const index = path.join(a.workspace, 'data', 'idx');
    await makeIndex(index);
    expect((await runAction(a.workspace, { mode: 'backup', path: 'data/idx', backend: 'artifact', name: 'pg' }, a.env)).code).toBe(0);
    await change(index);
    const b = await branchJob('paging');
    await fs.cp(index, path.join(b.workspace, 'data', 'idx'), { recursive: true });
    const inc = await runAction(
      b.workspace,
      { mode: 'backup', path: 'data/idx', backend: 'artifact', name: 'pg', 'github-token': TOKEN },
      b.env,
    );
    expect(inc.outputs.kind).toBe('incremental');
    // 150 later runs of the same workflow and branch: more than a page of the runs API.
    for (let i = 0; i < 150; i++)
      service.runs.unshift({ id: nextRun++, branch: 'paging', status: 'completed', conclusion: 'success', workflow: 'build.yml' });
    const c = await branchJob('paging');
    const r = await runAction(c.workspace, restoreInputs('artifact', 'pg', { 'run-id': String(b.run) }), c.env);
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.matched).toBe(inc.outputs['snapshot-id']);
    expect(await describeTree(path.join(c.workspace, 'data', 'idx'))).toEqual(await describeTree(index));
  });

  it('a rate-limited or failing runs API is retried with backoff, and fails loudly when it keeps failing', async () => {
    const a = await branchJob('retry');
    await makeIndex(path.join(a.workspace, 'data', 'idx'));
    expect((await runAction(a.workspace, { mode: 'backup', path: 'data/idx', backend: 'artifact', name: 'rt' }, a.env)).code).toBe(0);
    const b = await branchJob('retry');
    service.failNext('REST list-runs', 2, 429);
    const before = service.calls.get('REST list-runs') ?? 0;
    const ok = await runAction(b.workspace, restoreInputs('artifact', 'rt'), b.env);
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.outputs.restored).toBe('true');
    expect((service.calls.get('REST list-runs') ?? 0) - before).toBe(3);
    service.failNext('REST list-runs', 50, 503);
    const down = await runAction(b.workspace, restoreInputs('artifact', 'rt', { 'fail-on-miss': 'false' }), b.env);
    service.failNext('REST list-runs', 0, 503);
    // Not a quiet "miss" from this run alone: the step fails and says why.
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/::error::E_STORAGE: .*did not answer .*after 5 tries \(HTTP 503\)/);
  });
});

describe('one step that restores and saves at the end of the job (save: post), as the runner runs the post step', () => {
  it('first job: a miss, then the post step saves; next job: restores it, and saves only when the tree changed', async () => {
    const step = { mode: 'restore', path: 'data/idx', name: 'one-step', save: 'post' };
    const a = await job();
    const first = await runAction(a.workspace, step, a.env);
    // Nothing stored yet: with save: post a miss is not a failure (as with actions/cache).
    expect(first.code, first.stdout).toBe(0);
    expect(first.outputs).toMatchObject({ restored: 'false', 'cache-hit': 'false' });
    expect(first.state['index-vault-save']).toBeDefined();
    expect(first.exported).toEqual({});
    await makeIndex(path.join(a.workspace, 'data', 'idx'));
    // The runner runs the same entry again at the end of the job with the saved state.
    const post = await runAction(a.workspace, step, a.env, { state: first.state });
    expect(post.code, post.stdout).toBe(0);
    expect(post.outputs.kind).toBe('full');
    expect(post.summary).toContain('### index-vault backup: `one-step`');

    const b = await job();
    const second = await runAction(b.workspace, step, b.env);
    expect(second.outputs).toMatchObject({ restored: 'true', 'cache-hit': 'true', matched: post.outputs['snapshot-id'] });
    const created = service.calls.get('CreateCacheEntry') ?? 0;
    const same = await runAction(b.workspace, step, b.env, { state: second.state });
    expect(same.code, same.stdout).toBe(0);
    expect(same.outputs.kind).toBe('unchanged');
    expect(service.calls.get('CreateCacheEntry') ?? 0).toBe(created);
    await change(path.join(b.workspace, 'data', 'idx'));
    const changed = await runAction(b.workspace, step, b.env, { state: second.state });
    expect(changed.outputs.kind).toBe('incremental');
  });

  it('save-on reaches post-if through the environment; a step without save: post does nothing at the end', async () => {
    const a = await job();
    await makeIndex(path.join(a.workspace, 'data', 'idx'));
    const step = { mode: 'restore', path: 'data/idx', name: 'save-on', save: 'post', 'save-on': 'failure-too' };
    const first = await runAction(a.workspace, step, a.env);
    expect(first.exported).toEqual({ INDEX_VAULT_SAVE_ON: 'failure-too' });
    const yml = fs.readFile(path.resolve(__dirname, '..', 'action.yml'), 'utf8');
    expect(await yml).toContain(
      `post-if: "success() || env.INDEX_VAULT_SAVE_ON == 'always' || (env.INDEX_VAULT_SAVE_ON == 'failure-too' && !cancelled())"`,
    );

    // The variable serves the whole job, so it only widens: a later step never narrows an earlier one's.
    const narrower = await runAction(a.workspace, { ...step, 'save-on': 'success' }, { ...a.env, ...first.exported });
    expect(narrower.exported).toEqual({});
    const wider = await runAction(a.workspace, { ...step, 'save-on': 'always' }, { ...a.env, ...first.exported });
    expect(wider.exported).toEqual({ INDEX_VAULT_SAVE_ON: 'always' });

    const plain = { mode: 'restore', path: 'data/idx', name: 'save-on', 'fail-on-miss': 'false' };
    const main = await runAction(a.workspace, plain, a.env);
    expect(main.state['index-vault-save']).toBeUndefined();
    const created = service.calls.get('CreateCacheEntry') ?? 0;
    const post = await runAction(a.workspace, plain, a.env, { state: main.state });
    expect(post.code).toBe(0);
    expect(post.outputs).toEqual({});
    expect(service.calls.get('CreateCacheEntry') ?? 0).toBe(created);

    const wrong = await runAction(a.workspace, { path: 'data/idx', save: 'post' }, a.env);
    expect(wrong.stdout).toMatch(/::error::E_VALIDATION: save: post needs mode: restore/);
  });
});

describe.runIf(process.platform !== 'win32')('GitHub cache downloads are owner-only', () => {
  it('an object downloaded from the cache is 0600 in a 0700 directory', async () => {
    const j = await job();
    await withEnv(j.env, async () => {
      const store = new GitHubCacheStore({ logger: silent });
      await store.put('s/packs/private.tar.zst', bytes(seededBytes(7, 5000)));
      const copy = await store.download('s/packs/private.tar.zst');
      try {
        expect((await fs.stat(copy.path)).mode & 0o777).toBe(0o600);
        expect((await fs.stat(path.dirname(copy.path))).mode & 0o777).toBe(0o700);
      } finally {
        await copy.release();
      }
    });
  });
});
