import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup, type BackupOptions, type BackupResult } from '../src/engine/backup/backup.js';
import { restore } from '../src/engine/restore/restore.js';
import { listSnapshotIds, loadManifest, manifestKey, packKey } from '../src/engine/series.js';
import { signatureKey } from '../src/engine/signatures.js';
import { contentsFileFor, readTrailer } from '../src/engine/contents-index.js';
import { manifestTreeDigest } from '../src/engine/tree-digest.js';
import { cacheFileFor, RACY_NS } from '../src/fs-safety/hash-cache.js';
import { lastSnapshotFile } from '../src/fs-safety/last-snapshot.js';
import { sealManifest, serializeManifest, type Manifest } from '../src/snapshot/manifest.js';
import { parseSigningKeys, type SigningOptions } from '../src/snapshot/signature.js';
import { LocalStore } from '../src/storage/local-store.js';
import { seededBytes, silent, tempDir, writeTree, type TreeSpec } from './support/fixtures.js';

/** The debug line of a backup that took the parent from the record instead of reading its manifest. */
const FAST = /its manifest is not read/;
/** The debug line of a backup of a changed tree whose names are those recorded: the tree rules are not checked again. */
const SAME_NAMES = /the tree rules are not checked again/;
const SECRET = 'k1:5b0d2c9e8f7a6b5c4d3e2f1a0b9c8d7e-record-test';
const signed = (allowUnsigned = false): SigningOptions => ({ keys: parseSigningKeys([SECRET], 'test'), allowUnsigned });
/** Lets the racy window pass, so that the hashes of what was just written are kept by the cache. */
const settle = () => new Promise((r) => setTimeout(r, Number(RACY_NS / 1_000_000n) + 50));
const ID = /\d{8}T\d{9}Z-[0-9a-f]{8}/g;
let taken = 0;

const TREE: TreeSpec = {
  'a.txt': 'alpha',
  'data/b.bin': seededBytes(1, 50_000),
  'data/c.bin': seededBytes(2, 30_000),
  'data/same.bin': seededBytes(1, 50_000),
  'tool.sh': { exec: '#!/bin/sh\necho hi\n' },
  'link-to-a': { link: 'a.txt' },
  'empty/': { dir: true },
};

interface Env {
  root: string;
  src: string;
  store: LocalStore;
  storeDir: string;
  cacheDir: string;
  record: string;
}

async function setup(spec: TreeSpec = TREE, first: Partial<BackupOptions> = {}): Promise<Env & { full: BackupResult }> {
  const root = await tempDir();
  const src = path.join(root, 'idx');
  await writeTree(src, spec);
  const storeDir = path.join(root, 'store');
  const store = new LocalStore(storeDir);
  const cacheDir = path.join(root, 'cache');
  await settle();
  const full = await backup({ source: src, store, cacheDir, logger: silent, ...first });
  return { root, src, store, storeDir, cacheDir, record: lastSnapshotFile(cacheFileFor(src, cacheDir)), full };
}

interface Outcome {
  result?: Record<string, unknown>;
  error?: { code: unknown; message: string };
  said: string[];
  fast: boolean;
  /** The names were those recorded: the tree rules were not checked. */
  sameNames: boolean;
}

/** One backup, its result or refusal, what it said above debug level and whether it took the parent from the record. */
async function run(env: Env, options: Partial<BackupOptions> = {}): Promise<Outcome & { raw?: BackupResult }> {
  const outcome = await attempt(env, options);
  return outcome;
}

async function attempt(env: Env, options: Partial<BackupOptions>): Promise<Outcome & { raw?: BackupResult }> {
  const said: string[] = [];
  const debug: string[] = [];
  const logger = {
    debug: (m: string) => void debug.push(m),
    info: (m: string) => void said.push(`info ${m}`),
    warn: (m: string) => void said.push(`warn ${m}`),
  };
  const fast = () => debug.some((m) => FAST.test(m));
  const sameNames = () => debug.some((m) => SAME_NAMES.test(m));
  try {
    const raw = await backup({ source: env.src, store: env.store, cacheDir: env.cacheDir, logger, ...options });
    const { durationMs: _d, manifest, ...rest } = raw;
    return {
      raw,
      result: { ...rest, totals: manifest?.totals, entries: manifest?.entries.length },
      said,
      fast: fast(),
      sameNames: sameNames(),
    };
  } catch (err) {
    const e = err as { code?: unknown; message: string };
    return { error: { code: e.code, message: e.message }, said, fast: fast(), sameNames: sameNames() };
  }
}

