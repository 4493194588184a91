import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { LISTING_BUDGET, MAX_META } from '../src/snapshot/pack-limits.js';
import { restore } from '../src/engine/restore/restore.js';
import { verifySeries } from '../src/engine/verify/verify.js';
import { LocalStore } from '../src/storage/local-store.js';
import { describeTree, silent, tempDir, writeTree } from './support/fixtures.js';
import { tarMembers, unpackZstd } from './support/tar-layout.js';

describe('pack listings stay under what readers accept', () => {
  it('keeps the writer’s listing budget well below the readers’ limit', () => {
    expect(LISTING_BUDGET * 2).toBeLessThanOrEqual(MAX_META);
  });

  it('starts a new pack before a listing of long paths passes the budget, and every pack restores', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    // 40 tiny files, each under a path of ~2,000 bytes: their listing is ~90 KB, in one pack by size.
    const deep = Array.from({ length: 8 }, (_, i) => `${String(i)}${'d'.repeat(240)}`).join('/');
    const spec: Record<string, string> = {};
    for (let i = 0; i < 40; i++) spec[`${deep}/f${String(i).padStart(2, '0')}.txt`] = `file ${i}`;
    await writeTree(src, spec);
    const store = new LocalStore(path.join(root, 'store'));
    const budget = 16 * 1024;
    const r = await backup({ source: src, store, series: 'idx', listingBytes: budget, portability: 'off', logger: silent });
    expect(r.verified).toBe(true);
    expect(r.packs).toBeGreaterThanOrEqual(6);
    // The listing members as written, read from the packs themselves.
    let listed = 0;
    for (const p of r.manifest!.packs) {
      const members = tarMembers(unpackZstd(await fs.readFile(path.join(store.root, 'idx', 'packs', p.name))));
      const listing = members.find((m) => m.name.endsWith('.index.json'))!;
      expect(listing.size, p.name).toBeLessThanOrEqual(budget);
      expect(members.find((m) => /pack-\d+\.json$/.test(m.name))!.size).toBeLessThanOrEqual(budget);
      listed += members.filter((m) => m.type === 'File' && !m.name.startsWith('.index-vault/')).length;
    }
    expect(listed).toBe(40);
    expect((await verifySeries(store, 'idx', undefined))[0]!.ok).toBe(true);
    const target = path.join(root, 'target');
    await restore({ target, store, series: 'idx', logger: silent });
    expect(await describeTree(target)).toEqual(await describeTree(src));
  });

  it('a budget above the readers’ limit is capped, and a budget of zero is refused', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await writeTree(src, { 'a.txt': 'a', 'b.txt': 'b' });
    const store = new LocalStore(path.join(root, 'store'));
    const r = await backup({ source: src, store, series: 'idx', listingBytes: 4 * MAX_META, logger: silent });
    expect(r.packs).toBe(1);
    await expect(backup({ source: src, store, series: 'idx', listingBytes: 0, logger: silent })).rejects.toMatchObject({
      code: 'E_VALIDATION',
    });
  });

  it('writes a listing of many files (written a slice at a time) byte for byte as one JSON.stringify of it', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    const spec: Record<string, string> = {};
    // More files than one slice (128) holds, several slices, names that need UTF-8 and escapes.
    for (let i = 0; i < 300; i++)
      spec[`d/${i % 3 === 0 ? 'é😀' : i % 3 === 1 ? 'q"' : 'a'}${String(i).padStart(3, '0')}.txt`] = `file ${i}`;
    await writeTree(src, spec);
    const store = new LocalStore(path.join(root, 'store'));
    const r = await backup({ source: src, store, series: 'idx', portability: 'off', logger: silent });
    expect(r.packs).toBe(1);
    const p = r.manifest!.packs[0]!;
    const raw = unpackZstd(await fs.readFile(path.join(store.root, 'idx', 'packs', p.name)));
    const member = tarMembers(raw).find((m) => m.name.endsWith('.index.json'))!;
    const files = r
      .manifest!.entries.filter((e) => e.type === 'file')
      .map((e) => ({ path: e.path, type: 'file', size: e.size, exec: e.exec, mode: e.mode, mtimeMs: e.mtimeMs, sha256: e.sha256 }));
    const expected = `${JSON.stringify({ format: 'index-vault.pack-index', formatVersion: 2, snapshot: r.id, pack: p.name, files })}\n`;
    expect(files).toHaveLength(300);
    expect(raw.subarray(member.dataAt, member.dataAt + member.size).equals(Buffer.from(expected))).toBe(true);
  });
});
