import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { isIndexVaultError } from '../src/shared/errors.js';
import { canonicalJson, manifestDigest, type Manifest } from '../src/snapshot/manifest.js';
import { restore } from '../src/engine/restore/restore.js';
import { verifySeries } from '../src/engine/verify/verify.js';
import { OwnPackDigests } from '../src/engine/verify/own-pack-digests.js';
import { planWhole, readPackInLanes, type LaneReadOptions } from '../src/engine/verify/pack-lanes.js';
import { allPackExpectations } from '../src/engine/verify/expectations.js';
import { LaneFailure, LanePool, type SegmentResult } from '../src/workers/lane-pool.js';
import { packMembers } from '../src/workers/lane-members.js';
import { createHash } from 'node:crypto';
import { LocalStore } from '../src/storage/local-store.js';
import type { GetOptions, Store } from '../src/storage/store.js';
import { describeTree, seededBytes, silent, tempDir, writeTree, type TreeSpec } from './support/fixtures.js';
import { WrappedStore } from './support/wrapped-store.js';

const MiB = 1024 * 1024;

/** Files that cross frame boundaries, small ones between them, a zero-filled one, an empty one, shared content. */
function spec(seed: number): TreeSpec {
  const s: TreeSpec = {};
  for (let i = 0; i < 8; i++) {
    s[`big/part-${i}.bin`] = seededBytes(seed * 100 + i, Math.round(1.5 * MiB) + i * 1000);
    s[`small/n-${i}.txt`] = `note ${i} of ${seed}\n`;
  }
  s['zeros.bin'] = Buffer.alloc(3 * MiB);
  s['empty.txt'] = '';
  s['tool.sh'] = { exec: seededBytes(seed * 100 + 50, 2 * MiB) };
  s['dup-a.bin'] = seededBytes(seed * 100 + 60, Math.round(1.2 * MiB));
  s['dup-b.bin'] = seededBytes(seed * 100 + 60, Math.round(1.2 * MiB));
  return s;
}

function capture() {
  const debug: string[] = [];
  return { debug, logger: { ...silent, debug: (m: string) => debug.push(m) } };
}

async function manifestFile(store: LocalStore, series: string): Promise<string> {
  const dir = path.join(store.root, series, 'snapshots');
  const [name] = (await fs.readdir(dir))
    .filter((n) => n.endsWith('.json'))
    .sort()
    .reverse();
  return path.join(dir, name!);
}

async function rewriteManifest(file: string, change: (m: Manifest) => void): Promise<void> {
  const m = JSON.parse(await fs.readFile(file, 'utf8')) as Manifest;
  change(m);
  const { digest: _old, ...body } = m;
  await fs.writeFile(file, canonicalJson({ ...body, digest: manifestDigest(body) }) + '\n');
}

async function refusedAndUntouched(root: string, target: string, store: Store, series: string): Promise<Error> {
  const before = await describeTree(target);
  const names = (await fs.readdir(root)).sort();
  const err = await restore({ target, store, series, segmentBytes: SEGMENT, force: true, reuse: false, logger: silent }).then(
    () => new Error('restore succeeded'),
    (e: unknown) => e as Error,
  );
  expect(isIndexVaultError(err, 'E_INTEGRITY'), String(err)).toBe(true);
  expect(await describeTree(target)).toEqual(before);
  expect((await fs.readdir(root)).sort()).toEqual(names);
  return err;
}

/** Cut packs at every file whose frames allow it, so that stretch boundaries fall everywhere. */
const SEGMENT = 1;