async function filesUnder(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const e of await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])) {
    if (e.isFile()) out.set(path.join(e.parentPath, e.name), await fs.readFile(path.join(e.parentPath, e.name)));
  }
  return out;
}

/**
 * Runs the same backup twice from the same state: with the record of the last snapshot as it is,
 * then (everything the first run wrote undone) with no record, which is the path that reads the
 * manifest. Both must answer alike: the same result, the same refusal, the same messages (new
 * snapshot ids aside, which are random).
 */
async function withAndWithout(
  env: Env,
  options: Partial<BackupOptions> = {},
): Promise<{ withRecord: Outcome & { raw?: BackupResult }; without: Outcome }> {
  const storeBefore = new Set((await filesUnder(env.storeDir)).keys());
  const cacheBefore = await filesUnder(env.cacheDir);
  const known = new Set((await listSnapshotIds(env.store, 'idx')).concat(await listSnapshotIds(env.store, 'other')));
  // A new snapshot gets the same id and time in both runs (its packs are then the same bytes), later than any before.
  const createdAt = new Date(Date.UTC(2099, 0, 1) + ++taken * 60_000);
  const snapshotId = `${createdAt.toISOString().replace(/[-:.]/g, '')}-0000abcd`;
  const same = { snapshotId, createdAt, ...options };
  const withRecord = await run(env, same);
  for (const f of (await filesUnder(env.storeDir)).keys()) if (!storeBefore.has(f)) await fs.rm(f);
  for (const f of (await filesUnder(env.cacheDir)).keys()) if (!cacheBefore.has(f)) await fs.rm(f);
  for (const [f, bytes] of cacheBefore) await fs.writeFile(f, bytes);
  await fs.rm(env.record, { force: true });
  const without = await run(env, same);
  // Without the record, the parent's places are checked by reading its packs, whatever the record of checked packs says:
  // the same packs are checked either way, counted as read now or as found in that record.
  const packs = (r: Record<string, unknown> | undefined) => {
    const v = r?.verifiedPacks as { written: number; reused: number; reusedFromRecord: number } | undefined;
    return v && { ...r, verifiedPacks: { written: v.written, chain: v.reused + v.reusedFromRecord } };
  };
  const norm = ({ raw: _raw, ...o }: Outcome & { raw?: unknown }): Outcome =>
    JSON.parse(
      JSON.stringify({ ...o, result: packs(o.result) ?? o.result, fast: false, sameNames: false }).replace(ID, (id) =>
        known.has(id) ? id : 'NEW',
      ),
    ) as Outcome;
  expect(norm(withRecord)).toEqual(norm(without));
  expect(without.fast).toBe(false);
  expect(without.sameNames).toBe(false);
  return { withRecord, without };
}

async function editRecord(env: Env, edit: (r: Record<string, unknown>) => void): Promise<void> {
  const r = JSON.parse(await fs.readFile(env.record, 'utf8')) as Record<string, unknown>;
  edit(r);
  await fs.writeFile(env.record, JSON.stringify(r));
}

