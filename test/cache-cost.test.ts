import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { restore } from '../src/engine/restore/restore.js';
import { GitHubCacheStore } from '../src/storage/github-cache-store.js';
import { startAzurite, type Azurite } from './support/azurite.js';
import { describeTree, seededBytes, silent, tempDir, writeTree } from './support/fixtures.js';
import { ResultsService } from './support/results-service.js';

/**
 * What the cache backend costs on the loopback service: wall time of a backup with and without
 * the read-back, the calls it makes, and what the cache client's own tar + compression adds on
 * top of packs that are already zstd. Prints the figures; asserts only what must hold.
 */
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

let run = 900;
async function job() {
  const root = await tempDir('iv-cost-');
  const workspace = path.join(root, 'ws');
  const temp = path.join(root, 'tmp');
  await fs.mkdir(workspace);
  await fs.mkdir(temp);
  return { workspace, env: service.env({ run: run++, workspace, temp }) };
}

const delta = (before: Map<string, number>) =>
  Object.fromEntries([...service.calls].map(([k, v]) => [k, v - (before.get(k) ?? 0)]).filter(([, v]) => (v as number) > 0));

describe('the cost of the cache backend (figures printed)', () => {
  it('backup with and without read-back, and restore, through @actions/cache and through the service directly', async () => {
    const spec: Record<string, Buffer> = {};
    // Incompressible (vectors) and compressible (postings) halves, 24 MB in all.
    for (let i = 0; i < 4; i++) spec[`data/frag-${i}.bin`] = seededBytes(70 + i, 3_000_000);
    for (let i = 0; i < 4; i++) spec[`postings/p-${i}.bin`] = Buffer.from(seededBytes(80 + i, 750_000).toString('hex'));
    const figures: string[] = [];
    for (const transport of ['actions-cache', 'direct'] as const) {
      for (const verify of [true, false]) {
        const a = await job();
        const index = path.join(a.workspace, 'index');
        await writeTree(index, spec);
        const prefix = `cost-${transport}-${verify}`;
        const before = new Map(service.calls);
        const entries = service.cache.length;
        const started = Date.now();
        const r = await withEnv(a.env, () =>
          backup({ source: index, store: new GitHubCacheStore({ keyPrefix: prefix, transport }), series: 's', verify, logger: silent }),
        );
        const ms = Date.now() - started;
        const sent = service.cache.slice(entries).reduce((n, e) => n + e.size, 0);
        figures.push(
          `${transport}, verify ${verify}: backup ${ms} ms; packs ${r.storedBytes} bytes, entries ${sent} bytes; calls ${JSON.stringify(delta(before))}`,
        );
        expect(sent).toBeGreaterThanOrEqual(r.storedBytes);
        if (!verify) continue;
        const b = await job();
        const target = path.join(b.workspace, 'index');
        const t0 = Date.now();
        const before2 = new Map(service.calls);
        await withEnv(b.env, () =>
          restore({ target, store: new GitHubCacheStore({ keyPrefix: prefix, transport }), series: 's', logger: silent }),
        );
        figures.push(`${transport}: restore ${Date.now() - t0} ms; calls ${JSON.stringify(delta(before2))}`);
        expect(await describeTree(target)).toEqual(await describeTree(index));
      }
    }
    console.log(`cache backend cost (24 MB tree, loopback service, Azurite):\n  ${figures.join('\n  ')}`);
  });
});

describe('the direct transport checks what it sent without a second download', () => {
  it('a block damaged on its way to the blob store fails the backup with E_INTEGRITY and publishes nothing', async () => {
    const a = await job();
    const index = path.join(a.workspace, 'index');
    await writeTree(index, { 'a.bin': seededBytes(90, 400_000), 'b.txt': 'hello' });
    service.tamperUploads = true;
    try {
      const err = await withEnv(a.env, () =>
        backup({ source: index, store: new GitHubCacheStore({ keyPrefix: 'tamper', transport: 'direct' }), series: 's', logger: silent }),
      ).catch((e: unknown) => e);
      expect((err as { code?: string }).code, String(err)).toBe('E_INTEGRITY');
    } finally {
      service.tamperUploads = false;
    }
    expect(service.cache.some((e) => e.key.startsWith('tamper/s/snapshots/'))).toBe(false);
    // The same backup over an honest network succeeds, without reading anything back.
    const before = service.calls.get('GetCacheEntryDownloadURL') ?? 0;
    const ok = await withEnv(a.env, () =>
      backup({ source: index, store: new GitHubCacheStore({ keyPrefix: 'tamper2', transport: 'direct' }), series: 's', logger: silent }),
    );
    expect(ok.kind).toBe('full');
    expect(ok.verified).toBe(true);
    expect((service.calls.get('GetCacheEntryDownloadURL') ?? 0) - before).toBeLessThan(4);
  });
});
