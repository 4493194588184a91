import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { restore } from '../src/engine/restore/restore.js';
import { verifySeries } from '../src/engine/verify/verify.js';
import { isIndexVaultError } from '../src/shared/errors.js';
import { LocalStore } from '../src/storage/local-store.js';
import type { GetOptions } from '../src/storage/store.js';
import { craftSnapshot, record } from './support/craft.js';
import { describeTree, seededBytes, silent, tempDir, writeTree, type TreeSpec } from './support/fixtures.js';
import { WrappedStore } from './support/wrapped-store.js';

/**
 * Every read goes through the lanes: both codecs, whole packs and runs of them, from a local file
 * (LocalStore) and through ranged reads (a store without `download`, as S3 and Azure).
 */

const KiB = 1024;

function tree(seed: number): TreeSpec {
  const s: TreeSpec = {};
  for (let i = 0; i < 24; i++) s[`part-${i}.bin`] = seededBytes(seed * 100 + i, 300 * KiB + i);
  s['note.txt'] = `seed ${seed}\n`;
  s['sub/zeros.bin'] = Buffer.alloc(200 * KiB);
  return s;
}

/** A store without `download` that records the ranges read of one key. */
function counting(store: LocalStore, key: () => string, size: () => number) {
  let reads: number[] = [];
  const wrapped = new (class extends WrappedStore {
    override get(k: string, options?: GetOptions) {
      if (k === key()) reads.push(options?.range?.length ?? size());
      return super.get(k, options);
    }
  })(store);
  return { store: wrapped, read: () => reads.reduce((n, r) => n + r, 0), reset: () => void (reads = []) };
}

async function refusedUntouched(target: string, run: () => Promise<unknown>): Promise<Error> {
  const before = await describeTree(target);
  const err = await run().then(
    () => new Error('accepted'),
    (e: unknown) => e as Error,
  );
  expect(isIndexVaultError(err), String(err)).toBe(true);
  expect(await describeTree(target)).toEqual(before);
  return err;
}