describe('restore lanes', () => {
  // Lanes read a local store's packs themselves; a store without local files sends them its frames.
  it.each([
    ['read by the lanes from the local file', false],
    ['sent to the lanes from ranged reads', true],
  ])(
    'restores a pack cut into many stretches exactly, and refuses a misplaced record, a cut-off tail and a flipped byte (%s)',
    async (_how, wrap) => {
      const root = await tempDir();
      const src = path.join(root, 'idx');
      await writeTree(src, spec(1));
      const local = new LocalStore(path.join(root, 'store'));
      const store: Store = wrap ? new WrappedStore(local) : local;
      await backup({ source: src, store, logger: silent });

      const target = path.join(root, 'target');
      const { debug, logger } = capture();
      await restore({ target, store, series: 'idx', segmentBytes: SEGMENT, reuse: false, logger });
      expect(await describeTree(target)).toEqual(await describeTree(src));
      const stretches = Number(/(\d+) stretches/.exec(debug.join('\n'))?.[1]);
      expect(stretches).toBeGreaterThan(5);

      // A record moved by a block in the manifest (digest recomputed): the lane finds it elsewhere.
      const file = await manifestFile(local, 'idx');
      const original = await fs.readFile(file);
      await rewriteManifest(file, (m) => {
        const f = m.entries.find((e) => e.path === 'big/part-5.bin');
        if (f?.type !== 'file') throw new Error('no such file');
        f.loc.raw += 512;
        f.loc.skip += 512;
        f.loc.span -= 512;
      });
      expect((await refusedAndUntouched(root, target, store, 'idx')).message).toMatch(/part-5\.bin/);
      await fs.writeFile(file, original);

      // The pack cut short: the last stretches run out of frames.
      const packs = path.join(local.root, 'idx', 'packs');
      const [pack] = await fs.readdir(packs);
      const full = await fs.readFile(path.join(packs, pack!));
      await fs.writeFile(path.join(packs, pack!), full.subarray(0, Math.floor(full.length * 0.6)));
      await refusedAndUntouched(root, target, store, 'idx');
      await fs.writeFile(path.join(packs, pack!), full);

      // One flipped byte in the middle of the pack.
      const flipped = Buffer.from(full);
      flipped[Math.floor(full.length / 2)]! ^= 0x40;
      await fs.writeFile(path.join(packs, pack!), flipped);
      await refusedAndUntouched(root, target, store, 'idx');
      await fs.writeFile(path.join(packs, pack!), full);

      const again = await restore({ target, store, series: 'idx', segmentBytes: SEGMENT, force: true, reuse: false, logger: silent });
      expect(again.files).toBe(Object.keys(spec(1)).length);
      expect(await describeTree(target)).toEqual(await describeTree(src));
    },
  );

  it('verify checks a pack in stretches: every file hashed, and the whole pack against its size and digest', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await writeTree(src, spec(4));
    const store = new LocalStore(path.join(root, 'store'));
    const snap = await backup({ source: src, store, logger: silent });
    expect((await verifySeries(store, 'idx', snap.id, { segmentBytes: SEGMENT }))[0]).toMatchObject({
      ok: true,
      files: Object.keys(spec(4)).length,
    });

    const packs = path.join(store.root, 'idx', 'packs');
    const [pack] = await fs.readdir(packs);
    const full = await fs.readFile(path.join(packs, pack!));
    // Bytes appended after the last frame: no stretch reads them, the digest sees them.
    await fs.writeFile(path.join(packs, pack!), Buffer.concat([full, Buffer.from('trailing')]));
    const [appended] = await verifySeries(store, 'idx', snap.id, { segmentBytes: SEGMENT });
    expect(appended).toMatchObject({ ok: false, error: { code: 'E_INTEGRITY' } });
    expect(appended!.error!.message).toMatch(/size and sha256/);
    // A flipped byte in the middle: the stretch holding it fails.
    const flipped = Buffer.from(full);
    flipped[Math.floor(full.length / 2)]! ^= 0x01;
    await fs.writeFile(path.join(packs, pack!), flipped);
    expect((await verifySeries(store, 'idx', snap.id, { segmentBytes: SEGMENT }))[0]).toMatchObject({
      ok: false,
      error: { code: 'E_INTEGRITY' },
    });
  });

  it("verify takes a snapshot's own pack digests while its manifest is read: only those, used only where the manifest names them", async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await writeTree(src, spec(4));
    const store = new LocalStore(path.join(root, 'store'));
    const full = await backup({ source: src, store, logger: silent });
    await fs.writeFile(path.join(src, 'small/n-0.txt'), 'changed');
    const inc = await backup({ source: src, store, logger: silent });
    const packs = path.join(store.root, 'idx', 'packs');
    const own = (await fs.readdir(packs)).filter((n) => n.startsWith(`${inc.id}-`));
    expect(own.length).toBeGreaterThan(0);
    // A stray object named like one of its packs, and one that merely starts with its id.
    await fs.writeFile(path.join(packs, `${inc.id}-999.tar.zst`), 'not a pack');
    await fs.writeFile(path.join(packs, `${inc.id}-x.tar.zst`), 'not a pack either');
    const digests = new OwnPackDigests(store, 'idx', inc.id);
    for (const name of own) {
      const bytes = await fs.readFile(path.join(packs, name));
      expect(await digests.of(name)).toMatchObject({ sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length });
    }
    expect(await digests.of(`${inc.id}-999.tar.zst`)).toMatchObject({ size: 10 });
    expect(await digests.of(`${inc.id}-x.tar.zst`)).toBeUndefined();
    // The parent's packs are not the snapshot's own: hashed beside the lanes, as before.
    expect(await digests.of((await fs.readdir(packs)).find((n) => n.startsWith(`${full.id}-`))!)).toBeUndefined();
    await digests.close();
    // Nowhere but in a store that keeps its objects as files here.
    const remote = new OwnPackDigests(new WrappedStore(store), 'idx', inc.id);
    expect(await remote.of(own[0]!)).toBeUndefined();
    await remote.close();
    expect(await verifySeries(store, 'idx', undefined)).toMatchObject([{ ok: true }, { ok: true }]);
    // Closed while it still hashes (a manifest that failed to load): it ends at once.
    const big = path.join(packs, `${inc.id}-998.tar.zst`);
    await fs.writeFile(big, Buffer.alloc(64 * MiB, 7));
    const dropped = new OwnPackDigests(store, 'idx', inc.id);
    void dropped.of(own[0]!); // hashing is asked for once this settles
    await new Promise((r) => setTimeout(r, 20));
    await dropped.close();
    await fs.rm(big);
  });

  it("a pack's digest given to the lanes is the one checked; one that failed or was not taken is taken from the pack", async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await writeTree(src, spec(4));
    const store = new LocalStore(path.join(root, 'store'));
    const snap = await backup({ source: src, store, logger: silent });
    const manifest = snap.manifest!;
    const pack = manifest.packs[0]!;
    const lanes = new LanePool();
    try {
      const read = (wholeDigest?: Promise<{ sha256: string; size: number } | undefined>) =>
        readPackInLanes({
          store,
          key: `idx/packs/${pack.name}`,
          pack,
          expected: allPackExpectations(manifest)(0),
          strict: true,
          dests: () => undefined,
          hashAll: true,
          lanes,
          writeFlags: 0,
          digest: true,
          wholeDigest,
          segmentBytes: SEGMENT,
        });
      const given = { sha256: 'f'.repeat(64), size: 1 };
      expect((await read(Promise.resolve(given))).whole).toEqual(given);
      const real = { sha256: pack.sha256, size: pack.size };
      expect((await read(Promise.resolve(undefined))).whole).toEqual(real);
      expect((await read(Promise.reject(new Error('thread ended')))).whole).toEqual(real);
      expect((await read()).whole).toEqual(real);
    } finally {
      await lanes.close();
    }
  });

  it('a lane takes the stretches posted to it one after another, each answered on its own, a failing one too', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await writeTree(src, spec(5));
    const store = new LocalStore(path.join(root, 'store'));
    const manifest = (await backup({ source: src, store, logger: silent })).manifest!;
    const pack = manifest.packs[0]!;
    const opts = { pack, expected: allPackExpectations(manifest)(0), strict: true, writeFlags: 0 } as LaneReadOptions;
    const [whole] = planWhole(opts, true);
    const members = packMembers(
      whole!.bucket.map((e) => ({
        member: e.member,
        type: e.type,
        size: e.size,
        sha256: e.sha256,
        target: e.target,
        raw: e.raw,
        hash: e.type === 'file',
      })),
    );
    const file = {
      path: path.join(store.root, 'idx', 'packs', pack.name),
      offset: 0,
      end: pack.size,
      lastFrameStart: pack.size,
      nextFrame: -1,
      packSize: pack.size,
    };
    const seg = (id: number, f = file) => ({ ...whole!.seg, id, members, file: f });
    const fileBytes = manifest.entries.reduce((n, e) => n + (e.type === 'file' ? e.size : 0), 0);
    const pool = new LanePool(1);
    try {
      const lane = pool.lane(0);
      const hashed = [0, 0, 0, 0];
      const ack = (k: number) => (bytes: number) => void (hashed[k]! += bytes);
      // Four posted before any is answered: the lane reads them in order, and a failure ends only its own.
      const posted = [
        lane.runFile(seg(9001), ack(0)),
        lane.runFile(seg(9002, { ...file, path: path.join(root, 'gone.tar.zst') }), ack(1)),
        lane.runFile(seg(9003, { ...file, end: Math.floor(pack.size / 2) }), ack(2)),
        lane.runFile(seg(9004), ack(3)),
      ];
      const [first, gone, cut, last] = await Promise.allSettled(posted);
      expect(gone).toMatchObject({ status: 'rejected', reason: { error: { kind: 'io' } } });
      expect((gone as PromiseRejectedResult).reason).toBeInstanceOf(LaneFailure);
      expect(cut).toMatchObject({ status: 'rejected', reason: { error: { kind: 'integrity' } } });
      for (const r of [first!, last!]) {
        expect(r.status).toBe('fulfilled');
        const met = Array.from((r as PromiseFulfilledResult<SegmentResult>).value.met);
        // Every member listed, each once, in the order written (no name travels back).
        expect(met.filter((k) => k >= 0).sort((a, b) => a - b)).toEqual(whole!.bucket.map((_, k) => k));
      }
      // Each stretch's progress reached its own caller, and only its.
      expect([hashed[0], hashed[1], hashed[3]]).toEqual([fileBytes, 0, fileBytes]);
      expect(hashed[2]).toBeLessThan(fileBytes);

      // A stretch fed with frames runs alone: refused while a stretch read from a file waits on the lane.
      const waiting = lane.runFile(seg(9005), () => {});
      await expect(lane.run(seg(9006), (async function* () {})(), () => {})).rejects.toThrow(/alone/);
      expect(Array.from((await waiting).met).filter((k) => k >= 0)).toHaveLength(whole!.bucket.length);
    } finally {
      await pool.close();
    }
  });

  it('a closed pool starts no lane again, and its lanes take no more stretches', async () => {
    const pool = new LanePool(2);
    const lane = pool.lane(0);
    await pool.close();
    // A stop closes the pool while the restore may still be handing out stretches: none may start a lane.
    expect(() => pool.lane(0)).toThrow(/closed/);
    expect(() => pool.lane(1)).toThrow(/closed/);
    await expect(lane.runFile({ id: 1 } as Parameters<typeof lane.runFile>[0], () => {})).rejects.toThrow(/exited/);
  });

  it('reads only the runs of an older pack that hold wanted files, on lanes too', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await writeTree(src, spec(2));
    const store = new LocalStore(path.join(root, 'store'));
    await backup({ source: src, store, logger: silent });
    // Change most large files: the incremental's own pack holds them, the first pack the rest.
    const changed = spec(3);
    for (let i = 0; i < 7; i++) await fs.writeFile(path.join(src, `big/part-${i}.bin`), changed[`big/part-${i}.bin`] as Buffer);
    for (let i = 0; i < 8; i++) await fs.writeFile(path.join(src, `small/n-${i}.txt`), `changed ${i}`);
    await fs.writeFile(path.join(src, 'zeros.bin'), Buffer.alloc(3 * MiB, 1));
    await fs.writeFile(path.join(src, 'dup-a.bin'), 'now different');
    await fs.writeFile(path.join(src, 'tool.sh'), seededBytes(77, 2 * MiB));
    const inc = await backup({ source: src, store, logger: silent });
    expect(inc.kind).toBe('incremental');

    // Count what is read of the first pack.
    const [first] = await store.list('idx/packs/');
    const reads: Array<{ offset: number; length: number }> = [];
    const counting = new (class extends WrappedStore {
      override get(key: string, options?: GetOptions) {
        if (key === first!.key) reads.push(options?.range ?? { offset: 0, length: first!.size });
        return super.get(key, options);
      }
    })(store);
    const target = path.join(root, 'target');
    await restore({ target, store: counting, series: 'idx', segmentBytes: SEGMENT, reuse: false, logger: silent });
    expect(await describeTree(target)).toEqual(await describeTree(src));
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.reduce((n, r) => n + r.length, 0)).toBeLessThan(first!.size / 2);
  });
});
