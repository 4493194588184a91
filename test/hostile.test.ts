import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isIndexVaultError } from '../src/core/errors.js';
import { restore } from '../src/core/restore.js';
import { LocalStore } from '../src/storage/local-store.js';
import { craftSnapshot, record, sha, type CraftEntry } from './support/craft.js';
import { describeTree, silent, tempDir, writeTree } from './support/fixtures.js';
import { WrappedStore } from './support/wrapped-store.js';

interface Case {
  name: string;
  entries: CraftEntry[];
  records: Buffer[];
  rawSize?: number;
  compressed?: Buffer;
  foreignOrigin?: boolean;
}

const file = (p: string, content: string | Buffer) => record({ path: p, type: 'File', body: Buffer.from(content) });
const ok: CraftEntry = { path: 'a.txt', type: 'file', content: 'fine' };
const evil = 'owned';

/** Manifests that list bad paths (refused before anything is fetched). */
const badManifestPaths = [
  '../evil.txt',
  'a/../../evil.txt',
  '/tmp/evil.txt',
  '//x/evil.txt',
  'C:\\evil.txt',
  'C:../evil.txt',
  'c:evil.txt',
  '\\\\server\\share\\evil.txt',
  '\\\\?\\C:\\evil.txt',
  'dir\\..\\..\\evil.txt',
  './evil.txt',
  'a//evil.txt',
  'cafe\u0301.txt', // NFD
  'nul\u0000byte',
  `${'d/'.repeat(300)}deep.txt`,
];