describe('one reading path', () => {
  it('gzip packs restore and verify on the lanes: whole, and by runs of an older pack, from a local file and through ranged reads', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await writeTree(src, tree(1));
    const store = new LocalStore(path.join(root, 'store'));
    await backup({ source: src, store, codec: 'gzip', level: 1, logger: silent });
    const changed = tree(2);
    for (let i = 0; i < 22; i++) await fs.writeFile(path.join(src, `part-${i}.bin`), changed[`part-${i}.bin`] as Buffer);
    const inc = await backup({ source: src, store, codec: 'gzip', level: 1, logger: silent });
    expect(inc.kind).toBe('incremental');
    const [first] = (await store.list('idx/packs/')).sort((a, b) => a.key.localeCompare(b.key));
    expect(first!.key).toMatch(/\.tar\.gz$/);

    // Only two files of the first pack are still wanted: they are read as runs, not the whole pack.
    const ranged = counting(
      store,
      () => first!.key,
      () => first!.size,
    );
    for (const [name, s] of [
      ['local', store],
      ['ranged', ranged.store],
    ] as const) {
      const target = path.join(root, `target-${name}`);
      await restore({ target, store: s, series: 'idx', reuse: false, logger: silent });
      expect(await describeTree(target), name).toEqual(await describeTree(src));
    }
    expect(ranged.read()).toBeGreaterThan(0);
    expect(ranged.read()).toBeLessThan(first!.size / 2);
    ranged.reset();
    for (const s of [store, ranged.store])
      expect((await verifySeries(s, 'idx', inc.id, { logger: silent }))[0]).toMatchObject({ ok: true });
    expect(ranged.read()).toBe(first!.size); // verify reads the pack once, whole

    // A flipped byte in the first pack: refused by restore (which reads that run) and by verify, on both paths.
    const file = path.join(store.root, first!.key);
    const good = await fs.readFile(file);
    // Inside the run that holds part-22.bin, one of the two files still taken from this pack.
    const manifest = JSON.parse(await fs.readFile(path.join(store.root, 'idx', 'snapshots', `${inc.id}.json`), 'utf8')) as {
      entries: Array<{ path: string; loc?: { offset: number; length: number } }>;
    };
    const loc = manifest.entries.find((e) => e.path === 'part-22.bin')!.loc!;
    const bad = Buffer.from(good);
    bad[loc.offset + Math.floor(loc.length / 2)]! ^= 0x10;
    await fs.writeFile(file, bad);
    for (const s of [store, ranged.store]) {
      const target = path.join(root, 'target-local');
      await refusedUntouched(target, () => restore({ target, store: s, series: 'idx', force: true, reuse: false, logger: silent }));
      expect((await verifySeries(s, 'idx', inc.id, { logger: silent }))[0]).toMatchObject({ ok: false, error: { code: 'E_INTEGRITY' } });
    }
    // Bytes appended after the last gzip member are seen by verify through ranged reads too.
    await fs.writeFile(file, Buffer.concat([good, zlib.gzipSync('more')]));
    for (const s of [store, ranged.store])
      expect((await verifySeries(s, 'idx', inc.id, { logger: silent }))[0]).toMatchObject({ ok: false, error: { code: 'E_INTEGRITY' } });
  });

  it('a zstd frame larger than a lane slot is handed over whole: restored and verified exactly, from a file and through ranged reads', async () => {
    const root = await tempDir();
    const store = new LocalStore(path.join(root, 'store'));
    const content = seededBytes(5, 3 * 1024 * KiB); // incompressible: one frame of about 3 MiB
    const records = [
      record({ path: 'big.bin', type: 'File', body: content }),
      record({ path: 'b.txt', type: 'File', body: Buffer.from('after') }),
    ];
    const id = await craftSnapshot(store, 'idx', {
      entries: [
        { path: 'big.bin', type: 'file', content },
        { path: 'b.txt', type: 'file', content: 'after' },
      ],
      records,
    });
    for (const s of [store, new WrappedStore(store)]) {
      const target = path.join(root, `t-${s === store ? 'file' : 'ranged'}`);
      await restore({ target, store: s, series: 'idx', logger: silent });
      expect((await fs.readFile(path.join(target, 'big.bin'))).equals(content)).toBe(true);
      expect(await fs.readFile(path.join(target, 'b.txt'), 'utf8')).toBe('after');
      expect((await verifySeries(s, 'idx', id, { logger: silent }))[0]).toMatchObject({ ok: true });
    }
  });

  it('verify through ranged reads checks each record where the manifest places it, as a restore by runs relies on', async () => {
    const root = await tempDir();
    const store = new LocalStore(path.join(root, 'store'));
    const records = [
      record({ path: 'a.txt', type: 'File', body: Buffer.from('first') }),
      record({ path: 'b.txt', type: 'File', body: Buffer.from('second') }),
    ];
    // The forger moves b.txt's recorded position (digest recomputed): a ranged restore of b.txt alone would read a.txt's record.
    const id = await craftSnapshot(store, 'idx', {
      entries: [
        { path: 'a.txt', type: 'file', content: 'first' },
        { path: 'b.txt', type: 'file', content: 'second' },
      ],
      records,
      mutate: (b) => {
        const e = (b.entries as Array<{ path: string; loc: { raw: number; skip: number; span: number } }>).find((x) => x.path === 'b.txt')!;
        e.loc.span += e.loc.raw;
        e.loc.raw = e.loc.skip = 0;
      },
    });
    for (const s of [store, new WrappedStore(store)]) {
      const [report] = await verifySeries(s, 'idx', id, { logger: silent });
      expect(report, s === store ? 'local' : 'ranged').toMatchObject({ ok: false, error: { code: 'E_INTEGRITY' } });
    }
  });
});
