import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputs } from '../src/action/inputs.js';
import { runAction } from '../src/action/run-action.js';
import { backup } from '../src/engine/backup/backup.js';
import { GitHubCacheStore } from '../src/storage/github-cache-store.js';
import { startAzurite, type Azurite } from './support/azurite.js';
import { describeTree, seededBytes, silent, tempDir, writeTree } from './support/fixtures.js';
import { ResultsService } from './support/results-service.js';

let azurite: Azurite;
let service: ResultsService;

beforeAll(async () => {
  azurite = await startAzurite();
  service = new ResultsService(azurite);
  await service.start();
}, 60_000);

afterAll(async () => {
  await service?.stop();
  await azurite?.stop();
});

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

let run = 700;
async function job() {
  const root = await tempDir('iv-once-');
  const workspace = path.join(root, 'ws');
  const temp = path.join(root, 'tmp');
  await fs.mkdir(workspace);
  await fs.mkdir(temp);
  return { workspace, env: service.env({ run: run++, workspace, temp }) };
}

describe('the action reads the manifest of the snapshot it restores once', () => {
  it.each([
    ['the newest snapshot', false],
    ['a named snapshot', true],
  ])('restoring %s from the cache backend downloads its manifest once, and each ancestor once', async (_what, named) => {
    const prefix = `once-${named}`;
    const a = await job();
    const index = path.join(a.workspace, 'data', 'index');
    await writeTree(index, { 'a.bin': seededBytes(1, 50_000), 'b.txt': 'b' });
    const full = await withEnv(a.env, () =>
      backup({ source: index, store: new GitHubCacheStore({ keyPrefix: prefix }), series: 'idx', logger: silent }),
    );
    await fs.writeFile(path.join(index, 'b.txt'), 'changed');
    const inc = await withEnv(a.env, () =>
      backup({ source: index, store: new GitHubCacheStore({ keyPrefix: prefix }), series: 'idx', mode: 'incremental', logger: silent }),
    );
    expect(inc.kind).toBe('incremental');

    const b = await job();
    const inputs = readInputs(
      (name) =>
        ({ mode: 'restore', path: 'data/index', name: 'idx', backend: 'cache', ...(named ? { snapshot: inc.id } : {}) })[name] ?? '',
      b.workspace,
    );
    const outputs: Record<string, string> = {};
    const from = service.lookups.length;
    await withEnv(b.env, () =>
      runAction(inputs, new GitHubCacheStore({ keyPrefix: prefix }), {
        logger: silent,
        setOutput: (k, v) => void (outputs[k] = v),
        summary: async () => {},
      }),
    );
    expect(outputs).toMatchObject({ restored: 'true', 'snapshot-id': inc.id });
    expect(await describeTree(inputs.path)).toEqual(await describeTree(index));

    const manifests = service.lookups.slice(from).filter((k) => k.includes('/snapshots/'));
    expect(manifests.filter((k) => k.endsWith(`${inc.id}.json`))).toHaveLength(1);
    // The parent is read once, for the summary's chain.
    expect(manifests.filter((k) => k.endsWith(`${full.id}.json`))).toHaveLength(1);
  });
});