const cases: Case[] = [
  ...badManifestPaths.map((p) => ({ name: `manifest path ${JSON.stringify(p).slice(0, 40)}`, entries: [{ path: p, type: 'file', content: evil } as CraftEntry], records: [file(p, evil)] })),
  { name: 'manifest symlink pointing outside (relative)', entries: [{ path: 'l', type: 'symlink', target: '../../etc' }], records: [record({ path: 'l', type: 'SymbolicLink', linkpath: '../../etc' })] },
  { name: 'manifest symlink pointing outside (absolute)', entries: [{ path: 'l', type: 'symlink', target: '/etc/passwd' }], records: [record({ path: 'l', type: 'SymbolicLink', linkpath: '/etc/passwd' })] },
  {
    name: 'manifest file below a symlink (write through a link)',
    entries: [{ path: 'l', type: 'symlink', target: '.' }, { path: 'l/x.txt', type: 'file', content: evil }],
    records: [record({ path: 'l', type: 'SymbolicLink', linkpath: '.' }), file('l/x.txt', evil)],
  },
  { name: 'pack member with ../ traversal', entries: [ok], records: [file('a.txt', 'fine'), file('../evil.txt', evil)] },
  { name: 'pack member with absolute path', entries: [ok], records: [file('a.txt', 'fine'), file('/tmp/evil.txt', evil)] },
  { name: 'pack member with drive letter', entries: [ok], records: [file('a.txt', 'fine'), file('C:evil.txt', evil)] },
  { name: 'pack member with backslashes', entries: [ok], records: [file('a.txt', 'fine'), file('..\\evil.txt', evil)] },
  { name: 'pack member not listed in the manifest', entries: [ok], records: [file('a.txt', 'fine'), file('extra.txt', evil)] },
  { name: 'duplicate pack member', entries: [ok], records: [file('a.txt', 'fine'), file('a.txt', 'fine')] },
  { name: 'member larger than the manifest says', entries: [{ path: 'a.txt', type: 'file', content: 'fine', size: 4 }], records: [file('a.txt', 'fine and then a lot more')] },
  { name: 'member smaller than the manifest says', entries: [{ path: 'a.txt', type: 'file', content: 'fine', size: 4 }], records: [file('a.txt', 'fi')] },
  { name: 'member content differs from its sha256', entries: [ok], records: [file('a.txt', 'FINE')] },
  { name: 'manifest file missing from the pack', entries: [ok, { path: 'b.txt', type: 'file', content: 'b' }], records: [file('a.txt', 'fine')] },
  {
    name: 'symlink member followed by a file written through it',
    entries: [{ path: 'd', type: 'dir' }, { path: 'd/x.txt', type: 'file', content: evil }],
    records: [record({ path: 'd', type: 'SymbolicLink', linkpath: '/tmp' }), file('d/x.txt', evil)],
  },
  { name: 'symlink member whose target differs from the manifest', entries: [{ path: 'l', type: 'symlink', target: 'a.txt' }, ok], records: [record({ path: 'l', type: 'SymbolicLink', linkpath: '../../../etc/passwd' }), file('a.txt', 'fine')] },
  { name: 'hard link member to outside', entries: [ok], records: [file('a.txt', 'fine'), record({ path: 'h', type: 'Link', linkpath: '/etc/passwd' })] },
  { name: 'hard link member replacing a listed file', entries: [ok], records: [record({ path: 'a.txt', type: 'Link', linkpath: '/etc/passwd' })] },
  { name: 'character device member', entries: [ok], records: [file('a.txt', 'fine'), record({ path: 'dev', type: 'CharacterDevice', devmaj: 1, devmin: 3 })] },
  { name: 'FIFO member', entries: [ok], records: [file('a.txt', 'fine'), record({ path: 'fifo', type: 'FIFO' })] },
  { name: 'directory replaced by a file', entries: [{ path: 'd', type: 'dir' }, ok], records: [file('d', evil), file('a.txt', 'fine')] },
  { name: 'pax header with an overlong path', entries: [ok], records: [record({ path: 'short', type: 'File', body: Buffer.from(evil), paxPath: `${'a/'.repeat(3000)}x` }), file('a.txt', 'fine')] },
  { name: 'pax header with traversal', entries: [ok], records: [record({ path: 'a.txt', type: 'File', body: Buffer.from('fine'), paxPath: '../../evil.txt' })] },
  { name: 'unknown metadata member', entries: [ok], records: [file('.index-vault/evil.json', evil), file('a.txt', 'fine')] },
  { name: 'unlisted traversal in a pack of an older snapshot', entries: [ok], records: [file('../evil.txt', evil), file('a.txt', 'fine')], foreignOrigin: true },
  {
    name: 'decompression bomb (decodes to far more than the manifest declares)',
    entries: [{ path: 'a.txt', type: 'file', content: Buffer.alloc(1000) }],
    records: [],
    compressed: zlib.zstdCompressSync(Buffer.concat([record({ path: 'a.txt', type: 'File', body: Buffer.alloc(50 * 1024 * 1024) }), Buffer.alloc(1024)])),
    rawSize: 4096,
  },
  {
    name: 'single frame decoding to more than 64 MiB',
    entries: [{ path: 'a.txt', type: 'file', content: Buffer.alloc(100 * 1024 * 1024) }],
    records: [],
    compressed: zlib.zstdCompressSync(Buffer.concat([record({ path: 'a.txt', type: 'File', body: Buffer.alloc(100 * 1024 * 1024) }), Buffer.alloc(1024)])),
    rawSize: 100 * 1024 * 1024 + 2048,
  },
  { name: 'nested gzip stream inside the pack', entries: [ok], records: [], compressed: zlib.zstdCompressSync(zlib.gzipSync(Buffer.concat([file('a.txt', 'fine'), Buffer.alloc(1024)]))) },
];

