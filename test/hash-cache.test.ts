import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { backup } from '../src/engine/backup/backup.js';
import { cacheFileFor, isClean, isTrusted, nowNs, RACY_NS, type FileStamp } from '../src/fs-safety/hash-cache.js';
import { decodeCacheFile, encodeCacheTable, type CacheTable } from '../src/fs-safety/hash-cache-file.js';
import type { FileEntry } from '../src/snapshot/manifest.js';
import { restore } from '../src/engine/restore/restore.js';
import { LocalStore } from '../src/storage/local-store.js';
import { describeTree, seededBytes, silent, tempDir, writeTree } from './support/fixtures.js';

const FILES = 5;
/** A whole second, so that fs.utimes can set exactly the same mtime again (ns and all). */
const T = new Date('2024-01-02T03:04:05Z');

let cacheDir: string;
beforeEach(async () => {
  cacheDir = await tempDir('iv-hash-cache-');
});

async function setup() {
  const root = await tempDir();
  const src = path.join(root, 'idx');
  await writeTree(src, {
    'a.txt': 'alpha\n',
    'data/a.bin': seededBytes(1, 100_000),
    'data/b.bin': seededBytes(2, 200_000),
    'deep/x/y.json': '{"y":1}',
    'run.sh': { exec: '#!/bin/sh\necho hi\n' },
    link: { link: 'a.txt' },
    'empty-dir': { dir: true },
  });
  await fs.utimes(path.join(src, 'data/a.bin'), T, T);
  return { root, src, store: new LocalStore(path.join(root, 'store')) };
}

/** Lets the racy window pass, so that what was just written can be recorded as clean. */
const settle = () => new Promise((r) => setTimeout(r, Number(RACY_NS / 1_000_000n) + 50));

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const shaOf = (m: { entries: ReadonlyArray<{ path: string; type: string }> }, p: string) =>
  (m.entries.find((e) => e.path === p) as FileEntry).sha256;

/** A cache file's table from rows of [path, size, mtimeNs, ctimeNs, ino, recordedAtNs, sha256 hex]. */
function tableOf(rows: Array<[string, bigint, bigint, bigint, bigint, bigint, string]>): CacheTable {
  const n = rows.length;
  const nums = new BigInt64Array(n * 5);
  rows.forEach(([, ...v], i) => v.slice(0, 5).forEach((x, c) => (nums[c * n + i] = x as bigint)));
  return { paths: rows.map((r) => r[0]), nums, sha256: Buffer.from(rows.map((r) => r[6]).join(''), 'hex') };
}

/** Reads a cache file as a table of rows (path -> [size, mtimeNs, ctimeNs, ino, sha256, recordedAtNs]). */
async function readCache(root: string): Promise<Record<string, [bigint, bigint, bigint, bigint, string, bigint]>> {
  const t = decodeCacheFile(await fs.readFile(cacheFileFor(root, cacheDir)), path.resolve(root));
  const n = t.paths.length;
  return Object.fromEntries(
    [...t.paths].map((p, i) => [
      p,
      [
        t.nums[i]!,
        t.nums[n + i]!,
        t.nums[2 * n + i]!,
        t.nums[3 * n + i]!,
        t.sha256.toString('hex', 32 * i, 32 * i + 32),
        t.nums[4 * n + i]!,
      ],
    ]),
  );
}

/** Writes a cache file by hand: each listed file with its real current stat and the given hash. */
async function craftCache(
  root: string,
  hashes: Record<string, string>,
  opts: { recordedAt?: (s: FileStamp) => bigint; root?: string; version?: number } = {},
) {
  const rows: Array<[string, bigint, bigint, bigint, bigint, bigint, string]> = [];
  for (const [rel, h] of Object.entries(hashes)) {
    const st = await fs.lstat(path.join(root, rel), { bigint: true });
    rows.push([rel, st.size, st.mtimeNs, st.ctimeNs, st.ino, opts.recordedAt?.(st) ?? nowNs(), h]);
  }
  const bytes = encodeCacheTable(opts.root ?? root, tableOf(rows));
  if (opts.version !== undefined) bytes.writeUInt32LE(opts.version, 8);
  await fs.mkdir(cacheDir, { recursive: true });
  await fs.writeFile(cacheFileFor(root, cacheDir), bytes);
}

