import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { backup } from '../src/engine/backup/backup.js';
import { prune } from '../src/engine/prune.js';
import { restore } from '../src/engine/restore/restore.js';
import { verifySeries } from '../src/engine/verify/verify.js';
import { manifestKey, readAll } from '../src/engine/series.js';
import { signatureKey } from '../src/engine/signatures.js';
import { isIndexVaultError } from '../src/shared/errors.js';
import { sealManifest, serializeManifest, parseManifest, type ManifestBody } from '../src/snapshot/manifest.js';
import { parseSigningKeys, serializeSignature, signManifest, SigningKey, type SigningOptions } from '../src/snapshot/signature.js';
import { LocalStore } from '../src/storage/local-store.js';
import { S3Store } from '../src/storage/s3-store.js';
import type { Store } from '../src/storage/store.js';
import { runAction } from './support/action-runner.js';
import { describeTree, seededBytes, silent, tempDir, writeTree } from './support/fixtures.js';
import { startS3, type S3Server } from './support/s3-server.js';

const SECRET = 'f3a9c2d8e1b7a6c5d4e3f2a1b0c9d8e7-top-secret';
const OTHER = '0a1b2c3d4e5f60718293a4b5c6d7e8f9-another-one';
const key = (text: string, allowUnsigned = false): SigningOptions => ({ keys: parseSigningKeys([text], 'test'), allowUnsigned });

let s3: S3Server;
let n = 0;
beforeAll(async () => {
  s3 = await startS3(['vault']);
}, 60_000);
afterAll(async () => {
  await s3?.stop();
});

const stores: Array<[string, (root: string) => Store]> = [
  ['local store', (root) => new LocalStore(path.join(root, 'vault'))],
  [
    's3 (s3rver)',
    () =>
      new S3Store({
        bucket: 'vault',
        prefix: `sig${n++}/`,
        endpoint: s3.endpoint,
        forcePathStyle: true,
        credentials: s3.credentials,
        logger: silent,
      }),
  ],
];

async function* once(b: Buffer) {
  yield b;
}

/** What someone who can write the store does: replace an object whole. */
async function overwrite(store: Store, key: string, bytes: Buffer): Promise<void> {
  await store.delete(key);
  await store.put(key, once(bytes));
}

const get = async (store: Store, key: string) => readAll(await store.get(key));

async function setup(makeStore: (root: string) => Store) {
  const root = await tempDir();
  const src = path.join(root, 'idx');
  await writeTree(src, { 'a.bin': seededBytes(1, 50_000), 'dir/b.txt': 'beta', 'dir/c.txt': 'gamma' });
  const store = makeStore(root);
  const target = path.join(root, 'target');
  await writeTree(target, { 'keep.txt': 'what the target held' });
  return { root, src, store, target, series: 'idx' };
}

/** Expects E_SIGNATURE (with `why` in the message) from a restore and the target exactly as it was. */
async function refused(s: Awaited<ReturnType<typeof setup>>, signing: SigningOptions, why: RegExp, snapshot?: string) {
  const before = await describeTree(s.target);
  const err = await restore({ target: s.target, store: s.store, series: s.series, snapshot, force: true, signing, logger: silent }).catch(
    (e: unknown) => e,
  );
  expect(isIndexVaultError(err, 'E_SIGNATURE'), String(err)).toBe(true);
  expect((err as Error).message).toMatch(why);
  expect(await describeTree(s.target)).toEqual(before);
  const [report] = await verifySeries(s.store, s.series, snapshot ?? (await latestId(s.store, s.series)), { signing, logger: silent });
  expect(report).toMatchObject({ ok: false, error: { code: 'E_SIGNATURE' } });
}

async function latestId(store: Store, series: string) {
  const objects = await store.list(`${series}/snapshots/`);
  return objects
    .map((o) => o.key.slice(`${series}/snapshots/`.length, -5))
    .sort()
    .at(-1)!;
}

