import fs from 'node:fs/promises';
import path from 'node:path';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { backup } from '../src/engine/backup/backup.js';
import { isIndexVaultError } from '../src/shared/errors.js';
import { prune } from '../src/engine/prune.js';
import { restore } from '../src/engine/restore/restore.js';
import { listSnapshotIds, readAll } from '../src/engine/series.js';
import { verifySeries } from '../src/engine/verify/verify.js';
import { AzureBlobStore } from '../src/storage/azure-blob-store.js';
import { S3Store } from '../src/storage/s3-store.js';
import type { GetOptions, PutOptions, Store, StoreObject } from '../src/storage/store.js';
import { DEV_ACCOUNT, DEV_KEY, startAzurite, type Azurite } from './support/azurite.js';
import { describeTree, seededBytes, silent, tempDir, writeTree } from './support/fixtures.js';
import { startS3, type S3Server } from './support/s3-server.js';
import { runAction } from './support/action-runner.js';

let s3: S3Server;
let azurite: Azurite;
let n = 0;

beforeAll(async () => {
  [s3, azurite] = await Promise.all([startS3(['vault']), startAzurite()]);
  await new BlobServiceClient(azurite.url, new StorageSharedKeyCredential(DEV_ACCOUNT, DEV_KEY))
    .getContainerClient('vault')
    .createIfNotExists();
}, 60_000);

afterAll(async () => {
  await s3?.stop();
  await azurite?.stop();
});

const backends: Array<[string, (opts?: { part?: number }) => Store, boolean]> = [
  [
    's3 (s3rver)',
    (o) =>
      new S3Store({
        bucket: 'vault',
        prefix: `t${n++}/`,
        endpoint: s3.endpoint,
        forcePathStyle: true,
        credentials: s3.credentials,
        partSize: o?.part,
        logger: silent,
      }),
    false,
  ],
  [
    'azure (Azurite)',
    (o) =>
      new AzureBlobStore({
        container: 'vault',
        prefix: `t${n++}`,
        account: { url: azurite.url, credential: new StorageSharedKeyCredential(DEV_ACCOUNT, DEV_KEY) },
        blockSize: o?.part,
        logger: silent,
      }),
    true,
  ],
];

async function* bytes(b: Buffer) {
  yield b;
}

/** A body that delivers `upTo` bytes and then fails, as a killed process or a dropped connection would. */
async function* interrupted(total: Buffer, upTo: number) {
  for (let o = 0; o < upTo; o += 1 << 20) yield total.subarray(o, Math.min(upTo, o + (1 << 20)));
  throw new Error('injected: the writer died mid-upload');
}

/** Wraps a store so the upload of the manifest is interrupted half way. */
function failingManifest(inner: Store): Store {
  return {
    description: inner.description,
    put: (key: string, body: AsyncIterable<Uint8Array>, o?: PutOptions): Promise<StoreObject> =>
      key.includes('/snapshots/')
        ? inner.put(
            key,
            (async function* () {
              for await (const c of body) {
                yield c.subarray(0, Math.floor(c.length / 2));
                throw new Error('injected: connection dropped');
              }
            })(),
            o,
          )
        : inner.put(key, body, o),
    get: (key: string, o?: GetOptions) => inner.get(key, o),
    list: (p: string) => inner.list(p),
    delete: (k: string) => inner.delete(k),
    exists: (k: string) => inner.exists(k),
  };
}