describe('hash cache: the trust rule', () => {
  const base: FileStamp = { size: 10n, mtimeNs: 1_700_000_000_123_456_789n, ctimeNs: 1_700_000_000_223_456_789n, ino: 42n };

  it('trusts only a stat recorded at least RACY_NS after the file last changed', () => {
    expect(isClean(base, base.ctimeNs + RACY_NS)).toBe(true);
    expect(isClean(base, base.ctimeNs + RACY_NS - 1n)).toBe(false);
    expect(isClean(base, base.ctimeNs + 50_000_000n)).toBe(false);
    expect(isClean(base, base.ctimeNs - 1n)).toBe(false); // recorded "before" it changed: clock skew
    // An mtime in the future counts too: the newer of the two decides.
    const future = { ...base, mtimeNs: base.ctimeNs + 1_000_000_000n };
    expect(isClean(future, base.ctimeNs + RACY_NS)).toBe(false);
    expect(isClean(future, future.mtimeNs + RACY_NS)).toBe(true);
  });

  it('waits two seconds on filesystems that keep whole seconds, and never trusts a filesystem without ctime', () => {
    const coarse = { ...base, ctimeNs: 1_700_000_000_000_000_000n, mtimeNs: 1_700_000_000_000_000_000n };
    expect(isClean(coarse, coarse.ctimeNs + 500_000_000n)).toBe(false);
    expect(isClean(coarse, coarse.ctimeNs + 1_999_999_999n)).toBe(false);
    expect(isClean(coarse, coarse.ctimeNs + 2_000_000_000n)).toBe(true);
    expect(isClean({ ...base, ctimeNs: 0n }, base.mtimeNs + 10n ** 12n)).toBe(false);
  });

  it('needs size, mtime, ctime and inode to match', () => {
    const at = base.ctimeNs + 10n * RACY_NS;
    expect(isTrusted(base, at, { ...base })).toBe(true);
    expect(isTrusted(base, at, { ...base, size: 11n })).toBe(false);
    expect(isTrusted(base, at, { ...base, mtimeNs: base.mtimeNs + 1n })).toBe(false);
    expect(isTrusted(base, at, { ...base, ctimeNs: base.ctimeNs + 1n })).toBe(false);
    expect(isTrusted(base, at, { ...base, ino: 43n })).toBe(false); // replaced by another file (rename)
    expect(isTrusted(base, base.ctimeNs + 1n, { ...base })).toBe(false); // racy
  });
});