describe.each(stores)('signed snapshots (%s)', (_name, makeStore) => {
  it('a signed snapshot restores and verifies under its key; the signature lies beside the manifest, which is unchanged', async () => {
    const s = await setup(makeStore);
    const b = await backup({ source: s.src, store: s.store, signing: key(`k1:${SECRET}`), logger: silent });
    const sig = JSON.parse((await get(s.store, signatureKey(s.series, b.id))).toString());
    expect(sig).toMatchObject({
      format: 'index-vault.signature',
      id: b.id,
      series: s.series,
      digest: b.manifest!.digest,
      keyId: 'k1',
      algorithm: 'hmac-sha256',
    });
    // The manifest is the same bytes an unsigned backup writes: older readers read it as before.
    const stored = await get(s.store, manifestKey(s.series, b.id));
    expect(stored.equals(serializeManifest(parseManifest(stored)))).toBe(true);
    expect(stored.toString()).not.toContain('signature');
    await restore({ target: s.target, store: s.store, series: s.series, force: true, signing: key(`k1:${SECRET}`), logger: silent });
    expect(await describeTree(s.target)).toEqual(await describeTree(s.src));
    const reports = await verifySeries(s.store, s.series, undefined, { signing: key(`k1:${SECRET}`) });
    expect(reports.map((r) => r.ok)).toEqual([true]);
    // Without a key nothing changes: signed or not, it restores.
    await restore({ target: s.target, store: s.store, series: s.series, force: true, logger: silent });
  });

  it('an unsigned snapshot is refused with a key, and accepted with a warning when unsigned snapshots are allowed', async () => {
    const s = await setup(makeStore);
    await backup({ source: s.src, store: s.store, logger: silent });
    await refused(s, key(SECRET), /is not signed/);
    const warnings: string[] = [];
    await restore({
      target: s.target,
      store: s.store,
      series: s.series,
      force: true,
      signing: key(SECRET, true),
      logger: { ...silent, warn: (m) => void warnings.push(m) },
    });
    expect(await describeTree(s.target)).toEqual(await describeTree(s.src));
    expect(warnings.join('\n')).toMatch(/not signed; accepted because unsigned snapshots are allowed/);
  });

  it('a forged manifest with every digest recomputed is refused: keeping the old signature, or signing with a key of the same id', async () => {
    const s = await setup(makeStore);
    const b = await backup({ source: s.src, store: s.store, signing: key(`k1:${SECRET}`), logger: silent });
    // The forger drops a file from the tree (a restore would delete it) and reseals the manifest.
    const { digest: _d, ...body } = b.manifest!;
    const entries = body.entries.filter((e) => e.path !== 'dir/c.txt');
    const forged = sealManifest({
      ...body,
      entries,
      totals: { ...body.totals, files: body.totals.files - 1, bytes: body.totals.bytes - 5 },
    } as ManifestBody);
    parseManifest(serializeManifest(forged)); // a well-formed manifest: only the signature tells
    await overwrite(s.store, manifestKey(s.series, b.id), serializeManifest(forged));
    await refused(s, key(`k1:${SECRET}`), /signature was made for another snapshot/);
    // Signed with the forger's own secret under the victim's key id: the MAC does not match.
    await overwrite(s.store, signatureKey(s.series, b.id), serializeSignature(signManifest(forged, new SigningKey('k1', OTHER))));
    await refused(s, key(`k1:${SECRET}`), /signature does not match \(key id k1\)/);
    // Allowing unsigned snapshots does not let a bad signature through.
    await refused(s, key(`k1:${SECRET}`, true), /does not match/);
  });

  it('a signature copied from another snapshot is refused', async () => {
    const s = await setup(makeStore);
    const first = await backup({ source: s.src, store: s.store, signing: key(SECRET), mode: 'full', logger: silent });
    await fs.writeFile(path.join(s.src, 'dir', 'b.txt'), 'changed');
    const second = await backup({ source: s.src, store: s.store, signing: key(SECRET), mode: 'full', logger: silent });
    await overwrite(s.store, signatureKey(s.series, second.id), await get(s.store, signatureKey(s.series, first.id)));
    await refused(s, key(SECRET), new RegExp(`made for another snapshot \\(idx/${first.id}\\)`), second.id);
    await restore({
      target: s.target,
      store: s.store,
      series: s.series,
      snapshot: first.id,
      force: true,
      signing: key(SECRET),
      logger: silent,
    });
    // Prune takes a snapshot's signature with its manifest.
    await prune({ store: s.store, series: s.series, keepLast: 1, logger: silent });
    expect(await s.store.exists(signatureKey(s.series, first.id))).toBe(false);
  });

  it('a wrong key is refused; a rotated key list (new key first, old one kept) accepts old and new snapshots', async () => {
    const s = await setup(makeStore);
    const old = await backup({ source: s.src, store: s.store, signing: key(`k1:${SECRET}`), logger: silent });
    await refused(s, key(`k2:${OTHER}`), /signed with key id "k1", which is not configured \(configured: k2\)/);
    await refused(s, key(`k1:${OTHER}`), /does not match/);
    const rotated = key(`k2:${OTHER},k1:${SECRET}`);
    await fs.writeFile(path.join(s.src, 'new.txt'), 'after the rotation');
    const next = await backup({ source: s.src, store: s.store, signing: rotated, logger: silent });
    expect(next.kind).toBe('incremental');
    expect(JSON.parse((await get(s.store, signatureKey(s.series, next.id))).toString()).keyId).toBe('k2');
    await restore({ target: s.target, store: s.store, series: s.series, force: true, signing: rotated, logger: silent });
    expect(await describeTree(s.target)).toEqual(await describeTree(s.src));
    await restore({ target: s.target, store: s.store, series: s.series, snapshot: old.id, force: true, signing: rotated, logger: silent });
    // The old key alone no longer vouches for the new snapshot, nor (by the chain) for anything built on it.
    await refused(s, key(`k1:${SECRET}`), /key id "k2", which is not configured/, next.id);
  });

  it('an incremental never builds on an unsigned parent: auto takes a full snapshot, incremental fails; a chain with an unsigned ancestor is refused', async () => {
    const s = await setup(makeStore);
    const planted = await backup({ source: s.src, store: s.store, logger: silent }); // unsigned: as an attacker (or a keyless job) would leave it
    await fs.writeFile(path.join(s.src, 'dir', 'b.txt'), 'v2');
    const strict = await backup({ source: s.src, store: s.store, signing: key(SECRET), mode: 'incremental', logger: silent }).catch(
      (e: unknown) => e,
    );
    expect(isIndexVaultError(strict, 'E_SIGNATURE'), String(strict)).toBe(true);
    const warnings: string[] = [];
    const auto = await backup({
      source: s.src,
      store: s.store,
      signing: key(SECRET),
      logger: { ...silent, warn: (m) => void warnings.push(m) },
    });
    expect(auto.kind).toBe('full');
    expect(warnings.join('\n')).toMatch(new RegExp(`cannot build on the latest snapshot ${planted.id} \\(E_SIGNATURE`));

    // Built on the unsigned one anyway (unsigned allowed at backup time): restoring it with the key alone is refused.
    const s2 = await setup(makeStore);
    const base = await backup({ source: s2.src, store: s2.store, logger: silent });
    await fs.writeFile(path.join(s2.src, 'dir', 'b.txt'), 'v3');
    const inc = await backup({ source: s2.src, store: s2.store, signing: key(SECRET, true), logger: silent });
    expect(inc).toMatchObject({ kind: 'incremental', parent: base.id });
    await refused(
      s2,
      key(SECRET),
      new RegExp(`snapshot ${base.id} of idx: it is not signed \\(it is an ancestor of snapshot ${inc.id}\\)`),
    );
    // Once prune has removed the ancestor, its content lives on only under the incremental's signature.
    await prune({ store: s2.store, series: s2.series, keepLast: 1, logger: silent });
    await restore({ target: s2.target, store: s2.store, series: s2.series, force: true, signing: key(SECRET), logger: silent });
    expect(await describeTree(s2.target)).toEqual(await describeTree(s2.src));
  });
});