describe.each(backends)('object storage: %s', (_name, make, enforcesIfNoneMatch) => {
  it('streams objects both ways: whole, ranged, listed, deleted; an interrupted upload leaves nothing', async () => {
    const store = make({ part: 5 * 1024 * 1024 });
    const big = seededBytes(3, 13 * 1024 * 1024 + 17); // more than two parts: a multipart upload
    await store.put('s/packs/big.tar.zst', bytes(big));
    expect((await readAll(await store.get('s/packs/big.tar.zst'))).equals(big)).toBe(true);
    const r = await readAll(await store.get('s/packs/big.tar.zst', { range: { offset: 9_000_000, length: 2_500_000 } }));
    expect(r.equals(big.subarray(9_000_000, 11_500_000))).toBe(true);
    expect(await store.exists('s/packs/big.tar.zst')).toBe(true);
    await store.put('s/snapshots/a.json', bytes(Buffer.from('{}')));
    expect((await store.list('s/')).map((o) => o.key)).toEqual(['s/packs/big.tar.zst', 's/snapshots/a.json']);
    if (enforcesIfNoneMatch) {
      const again = await store
        .put('s/snapshots/a.json', bytes(Buffer.from('{"other":1}')), { ifNoneMatch: true })
        .catch((e: unknown) => e);
      expect(isIndexVaultError(again, 'E_STORAGE') && (again as { details: { exists?: boolean } }).details.exists).toBe(true);
    }
    await expect(store.put('s/packs/half.tar.zst', interrupted(big, 11 * 1024 * 1024))).rejects.toThrow();
    expect(await store.exists('s/packs/half.tar.zst')).toBe(false);
    await store.delete('s/packs/big.tar.zst');
    await store.delete('s/packs/never-was.tar.zst');
    expect(await store.exists('s/packs/big.tar.zst')).toBe(false);
    await expect(store.get('s/packs/big.tar.zst')).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
  });

  it('a full snapshot with a multipart pack and a chain of incrementals restore exactly; prune keeps the kept restorable', async () => {
    const store = make({ part: 5 * 1024 * 1024 });
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await writeTree(src, { 'big.bin': seededBytes(7, 12 * 1024 * 1024), 'a.txt': 'a', 'd/b.txt': 'b', empty: { dir: true } });
    const ids = [(await backup({ source: src, store, series: 'chain', logger: silent })).id];
    const trees = [await describeTree(src)];
    for (let k = 0; k < 2; k++) {
      await fs.writeFile(path.join(src, `new-${k}.bin`), seededBytes(20 + k, 300_000));
      await fs.writeFile(path.join(src, 'a.txt'), `a${k}`);
      const s = await backup({ source: src, store, series: 'chain', logger: silent });
      expect(s.kind).toBe('incremental');
      ids.push(s.id);
      trees.push(await describeTree(src));
    }
    for (const [i, id] of ids.entries()) {
      const target = path.join(root, `r${i}`);
      await restore({ target, store, series: 'chain', snapshot: id, logger: silent });
      expect(await describeTree(target)).toEqual(trees[i]);
    }
    const pruned = await prune({ store, series: 'chain', keepLast: 1, orphanGraceMs: 0, logger: silent });
    expect(pruned.deleted).toEqual(ids.slice(0, 2));
    expect(await listSnapshotIds(store, 'chain')).toEqual([ids[2]]);
    expect((await verifySeries(store, 'chain', undefined)).every((r) => r.ok)).toBe(true);
    const last = path.join(root, 'last');
    await restore({ target: last, store, series: 'chain', logger: silent });
    expect(await describeTree(last)).toEqual(trees[2]);
    expect(await store.exists('chain/lease.json')).toBe(false);
  });

  it('a backup whose manifest upload is interrupted publishes no snapshot; two concurrent writers both land whole', async () => {
    const store = make();
    const root = await tempDir();
    const a = path.join(root, 'a');
    const b = path.join(root, 'b');
    await writeTree(a, { 'x.bin': seededBytes(1, 500_000) });
    await writeTree(b, { 'y.bin': seededBytes(2, 500_000), 'z.txt': 'z' });
    await expect(backup({ source: a, store: failingManifest(store), series: 'w', logger: silent })).rejects.toThrow(/connection dropped/);
    expect(await listSnapshotIds(store, 'w')).toEqual([]);
    const [sa, sb] = await Promise.all([
      backup({ source: a, store, series: 'w', mode: 'full', logger: silent }),
      backup({ source: b, store, series: 'w', mode: 'full', logger: silent }),
    ]);
    expect((await listSnapshotIds(store, 'w')).sort()).toEqual([sa.id, sb.id].sort());
    const reports = await verifySeries(store, 'w', undefined);
    expect(reports.map((r) => r.ok)).toEqual([true, true]);
    const ra = path.join(root, 'ra');
    await restore({ target: ra, store, series: 'w', snapshot: sa.id, logger: silent });
    expect(await describeTree(ra)).toEqual(await describeTree(a));
  });

  it('prune holds a lease on the series: a second prune meanwhile gets E_LOCKED, an expired lease is taken over', async () => {
    const store = make();
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await writeTree(src, { 'x.txt': 'x' });
    await backup({ source: src, store, series: 'lease', logger: silent });
    const lease = (expiresAt: string) =>
      bytes(
        Buffer.from(
          JSON.stringify({ token: 't', operation: 'prune', host: 'elsewhere', pid: 1, acquiredAt: new Date().toISOString(), expiresAt }),
        ),
      );
    await store.put('lease/lease.json', lease(new Date(Date.now() + 60_000).toISOString()));
    await expect(prune({ store, series: 'lease', keepLast: 1, logger: silent })).rejects.toMatchObject({ code: 'E_LOCKED' });
    await store.delete('lease/lease.json');
    await store.put('lease/lease.json', lease(new Date(Date.now() - 1000).toISOString()));
    const warnings: string[] = [];
    await prune({ store, series: 'lease', keepLast: 1, logger: { ...silent, warn: (m) => warnings.push(m) } });
    expect(warnings.join()).toMatch(/expired lease/);
    expect(await store.exists('lease/lease.json')).toBe(false);
  });
});