describe('hash cache: backups', () => {
  it('an incremental with no change reads no file after a full backup', async () => {
    const { src, store } = await setup();
    await settle();
    const full = await backup({ source: src, store, cacheDir, logger: silent });
    expect(full).toMatchObject({ kind: 'full', files: FILES, hashedFiles: 0, cachedHashes: 0 });
    // The cache file: one per tree, keyed by its absolute path, holding every file.
    const saved = await readCache(src);
    expect(Object.keys(saved).sort()).toEqual(['a.txt', 'data/a.bin', 'data/b.bin', 'deep/x/y.json', 'run.sh']);
    const st = await fs.lstat(path.join(src, 'data/b.bin'), { bigint: true });
    const [size, mtimeNs, ctimeNs, ino, h, at] = saved['data/b.bin']!;
    expect([size, mtimeNs, ctimeNs, ino, h]).toEqual([200_000n, st.mtimeNs, st.ctimeNs, st.ino, sha(seededBytes(2, 200_000))]);
    expect(at > st.ctimeNs).toBe(true);

    const again = await backup({ source: src, store, cacheDir, logger: silent });
    expect(again).toMatchObject({ kind: 'unchanged', id: full.id, hashedFiles: 0, cachedHashes: FILES });
    // And again: entries taken from the cache stay in it.
    expect(await backup({ source: src, store, cacheDir, logger: silent })).toMatchObject({
      kind: 'unchanged',
      hashedFiles: 0,
      cachedHashes: FILES,
    });
  });

  it('sees a rewrite that kept size and mtime (ctime moved), stores it, and restores the new content', async () => {
    const { root, src, store } = await setup();
    await settle();
    const full = await backup({ source: src, store, cacheDir, logger: silent });
    const file = path.join(src, 'data/a.bin');
    const before = await fs.stat(file, { bigint: true });
    const next = seededBytes(99, 100_000);
    await fs.writeFile(file, next);
    await fs.utimes(file, T, T);
    const after = await fs.stat(file, { bigint: true });
    // The trap mtime-only tools fall into: same size, same mtime, same inode.
    expect([after.size, after.mtimeNs, after.ino]).toEqual([before.size, before.mtimeNs, before.ino]);
    expect(after.ctimeNs).not.toBe(before.ctimeNs);

    const inc = await backup({ source: src, store, cacheDir, logger: silent });
    expect(inc).toMatchObject({ kind: 'incremental', parent: full.id, hashedFiles: 1, cachedHashes: FILES - 1 });
    expect(shaOf(inc.manifest!, 'data/a.bin')).toBe(sha(next));
    const out = path.join(root, 'out');
    await restore({ target: out, store, cacheDir, series: 'idx', logger: silent });
    expect(await describeTree(out)).toEqual(await describeTree(src));
  });

  it('re-reads a file whose cached stat was racy, and uses one that was clean', async () => {
    const { src, store } = await setup();
    await settle();
    await backup({ source: src, store, cacheDir, logger: silent, hashCache: false });
    // A wrong hash (another file's content, which the parent holds) under each file's real stat.
    const wrong = sha(seededBytes(2, 200_000));
    await craftCache(src, { 'data/a.bin': wrong }, { recordedAt: (s) => s.ctimeNs + RACY_NS / 2n });
    const racy = await backup({ source: src, store, cacheDir, logger: silent });
    expect(racy).toMatchObject({ kind: 'unchanged', hashedFiles: FILES, cachedHashes: 0 });

    // Control: the same entry recorded clean is believed, which is what the rule is there to guard.
    await craftCache(src, { 'data/a.bin': wrong }, { recordedAt: (s) => s.ctimeNs + RACY_NS });
    const clean = await backup({ source: src, store, cacheDir, logger: silent });
    expect(clean).toMatchObject({ kind: 'incremental', hashedFiles: FILES - 1, cachedHashes: 1 });
    expect(shaOf(clean.manifest!, 'data/a.bin')).toBe(wrong);
  });

  it('re-hashes a file touched after it was recorded (its ctime moved), and nothing else', async () => {
    const { src, store } = await setup();
    await settle();
    await backup({ source: src, store, cacheDir, logger: silent });
    const t = new Date();
    await fs.utimes(path.join(src, 'a.txt'), t, t);
    const inc = await backup({ source: src, store, cacheDir, logger: silent });
    expect(inc).toMatchObject({ kind: 'unchanged' });
    expect(inc).toMatchObject({ hashedFiles: 1, cachedHashes: FILES - 1 });
  });

  it('ignores a corrupt cache, one of another tree or version, and survives a cache it cannot write', async () => {
    const { src, store } = await setup();
    await settle();
    const full = await backup({ source: src, store, cacheDir, logger: silent, hashCache: false });
    const file = cacheFileFor(src, cacheDir);
    const poison = Object.fromEntries(['a.txt', 'data/a.bin', 'data/b.bin', 'deep/x/y.json', 'run.sh'].map((p) => [p, sha('poison')]));
    const v1 = file.replace(/\.bin$/, '.json');
    const good = async () => {
      await craftCache(src, poison);
      return fs.readFile(file);
    };
    for (const bad of [
      async () => fs.writeFile(file, '{"version":1,"root":'),
      async () => fs.writeFile(file, ''),
      async () => fs.writeFile(file, (await good()).subarray(0, -1)), // truncated
      async () => fs.writeFile(file, Buffer.concat([await good(), Buffer.alloc(8)])), // longer than its header says
      async () => {
        const b = await good();
        b.writeUInt32LE(b.readUInt32LE(12) + 1, 12); // one more entry than it holds
        await fs.writeFile(file, b);
      },
      async () => {
        const b = await good();
        b[b.indexOf('a.txt') + 1] = 0xff; // a path that is not UTF-8
        await fs.writeFile(file, b);
      },
      async () => {
        const b = await good();
        b[b.indexOf('a.txt') + 5] = 0x2f; // paths no longer ended by NUL: one fewer than entries
        await fs.writeFile(file, b);
      },
      async () => craftCache(src, poison, { root: path.join(src, 'elsewhere') }),
      async () => craftCache(src, poison, { version: 1 }),
      async () => craftCache(src, poison, { version: 3 }),
      // The text layout of version 1, under its own name and under the new one: never read.
      async () => {
        const text = JSON.stringify({ version: 1, root: path.resolve(src), entries: {} });
        await fs.writeFile(v1, text);
        await fs.writeFile(file, text);
      },
    ]) {
      await fs.mkdir(cacheDir, { recursive: true });
      await bad();
      const r = await backup({ source: src, store, cacheDir, logger: silent });
      expect(r).toMatchObject({ kind: 'unchanged', id: full.id, hashedFiles: FILES, cachedHashes: 0 });
      // Replaced by a good one (and the version 1 file is gone).
      expect(Object.keys(await readCache(src)).sort()).toEqual(Object.keys(poison).sort());
      await expect(fs.access(v1)).rejects.toThrow();
      await fs.rm(file);
    }
    // An entry whose stamp is not the file's is not used; the rest are.
    const real = Object.fromEntries(Object.keys(poison).map((p) => [p, shaOf(full.manifest!, p)]));
    await craftCache(src, real);
    const b = await fs.readFile(file);
    const inos = 24 + path.resolve(src).length + Buffer.byteLength(Object.keys(real).join('\0') + '\0');
    const at = ((inos + 7) & ~7) + 3 * 8 * FILES + 8 * Object.keys(real).indexOf('a.txt');
    expect(b.readBigInt64LE(at)).toBe((await fs.lstat(path.join(src, 'a.txt'), { bigint: true })).ino);
    b.writeBigInt64LE(b.readBigInt64LE(at) + 1n, at);
    await fs.writeFile(file, b);
    const partly = await backup({ source: src, store, cacheDir, logger: silent });
    expect(partly).toMatchObject({ kind: 'unchanged', hashedFiles: 1, cachedHashes: FILES - 1 });

    // A cache directory that cannot be created: a warning, and a correct backup.
    const blocker = path.join(cacheDir, 'a-file');
    await fs.writeFile(blocker, '');
    const warnings: string[] = [];
    await fs.writeFile(path.join(src, 'new.txt'), 'new');
    const r = await backup({
      source: src,
      store,
      cacheDir: path.join(blocker, 'sub'),
      logger: { ...silent, warn: (m) => warnings.push(m) },
    });
    expect(r).toMatchObject({ kind: 'incremental', hashedFiles: FILES + 1 });
    expect(warnings.join('\n')).toMatch(/could not save the hash cache/);
  });

  it('after a restore, an incremental of the restored tree reads only the file that changed', async () => {
    const { root, src, store } = await setup();
    await backup({ source: src, store, cacheDir, logger: silent });
    const out = path.join(root, 'restored');
    await restore({ target: out, store, cacheDir, series: 'idx', logger: silent });
    const changed = seededBytes(7, 12_345);
    await fs.writeFile(path.join(out, 'data/b.bin'), changed);
    const inc = await backup({ source: out, store, cacheDir, series: 'idx', logger: silent });
    expect(inc).toMatchObject({ kind: 'incremental', hashedFiles: 1, cachedHashes: FILES - 1 });
    expect(shaOf(inc.manifest!, 'data/b.bin')).toBe(sha(changed));
    const again = path.join(root, 'again');
    await restore({ target: again, store, cacheDir, series: 'idx', logger: silent, hashCache: false });
    expect(await describeTree(again)).toEqual(await describeTree(out));
    await expect(fs.access(cacheFileFor(again, cacheDir))).rejects.toThrow();
  });

  it("a restore records every file it wrote or took from a seed, in the tree order, each with its content's hash", async () => {
    const { root, src, store } = await setup();
    const first = await backup({ source: src, store, cacheDir, logger: silent });
    // A seed holding the first snapshot's files: the second restore copies the unchanged ones from it.
    const seed = path.join(root, 'seed');
    await restore({ target: seed, store, cacheDir, series: 'idx', logger: silent, snapshot: first.id });
    await fs.writeFile(path.join(src, 'data/b.bin'), seededBytes(9, 150_000));
    await fs.writeFile(path.join(src, 'new.txt'), 'new\n');
    const second = await backup({ source: src, store, cacheDir, logger: silent });
    const out = path.join(root, 'out');
    const r = await restore({ target: out, store, cacheDir, series: 'idx', logger: silent, seeds: [seed] });
    expect(r.reusedFiles).toBeGreaterThan(0);
    const files = second.manifest!.entries.filter((e): e is FileEntry => e.type === 'file');
    expect(r.reusedFiles).toBeLessThan(files.length);
    const saved = decodeCacheFile(await fs.readFile(cacheFileFor(out, cacheDir)), path.resolve(out));
    const paths = [...saved.paths];
    expect(paths).toEqual(files.map((f) => f.path));
    paths.forEach((p, i) => expect(saved.sha256.toString('hex', 32 * i, 32 * i + 32), p).toBe(shaOf(second.manifest!, p)));
    // Recorded clean and exact: the restored tree backs up without reading a file.
    const again = await backup({ source: out, store, cacheDir, series: 'idx', logger: silent });
    expect(again).toMatchObject({ kind: 'unchanged', hashedFiles: 0 });
  });

  it('an incremental records each file it read, with the hash it stored, on the main thread and on the hashing threads', async () => {
    // 5 files are hashed on this thread (each stat'ed again to be recorded); 2,100 on the hashing threads (their stat proves the read).
    for (const count of [5, 2100]) {
      const root = await tempDir();
      const src = path.join(root, 'idx');
      const names = Array.from({ length: count }, (_, i) => `d${i % 7}/f${String(i).padStart(5, '0')}.txt`);
      await writeTree(src, Object.fromEntries(names.map((n) => [n, `first ${n}\n`])));
      await settle();
      const store = new LocalStore(path.join(root, 'store'));
      await backup({ source: src, store, cacheDir, logger: silent });
      // Every file rewritten: the incremental hashes them all, finds none in the chain, and stores them all.
      for (const n of names) await fs.writeFile(path.join(src, n), `second ${n}\n`);
      await settle();
      const inc = await backup({ source: src, store, cacheDir, logger: silent });
      expect(inc).toMatchObject({ kind: 'incremental', hashedFiles: count, cachedHashes: 0 });
      const cached = await readCache(src);
      expect(Object.keys(cached).sort()).toEqual([...names].sort());
      for (const n of names) expect(cached[n]![4], n).toBe(sha(`second ${n}\n`));
      const again = await backup({ source: src, store, cacheDir, logger: silent });
      expect(again).toMatchObject({ kind: 'unchanged', id: inc.id, hashedFiles: 0, cachedHashes: count });
    }
  });

  it('hashCache: false neither reads nor writes the cache', async () => {
    const { src, store } = await setup();
    await settle();
    await backup({ source: src, store, cacheDir, logger: silent, hashCache: false });
    expect(await fs.readdir(cacheDir)).toEqual([]);
    await fs.writeFile(path.join(src, 'a.txt'), 'changed');
    await settle();
    await backup({ source: src, store, cacheDir, logger: silent, mode: 'full' }); // fills the cache
    const file = cacheFileFor(src, cacheDir);
    const written = await fs.stat(file, { bigint: true });
    const inc = await backup({ source: src, store, cacheDir, logger: silent, hashCache: false });
    expect(inc).toMatchObject({ kind: 'unchanged', hashedFiles: FILES, cachedHashes: 0 });
    expect((await fs.stat(file, { bigint: true })).mtimeNs).toBe(written.mtimeNs);
  });

  it('sees a file replaced by another of the same size and mtime (a new inode)', async () => {
    const { root, src, store } = await setup();
    await settle();
    await backup({ source: src, store, cacheDir, logger: silent });
    const file = path.join(src, 'data/a.bin');
    const before = await fs.stat(file, { bigint: true });
    const tmp = path.join(src, 'data/a.bin.tmp');
    const next = seededBytes(123, 100_000);
    await fs.writeFile(tmp, next);
    await fs.utimes(tmp, T, T);
    await fs.rename(tmp, file);
    const after = await fs.stat(file, { bigint: true });
    expect([after.size, after.mtimeNs]).toEqual([before.size, before.mtimeNs]);
    expect(after.ino).not.toBe(before.ino);
    const inc = await backup({ source: src, store, cacheDir, logger: silent });
    expect(inc).toMatchObject({ kind: 'incremental', hashedFiles: 1, cachedHashes: FILES - 1 });
    expect(shaOf(inc.manifest!, 'data/a.bin')).toBe(sha(next));
    const out = path.join(root, 'out');
    await restore({ target: out, store, cacheDir, series: 'idx', logger: silent });
    expect(await describeTree(out)).toEqual(await describeTree(src));
  });

  it('the CLI takes --no-hash-cache and reports hashedFiles and cachedHashes in --json', async () => {
    const { root, src } = await setup();
    await settle();
    const storeDir = path.join(root, 'store');
    const run = async (...args: string[]) => {
      let stdout = '';
      const code = await runCli(args, {
        stdout: { write: (s: string) => (stdout += s) },
        stderr: { write: () => true },
        env: { INDEX_VAULT_CACHE_DIR: cacheDir },
      });
      return { code, json: JSON.parse(stdout) };
    };
    expect((await run('backup', src, '--store', storeDir, '--json', '--quiet')).json).toMatchObject({
      kind: 'full',
      hashedFiles: 0,
      cachedHashes: 0,
    });
    expect((await run('backup', src, '--store', storeDir, '--json', '--quiet')).json).toMatchObject({
      kind: 'unchanged',
      hashedFiles: 0,
      cachedHashes: FILES,
    });
    expect((await run('backup', src, '--store', storeDir, '--json', '--quiet', '--no-hash-cache')).json).toMatchObject({
      kind: 'unchanged',
      hashedFiles: FILES,
      cachedHashes: 0,
    });
    const out = path.join(root, 'out');
    expect(await run('restore', out, '--store', storeDir, '--name', 'idx', '--json', '--quiet', '--no-hash-cache')).toMatchObject({
      code: 0,
    });
    await expect(fs.access(cacheFileFor(out, cacheDir))).rejects.toThrow();
  });
});