async function refuses(c: Case, wrap = false) {
    const root = await tempDir();
    const store = new LocalStore(path.join(root, 'store'));
    const target = path.join(root, 'target');
    await writeTree(target, { 'old.txt': 'the old tree' });
    const before = await describeTree(target);
    const origin = c.foreignOrigin ? '20200101T000000000Z-00000000' : undefined;
    await craftSnapshot(store, 'target', { entries: c.entries, records: c.records, rawSize: c.rawSize, compressed: c.compressed, origin });
    const err = await restore({ target, store: wrap ? new WrappedStore(store) : store, force: true, logger: silent }).then(
      () => new Error('restore succeeded'),
      (e: unknown) => e,
    );
    if (process.env.IV_SHOW) console.log(c.name, '=>', (err as Error).message.split('\n')[0]);
    expect(isIndexVaultError(err), String((err as Error).message)).toBe(true);
    expect(['E_UNSAFE_ENTRY', 'E_INTEGRITY']).toContain((err as { code: string }).code);
    expect(await describeTree(target)).toEqual(before);
    // Nothing beside the target (no staging leftovers, no escaped files) and nothing in the temp root.
    expect((await fs.readdir(root)).sort()).toEqual(['store', 'target']);
    await expect(fs.access(path.join(os.tmpdir(), 'evil.txt'))).rejects.toThrow();
}

describe('hostile archives', () => {
  it.each(cases)('refuses: $name', (c) => refuses(c));

  it('names that collide under case folding: refused as E_UNSAFE_ENTRY on a case-insensitive filesystem, restored exactly on a case-sensitive one', async () => {
    const root = await tempDir();
    const store = new LocalStore(path.join(root, 'store'));
    const target = path.join(root, 'target');
    await writeTree(target, { 'old.txt': 'the old tree' });
    const before = await describeTree(target);
    await craftSnapshot(store, 'target', {
      entries: [{ path: 'Readme.TXT', type: 'file', content: 'upper' }, { path: 'readme.txt', type: 'file', content: 'lower' }],
      records: [file('Readme.TXT', 'upper'), file('readme.txt', 'lower')],
    });
    // Probe the filesystem the restore writes to (macOS and Windows runners fold case; Linux does not).
    await fs.writeFile(path.join(root, 'CaseProbe'), '');
    const insensitive = await fs.access(path.join(root, 'caseprobe')).then(() => true, () => false);
    await fs.rm(path.join(root, 'CaseProbe'));
    const result = await restore({ target, store, force: true, logger: silent }).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (insensitive) {
      expect(isIndexVaultError(result, 'E_UNSAFE_ENTRY'), String(result)).toBe(true);
      expect((result as Error).message).toMatch(/collides with another path/);
      expect(await describeTree(target)).toEqual(before);
    } else {
      expect(result).toBeUndefined();
      expect(Object.keys(await describeTree(target)).sort()).toEqual(['Readme.TXT', 'readme.txt']);
    }
    expect((await fs.readdir(root)).sort()).toEqual(['store', 'target']);
  });

  it('the crafting itself is sound: a well-formed crafted snapshot restores', async () => {
    const root = await tempDir();
    const store = new LocalStore(path.join(root, 'store'));
    const target = path.join(root, 'target');
    await craftSnapshot(store, 'target', {
      entries: [{ path: 'd', type: 'dir' }, { path: 'd/x.txt', type: 'file', content: 'x' }, { path: 'l', type: 'symlink', target: 'd/x.txt' }],
      records: [record({ path: 'd/', type: 'Directory', mode: 0o755 }), record({ path: 'l', type: 'SymbolicLink', linkpath: 'd/x.txt' }), file('d/x.txt', 'x')],
    });
    await restore({ target, store, logger: silent });
    expect(await describeTree(target)).toEqual({
      d: { type: 'dir' },
      'd/x.txt': { type: 'file', size: 1, sha256: sha('x'), exec: false },
      l: { type: 'symlink', target: 'd/x.txt' },
    });
  });
});

// Lanes read packs kept as local files themselves; from other stores (S3, Azure) the frames are
// sent to them. The same corpus must be refused on that path too.
describe('hostile archives, from a store without local files', () => {
  it.each(cases)('refuses: $name', (c) => refuses(c, true));
});