describe('signing keys at the CLI and in the action', () => {
  function io(env: Record<string, string | undefined> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    return {
      io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) }, env },
      text: () => out.join('') + err.join(''),
      out,
      err,
    };
  }

  it('the key never appears in output, errors, JSON or the store; E_SIGNATURE exits 14 with one line', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await writeTree(src, { 'a.txt': 'alpha', 'b.txt': 'beta' });
    const store = path.join(root, 'vault');
    const all: string[] = [];
    const run = async (args: string[], env: Record<string, string | undefined> = {}) => {
      const c = io(env);
      const code = await runCli(args, c.io);
      all.push(c.text());
      return { code, stdout: c.out.join(''), stderr: c.err.join('') };
    };
    expect((await run(['backup', src, '--store', store, '--json', '--verbose', '--signing-key', `ci:${SECRET}`])).code).toBe(0);
    expect(
      (await run(['restore', path.join(root, 'r1'), '--store', store, '--json', '--verbose'], { INDEX_VAULT_SIGNING_KEY: `ci:${SECRET}` }))
        .code,
    ).toBe(0);
    expect((await run(['verify', '--store', store, '--verbose'], { INDEX_VAULT_SIGNING_KEY: `ci:${SECRET}` })).code).toBe(0);
    // A bare secret gets an id derived from it (not the secret): that key id is not the one used.
    const wrong = await run(['restore', path.join(root, 'r2'), '--store', store, '--signing-key', SECRET]);
    expect(wrong.code).toBe(14);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrong.stderr).toMatch(
      /^index-vault: E_SIGNATURE: snapshot \S+ of idx: it is signed with key id "ci", which is not configured \(configured: [0-9a-f]{8}\)/,
    );
    const bad = await run(['verify', '--store', store, '--json', '--signing-key', `ci:${OTHER}`]);
    expect(bad.code).toBe(14);
    expect(JSON.parse(bad.stdout).snapshots[0].error.code).toBe('E_SIGNATURE');
    const short = await run(['backup', src, '--store', store, '--signing-key', 'ci:short-secret']);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/E_VALIDATION: --signing-key: key 1 \(id ci\) is shorter than 16 bytes/);
    expect((await run(['backup', src, '--store', store, '--signing-key', `a:${SECRET}`, '--signing-key', `a:${OTHER}`])).stderr).toMatch(
      /two different keys have the id a/,
    );
    // An unset variable in `--signing-key "$KEY"` must not quietly mean "neither sign nor check".
    expect((await run(['restore', path.join(root, 'r3'), '--store', store, '--signing-key', ''])).stderr).toMatch(
      /^index-vault: E_VALIDATION: --signing-key is empty/,
    );
    for (const text of all) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(OTHER);
      expect(text).not.toContain('short-secret');
    }
    const objects = await new LocalStore(store).list('');
    for (const o of objects) expect((await fs.readFile(path.join(store, o.key))).toString('latin1')).not.toContain(SECRET.slice(0, 16));
    expect(JSON.stringify(parseSigningKeys([`ci:${SECRET}`], 'x'))).not.toContain(SECRET);
  });

  it('the action masks every secret of signing-key, signs its backups, and refuses an unsigned snapshot unless allow-unsigned', async () => {
    const root = await tempDir();
    const ws = path.join(root, 'ws');
    await writeTree(path.join(ws, 'data', 'index'), { 'a.bin': seededBytes(4, 20_000), 'b.txt': 'beta' });
    const store = path.join(root, 'vault');
    const base = { path: 'data/index', backend: 'local', store };
    // Unsigned first, as a job without the secret (or a poisoned cache) would leave it.
    expect((await runAction(ws, { ...base, mode: 'backup' })).code).toBe(0);
    const keys = `old:${OTHER}\nnew:${SECRET}`;
    const ws2 = path.join(root, 'ws2');
    await fs.mkdir(ws2);
    const refusedRun = await runAction(ws2, { ...base, mode: 'restore', 'signing-key': keys });
    expect(refusedRun.code).toBe(1);
    expect(refusedRun.stdout).toMatch(/::error::E_SIGNATURE: snapshot \S+ of data-index: it is not signed/);
    expect(refusedRun.stdout).toContain(`::add-mask::${SECRET}`);
    expect(refusedRun.stdout).toContain(`::add-mask::${OTHER}`);
    await expect(fs.stat(path.join(ws2, 'data', 'index'))).rejects.toThrow();
    // A probe never fails: a snapshot the restore would refuse is a miss.
    const probe = await runAction(ws2, { ...base, mode: 'restore', 'signing-key': keys, 'lookup-only': 'true' });
    expect(probe.code, probe.stdout).toBe(0);
    expect(probe.outputs['cache-hit']).toBe('false');
    expect(probe.stdout).toMatch(/::warning::E_SIGNATURE: snapshot \S+ of data-index: it is not signed/);
    const allowed = await runAction(ws2, { ...base, mode: 'restore', 'signing-key': keys, 'allow-unsigned': 'true' });
    expect(allowed.code, allowed.stdout).toBe(0);
    expect(allowed.stdout).toMatch(/::warning::snapshot \S+ of data-index: it is not signed; accepted/);

    // A signed backup: auto passes over the unsigned parent, and the restore needs no allowance.
    await fs.writeFile(path.join(ws, 'data', 'index', 'b.txt'), 'beta 2');
    const signed = await runAction(ws, { ...base, mode: 'backup', 'signing-key': `${SECRET},${OTHER}` });
    expect(signed.code, signed.stdout).toBe(0);
    expect(signed.outputs.kind).toBe('full');
    expect(signed.stdout).toMatch(/::warning::cannot build on the latest snapshot .*E_SIGNATURE/);
    const back = await runAction(ws2, { ...base, mode: 'restore', 'signing-key': `${SECRET},${OTHER}` });
    expect(back.code, back.stdout).toBe(0);
    expect(await describeTree(path.join(ws2, 'data', 'index'))).toEqual(await describeTree(path.join(ws, 'data', 'index')));
    for (const r of [refusedRun, probe, allowed, signed, back]) {
      const unmasked = (r.stdout + r.stderr + r.summary).split('\n').filter((l) => !l.startsWith('::add-mask::'));
      expect(unmasked.join('\n')).not.toContain(SECRET);
      expect(unmasked.join('\n')).not.toContain(OTHER);
    }
  });
});