describe('the action with backend s3 and azure', () => {
  it('backs up and restores in another workspace, credentials from env', async () => {
    const root = await tempDir();
    const conn = `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=${azurite.url};`;
    const env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AZURE_STORAGE_CONNECTION_STRING: conn };
    for (const [backend, store, extra] of [
      ['s3', 's3://vault/action/', { 's3-endpoint': s3.endpoint }],
      ['azure', 'azure://vault/action', {}],
    ] as const) {
      const ws1 = path.join(root, `${backend}-1`);
      const ws2 = path.join(root, `${backend}-2`);
      await writeTree(path.join(ws1, 'idx'), { 'x.bin': seededBytes(8, 300_000), 'y.txt': 'y' });
      await fs.mkdir(ws2);
      const up = await runAction(ws1, { mode: 'backup', path: 'idx', backend, store, ...extra }, env);
      expect(up.code, up.stdout).toBe(0);
      expect(up.summary).toContain(backend === 's3' ? 's3://vault/action/' : 'azure://vault/action/');
      const down = await runAction(ws2, { mode: 'restore', path: 'idx', backend, store, ...extra }, env);
      expect(down.code, down.stdout).toBe(0);
      expect(down.outputs.matched).toBe(up.outputs['snapshot-id']);
      expect(await describeTree(path.join(ws2, 'idx'))).toEqual(await describeTree(path.join(ws1, 'idx')));
    }
    const bad = await runAction(root, { mode: 'backup', path: 'x', backend: 's3', store: '/not/a/url' }, env);
    expect(bad.stdout).toMatch(/backend s3 needs store: s3:\/\/bucket\/prefix/);
  });
});

describe('CLI --store s3:// and azure://', () => {
  it('backs up and restores through URLs, with credentials from the environment', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await writeTree(src, { 'x.bin': seededBytes(4, 200_000), 'y.txt': 'y' });
    const conn = `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=${azurite.url};`;
    const env = {
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_REGION: 'us-east-1',
      AZURE_STORAGE_CONNECTION_STRING: conn,
    };
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const err: string[] = [];
      const io = { stdout: { write: () => true }, stderr: { write: (s: string) => err.push(s) }, env: { ...process.env } };
      for (const url of ['s3://vault/cli/', 'azure://vault/cli']) {
        const extra = url.startsWith('s3') ? ['--s3-endpoint', s3.endpoint] : [];
        expect(await runCli(['backup', src, '--store', url, ...extra, '--quiet'], io), err.join('')).toBe(0);
        const target = path.join(root, `out-${url.slice(0, 2)}`);
        expect(await runCli(['restore', target, '--store', url, ...extra, '--name', 'idx', '--quiet'], io), err.join('')).toBe(0);
        expect(await describeTree(target)).toEqual(await describeTree(src));
      }
      expect(await runCli(['list', '--store', 'ftp://x/y'], io)).toBe(2);
      expect(err.join('')).toMatch(/unknown store URL/);
    } finally {
      for (const k of Object.keys(env)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });
});