describe('an unchanged tree is recognised by the record of its last snapshot', () => {
  it('answers unchanged without reading the manifest, exactly as the answer that reads it', async () => {
    const env = await setup();
    expect((await fs.stat(env.record)).mode & 0o777).toBe(0o600);
    const { withRecord } = await withAndWithout(env);
    expect(withRecord.fast).toBe(true);
    expect(withRecord.result).toMatchObject({ kind: 'unchanged', id: env.full.id, hashedFiles: 0, cachedHashes: 5, verified: true });
    expect(withRecord.raw!.manifest).toBeUndefined();
    // The answer that read the manifest wrote the record again: the next one takes it.
    expect((await run(env)).fast).toBe(true);
    // A manifest that is not read is not needed: reading it is there for whoever wants it.
    expect((await loadManifest(env.store, 'idx', env.full.id)).id).toBe(env.full.id);
  });

  it('is written after an incremental and after an answer of unchanged, and is used with mode incremental', async () => {
    const env = await setup();
    await fs.writeFile(path.join(env.src, 'a.txt'), 'alpha 2');
    await settle();
    const inc = await run(env);
    expect(inc.result).toMatchObject({ kind: 'incremental', parent: env.full.id });
    const again = await withAndWithout(env, { mode: 'incremental' });
    expect(again.withRecord.fast).toBe(true);
    expect(again.withRecord.result).toMatchObject({ kind: 'unchanged', id: inc.raw!.id, parent: env.full.id });
  });

  it("records the new manifest's very tree after an incremental: contents changed, and a written file's mode changed after the scan", async () => {
    const env = await setup();
    /** The tree digests the record and the index of contents name, and the one of the snapshot's entries. */
    const digests = async (id: string) => {
      const contents = contentsFileFor(cacheFileFor(env.src, env.cacheDir));
      const fh = await fs.open(contents, 'r');
      const trailer = await readTrailer(fh, (await fh.stat()).size).finally(() => fh.close());
      const record = JSON.parse(await fs.readFile(env.record, 'utf8')) as { tree: string };
      return { record: record.tree, index: trailer.tree, entries: manifestTreeDigest((await loadManifest(env.store, 'idx', id)).entries) };
    };
    // Contents changed in place and a file added: the new files are written with the scanned hashes and modes.
    await fs.writeFile(path.join(env.src, 'data/c.bin'), seededBytes(9, 30_000));
    await fs.writeFile(path.join(env.src, 'new.txt'), 'new');
    await settle();
    const inc = await run(env);
    expect(inc.result).toMatchObject({ kind: 'incremental' });
    const first = await digests(inc.raw!.id);
    expect(first).toEqual({ record: first.entries, index: first.entries, entries: first.entries });
    // The file is rewritten and, once it is hashed (after the scan), made executable: the pack
    // writer sees, and the manifest records, a mode the scan did not.
    await fs.writeFile(path.join(env.src, 'a.txt'), 'alpha 3');
    await settle();
    let changed = false;
    const chmodded = await run(env, {
      onProgress: (p) => {
        if (p.phase !== 'scan' || changed) return;
        changed = true;
        fsSync.chmodSync(path.join(env.src, 'a.txt'), 0o755);
      },
    });
    expect(changed).toBe(true);
    expect(chmodded.result).toMatchObject({ kind: 'incremental' });
    const m = await loadManifest(env.store, 'idx', chmodded.raw!.id);
    expect(m.entries.find((e) => e.path === 'a.txt')).toMatchObject({ exec: true });
    const second = await digests(chmodded.raw!.id);
    expect(second).toEqual({ record: second.entries, index: second.entries, entries: second.entries });
    // And the tree as it now is (the mode the manifest holds) is that snapshot's: a.txt, changed
    // since it was read, is hashed again, and the tree's digest is the index's.
    const again = await run(env);
    expect(again.result).toMatchObject({ kind: 'unchanged', id: chmodded.raw!.id, hashedFiles: 1 });
  });

  it('is not used, and the backup reads the manifest, when the newest manifest was forged with its digest recomputed (same size)', async () => {
    const env = await setup();
    const m = await loadManifest(env.store, 'idx', env.full.id);
    // The forger gives c.bin the content of b.bin: same length of text, every digest recomputed.
    const b = m.entries.find((e) => e.path === 'data/b.bin')!;
    const entries = m.entries.map((e) =>
      e.path === 'data/c.bin' && e.type === 'file' && b.type === 'file' ? { ...e, sha256: b.sha256 } : e,
    );
    const { digest: _d, ...body } = m;
    const forged = serializeManifest(sealManifest({ ...body, entries }) as Manifest);
    const file = path.join(env.storeDir, ...manifestKey('idx', m.id).split('/'));
    expect(forged.length).toBe((await fs.stat(file)).size);
    await fs.writeFile(file, forged);
    const { withRecord } = await withAndWithout(env);
    expect(withRecord.fast).toBe(false);
    // Nobody here checked the forged manifest's places: its packs are read against it, and c.bin's member is not b.bin's content.
    expect(withRecord.result).toMatchObject({ kind: 'full', parent: null });
    expect(withRecord.said.join('\n')).toMatch(/does not match the packs it needs: .*data\/c\.bin.*taking a full snapshot instead/);
  });

  it('is not used when another writer added a newer snapshot to the series', async () => {
    const env = await setup();
    const elsewhere = path.join(env.root, 'elsewhere', 'idx');
    await fs.cp(env.src, elsewhere, { recursive: true, verbatimSymlinks: true });
    await fs.writeFile(path.join(elsewhere, 'a.txt'), 'their change');
    const theirs = await backup({
      source: elsewhere,
      store: env.store,
      series: 'idx',
      cacheDir: path.join(env.root, 'their-cache'),
      logger: silent,
    });
    expect(theirs.kind).toBe('incremental');
    const { withRecord } = await withAndWithout(env);
    expect(withRecord.fast).toBe(false);
    expect(withRecord.result).toMatchObject({ kind: 'incremental', parent: theirs.id });
  });

  it('is not used past a pack of the snapshot that was deleted, or one that was damaged', async () => {
    const env = await setup();
    const pack = path.join(env.storeDir, ...packKey('idx', env.full.manifest!.packs[0]!.name).split('/'));
    await fs.rm(pack);
    const gone = await withAndWithout(env);
    expect(gone.withRecord.fast).toBe(false);
    expect(gone.withRecord.result).toMatchObject({ kind: 'full', parent: null });
    expect(gone.withRecord.said.join('\n')).toMatch(/cannot build on the latest snapshot .*E_NOT_FOUND/);

    // Again on a fresh series (the full snapshot just taken needs none of the old packs).
    const env2 = await setup();
    const pack2 = path.join(env2.storeDir, ...packKey('idx', env2.full.manifest!.packs[0]!.name).split('/'));
    const bytes2 = await fs.readFile(pack2);
    bytes2[Math.floor(bytes2.length / 2)]! ^= 0x01;
    await fs.writeFile(pack2, bytes2);
    // With mode incremental the damage is a refusal, with or without the record.
    const record = await fs.readFile(env2.record);
    const refused = await withAndWithout(env2, { mode: 'incremental' });
    expect(refused.withRecord.error?.code).toBe('E_INTEGRITY');
    await fs.writeFile(env2.record, record); // the run without it, refused, wrote none
    const damaged = await withAndWithout(env2);
    // The record spared reading the manifest, not checking the packs: the damage is found all the same.
    expect(damaged.withRecord.fast).toBe(true);
    expect(damaged.withRecord.result).toMatchObject({ kind: 'full', parent: null });
    expect(damaged.withRecord.said.join('\n')).toMatch(/is damaged.*taking a full snapshot instead/);
  });

  it('is not used when edited: another tree, store, series, id or manifest digest, garbage, truncated, another version', async () => {
    const env = await setup();
    const text = await fs.readFile(env.record, 'utf8');
    const edits: Array<(r: Record<string, unknown>) => void> = [
      (r) => void (r.tree = 'f'.repeat(64)),
      (r) => void (r.store = `${String(r.store)}-other`),
      (r) => void (r.series = 'other'),
      (r) => void (r.options = '0'.repeat(64)),
      (r) => void (r.source = path.join(env.root, 'other')),
      (r) => void ((r.snapshot as { id: string }).id = '20200101T000000000Z-00000000'),
      (r) => void ((r.manifest as { sha256: string }).sha256 = '0'.repeat(64)),
      (r) => void ((r.manifest as { size: number }).size += 1),
      (r) => void (r.version = 2),
      (r) => void (r.snapshot = { ...(r.snapshot as object), packs: 'none' }),
      (r) => void (r.names = 'not a digest'),
    ];
    for (const edit of edits) {
      await fs.writeFile(env.record, text);
      await editRecord(env, edit);
      const { withRecord } = await withAndWithout(env);
      expect(withRecord.fast).toBe(false);
      expect(withRecord.result).toMatchObject({ kind: 'unchanged', id: env.full.id });
    }
    for (const damaged of ['garbage', text.slice(0, text.length >> 1), '', '[]', 'null']) {
      await fs.writeFile(env.record, damaged);
      const { withRecord } = await withAndWithout(env);
      expect(withRecord.fast).toBe(false);
      expect(withRecord.result).toMatchObject({ kind: 'unchanged', id: env.full.id });
    }
    // The answer that read the manifest wrote a good record again.
    expect((await run(env)).fast).toBe(true);
  });

  it('sees a tree changed only in a directory mode, a symlink target, or one byte of a file with the same size and mtime', async () => {
    const env = await setup();
    await fs.chmod(path.join(env.src, 'empty'), 0o700);
    const mode = await withAndWithout(env);
    expect(mode.withRecord.fast).toBe(false);
    expect(mode.withRecord.result).toMatchObject({ kind: 'incremental', storedBytes: expect.any(Number) });

    await settle();
    expect((await run(env)).fast).toBe(true);
    await fs.rm(path.join(env.src, 'link-to-a'));
    await fs.symlink('tool.sh', path.join(env.src, 'link-to-a'));
    const link = await withAndWithout(env);
    expect(link.withRecord.fast).toBe(false);
    expect(link.withRecord.result).toMatchObject({ kind: 'incremental' });

    await settle();
    expect((await run(env)).fast).toBe(true);
    const file = path.join(env.src, 'data/c.bin');
    const before = await fs.stat(file);
    const bytes = await fs.readFile(file);
    bytes[7]! ^= 0x40;
    await fs.writeFile(file, bytes);
    await fs.utimes(file, before.atime, before.mtime);
    const byte = await withAndWithout(env);
    expect(byte.withRecord.fast).toBe(false);
    expect(byte.withRecord.result).toMatchObject({ kind: 'incremental', hashedFiles: 1 });
  });

  it('checks names again as the portability mode asks: a name that now fails is refused, one that warned warns again', async () => {
    const env = await setup({ ...TREE, 'CON.txt': 'a reserved name on Windows' }, { portability: 'warn' });
    const warned = await withAndWithout(env, { portability: 'warn' });
    expect(warned.withRecord.fast).toBe(true);
    expect(warned.withRecord.said.join('\n')).toMatch(/warn names that will not restore on every OS:[\s\S]*CON\.txt/);
    const refused = await withAndWithout(env, { portability: 'error' });
    expect(refused.withRecord.error?.code).toBe('E_PORTABILITY');
    const off = await withAndWithout(env, { portability: 'off' });
    expect(off.withRecord.result).toMatchObject({ kind: 'unchanged' });
  });

  it('checks the tree rules again only when a name, a type or a link target changed, not for contents changed in place', async () => {
    const env = await setup({ ...TREE, 'CON.txt': 'a reserved name on Windows' }, { portability: 'warn' });
    const change = async (rel: string, to: string) => {
      await settle();
      await fs.writeFile(path.join(env.src, rel), to);
    };
    // Contents changed, names the same: the names are checked again as the mode asks (the warning again), the tree rules not.
    await change('a.txt', 'alpha, changed');
    const inPlace = await withAndWithout(env, { portability: 'warn' });
    expect(inPlace.withRecord.sameNames).toBe(true);
    expect(inPlace.withRecord.result).toMatchObject({ kind: 'incremental', hashedFiles: 1 });
    expect(inPlace.withRecord.said.join('\n')).toMatch(/warn names that will not restore on every OS:[\s\S]*CON\.txt/);
    await change('data/b.bin', 'b, changed');
    expect((await withAndWithout(env, { portability: 'error' })).withRecord.error?.code).toBe('E_PORTABILITY');
    // A full snapshot of the same names skips the tree rules too, and warns again.
    await run(env, { portability: 'warn' });
    await change('data/b.bin', 'b, changed again');
    const full = await withAndWithout(env, { portability: 'warn', mode: 'full' });
    expect(full.withRecord.sameNames).toBe(true);
    expect(full.withRecord.result).toMatchObject({ kind: 'full' });
    expect(full.withRecord.said.join('\n')).toMatch(/warn names that will not restore on every OS:[\s\S]*CON\.txt/);
    // Each of these changes the names: every check runs, and answers as without the record.
    const renamed: Array<() => Promise<void>> = [
      () => fs.rename(path.join(env.src, 'data/c.bin'), path.join(env.src, 'data/d.bin')),
      () => fs.writeFile(path.join(env.src, 'new.txt'), 'new'),
      () => fs.rm(path.join(env.src, 'tool.sh')),
      async () => {
        await fs.rm(path.join(env.src, 'link-to-a'));
        await fs.symlink('data', path.join(env.src, 'link-to-a'));
      },
      async () => {
        await fs.rm(path.join(env.src, 'empty'), { recursive: true });
        await fs.writeFile(path.join(env.src, 'empty'), 'a file where a directory was');
      },
    ];
    for (const [i, edit] of renamed.entries()) {
      await settle();
      expect((await run(env, { portability: 'warn' })).error).toBeUndefined();
      await edit();
      await change('a.txt', `alpha ${Math.random()}`);
      // Incremental and full snapshots by turns.
      const other = await withAndWithout(env, { portability: 'warn', ...(i % 2 === 1 ? { mode: 'full' as const } : {}) });
      expect(other.withRecord.sameNames).toBe(false);
      expect(other.withRecord.result).toMatchObject({ kind: i % 2 === 1 ? 'full' : 'incremental' });
    }
    // A name a tree rule refuses is refused, though every other name is the same.
    await settle();
    await run(env, { portability: 'warn' });
    await fs.symlink('../../outside', path.join(env.src, 'escape'));
    const refused = await withAndWithout(env, { portability: 'warn' });
    expect(refused.withRecord.sameNames).toBe(false);
    expect(refused.withRecord.error?.code).toBeDefined();
  });

  it('still starts a full snapshot at --max-chain', async () => {
    const env = await setup(TREE, { maxChain: 2 });
    await fs.writeFile(path.join(env.src, 'a.txt'), 'alpha 2');
    await settle();
    expect((await run(env, { maxChain: 2 })).result).toMatchObject({ kind: 'incremental' });
    expect((await run(env, { maxChain: 3 })).fast).toBe(true);
    const { withRecord } = await withAndWithout(env, { maxChain: 2 });
    expect(withRecord.result).toMatchObject({ kind: 'full', parent: null });
    expect(withRecord.said.join('\n')).toMatch(/--max-chain 2/);
  });

  it('checks the signature of a signed series: a missing one is what it is without the record', async () => {
    const env = await setup(TREE, { signing: signed() });
    const ok = await withAndWithout(env, { signing: signed() });
    expect(ok.withRecord.fast).toBe(true);
    expect(ok.withRecord.result).toMatchObject({ kind: 'unchanged' });
    await fs.rm(path.join(env.storeDir, ...signatureKey('idx', env.full.id).split('/')));
    const allowed = await withAndWithout(env, { signing: signed(true) });
    expect(allowed.withRecord.fast).toBe(true);
    expect(allowed.withRecord.said.join('\n')).toMatch(/accepted because unsigned snapshots are allowed/);
    expect((await withAndWithout(env, { signing: signed(), mode: 'incremental' })).withRecord.error?.code).toBe('E_SIGNATURE');
    const unsigned = await withAndWithout(env, { signing: signed() });
    expect(unsigned.withRecord.fast).toBe(false);
    expect(unsigned.withRecord.result).toMatchObject({ kind: 'full' });
    expect(unsigned.withRecord.said.join('\n')).toMatch(/E_SIGNATURE/);
  });

  it('a failed backup leaves the record as it was, and a tree restored from the snapshot is recognised', async () => {
    const env = await setup();
    const record = await fs.readFile(env.record);
    await fs.writeFile(path.join(env.src, 'a.txt'), 'alpha 2');
    const pack = path.join(env.storeDir, ...packKey('idx', env.full.manifest!.packs[0]!.name).split('/'));
    await fs.rm(pack);
    await expect(
      backup({ source: env.src, store: env.store, cacheDir: env.cacheDir, mode: 'incremental', logger: silent }),
    ).rejects.toMatchObject({
      code: 'E_NOT_FOUND',
    });
    expect(await fs.readFile(env.record)).toEqual(record);

    const env2 = await setup();
    await fs.rm(env2.src, { recursive: true });
    await restore({ target: env2.src, store: env2.store, series: 'idx', cacheDir: env2.cacheDir, logger: silent });
    const again = await run(env2);
    expect(again.fast).toBe(true);
    expect(again.result).toMatchObject({ kind: 'unchanged', id: env2.full.id });
  });

  it('hashCache: false neither reads nor writes the record', async () => {
    const env = await setup();
    await fs.rm(env.record);
    await run(env, { hashCache: false });
    await expect(fs.stat(env.record)).rejects.toMatchObject({ code: 'ENOENT' });
    await run(env);
    const text = await fs.readFile(env.record, 'utf8');
    await editRecord(env, (r) => void (r.tree = 'f'.repeat(64)));
    const off = await run(env, { hashCache: false });
    expect(off.fast).toBe(false);
    expect(JSON.parse(await fs.readFile(env.record, 'utf8'))).toMatchObject({ tree: 'f'.repeat(64) });
    expect(text).not.toContain('f'.repeat(64));
  });
});
