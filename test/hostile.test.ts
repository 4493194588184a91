import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isIndexVaultError } from '../src/shared/errors.js';
import { restore } from '../src/engine/restore/restore.js';
import { verifySeries } from '../src/engine/verify/verify.js';
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
  mutate?: (body: Record<string, unknown>) => void;
  raw?: string;
  unsorted?: boolean;
  /** Codes the refusal may carry (default E_UNSAFE_ENTRY or E_INTEGRITY). */
  codes?: string[];
  /** Remove the pack from the store after crafting. */
  dropPack?: boolean;
}

const file = (p: string, content: string | Buffer) => record({ path: p, type: 'File', body: Buffer.from(content) });
const ok: CraftEntry = { path: 'a.txt', type: 'file', content: 'fine' };
const okRecords = [file('a.txt', 'fine')];
const link = (p: string, target: string) => record({ path: p, type: 'SymbolicLink', linkpath: target });
const dirRec = (p: string) => record({ path: `${p}/`, type: 'Directory', mode: 0o755 });
const paxBody = (attrs: Record<string, string>) =>
  Buffer.from(
    Object.entries(attrs)
      .map(([k, v]) => {
        const line = ` ${k}=${v}\n`;
        let n = line.length + 1;
        while (String(n).length + line.length !== n) n = String(n).length + line.length;
        return `${n}${line}`;
      })
      .join(''),
  );
/** Edits the first entry of a crafted manifest. */
const firstEntry = (f: (e: Record<string, unknown>) => void) => (b: Record<string, unknown>) =>
  f((b.entries as Array<Record<string, unknown>>)[0]!);
const firstLoc = (f: (l: Record<string, unknown>) => void) => firstEntry((e) => f(e.loc as Record<string, unknown>));
const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
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
  ...badManifestPaths.map((p) => ({
    name: `manifest path ${JSON.stringify(p).slice(0, 40)}`,
    entries: [{ path: p, type: 'file', content: evil } as CraftEntry],
    records: [file(p, evil)],
  })),
  {
    name: 'manifest symlink pointing outside (relative)',
    entries: [{ path: 'l', type: 'symlink', target: '../../etc' }],
    records: [record({ path: 'l', type: 'SymbolicLink', linkpath: '../../etc' })],
  },
  {
    name: 'manifest symlink pointing outside (absolute)',
    entries: [{ path: 'l', type: 'symlink', target: '/etc/passwd' }],
    records: [record({ path: 'l', type: 'SymbolicLink', linkpath: '/etc/passwd' })],
  },
  {
    name: 'manifest file below a symlink (write through a link)',
    entries: [
      { path: 'l', type: 'symlink', target: '.' },
      { path: 'l/x.txt', type: 'file', content: evil },
    ],
    records: [record({ path: 'l', type: 'SymbolicLink', linkpath: '.' }), file('l/x.txt', evil)],
  },
  { name: 'pack member with ../ traversal', entries: [ok], records: [file('a.txt', 'fine'), file('../evil.txt', evil)] },
  { name: 'pack member with absolute path', entries: [ok], records: [file('a.txt', 'fine'), file('/tmp/evil.txt', evil)] },
  { name: 'pack member with drive letter', entries: [ok], records: [file('a.txt', 'fine'), file('C:evil.txt', evil)] },
  { name: 'pack member with backslashes', entries: [ok], records: [file('a.txt', 'fine'), file('..\\evil.txt', evil)] },
  { name: 'pack member not listed in the manifest', entries: [ok], records: [file('a.txt', 'fine'), file('extra.txt', evil)] },
  { name: 'duplicate pack member', entries: [ok], records: [file('a.txt', 'fine'), file('a.txt', 'fine')] },
  {
    name: 'member larger than the manifest says',
    entries: [{ path: 'a.txt', type: 'file', content: 'fine', size: 4 }],
    records: [file('a.txt', 'fine and then a lot more')],
  },
  {
    name: 'member smaller than the manifest says',
    entries: [{ path: 'a.txt', type: 'file', content: 'fine', size: 4 }],
    records: [file('a.txt', 'fi')],
  },
  { name: 'member content differs from its sha256', entries: [ok], records: [file('a.txt', 'FINE')] },
  {
    name: 'manifest file missing from the pack',
    entries: [ok, { path: 'b.txt', type: 'file', content: 'b' }],
    records: [file('a.txt', 'fine')],
  },
  {
    name: 'symlink member followed by a file written through it',
    entries: [
      { path: 'd', type: 'dir' },
      { path: 'd/x.txt', type: 'file', content: evil },
    ],
    records: [record({ path: 'd', type: 'SymbolicLink', linkpath: '/tmp' }), file('d/x.txt', evil)],
  },
  {
    name: 'symlink member whose target differs from the manifest',
    entries: [{ path: 'l', type: 'symlink', target: 'a.txt' }, ok],
    records: [record({ path: 'l', type: 'SymbolicLink', linkpath: '../../../etc/passwd' }), file('a.txt', 'fine')],
  },
  {
    name: 'hard link member to outside',
    entries: [ok],
    records: [file('a.txt', 'fine'), record({ path: 'h', type: 'Link', linkpath: '/etc/passwd' })],
  },
  {
    name: 'hard link member replacing a listed file',
    entries: [ok],
    records: [record({ path: 'a.txt', type: 'Link', linkpath: '/etc/passwd' })],
  },
  {
    name: 'character device member',
    entries: [ok],
    records: [file('a.txt', 'fine'), record({ path: 'dev', type: 'CharacterDevice', devmaj: 1, devmin: 3 })],
  },
  { name: 'FIFO member', entries: [ok], records: [file('a.txt', 'fine'), record({ path: 'fifo', type: 'FIFO' })] },
  { name: 'directory replaced by a file', entries: [{ path: 'd', type: 'dir' }, ok], records: [file('d', evil), file('a.txt', 'fine')] },
  {
    name: 'pax header with an overlong path',
    entries: [ok],
    records: [record({ path: 'short', type: 'File', body: Buffer.from(evil), paxPath: `${'a/'.repeat(3000)}x` }), file('a.txt', 'fine')],
  },
  {
    name: 'pax header with traversal',
    entries: [ok],
    records: [record({ path: 'a.txt', type: 'File', body: Buffer.from('fine'), paxPath: '../../evil.txt' })],
  },
  { name: 'unknown metadata member', entries: [ok], records: [file('.index-vault/evil.json', evil), file('a.txt', 'fine')] },
  {
    // Restore finds it missing; verify must too, not only in the snapshot's own packs.
    name: 'manifest file missing from a pack of an older snapshot',
    entries: [ok, { path: 'b.txt', type: 'file', content: 'b' }],
    records: [file('a.txt', 'fine')],
    foreignOrigin: true,
  },
  {
    name: 'unlisted traversal in a pack of an older snapshot',
    entries: [ok],
    records: [file('../evil.txt', evil), file('a.txt', 'fine')],
    foreignOrigin: true,
  },
  {
    name: 'decompression bomb (decodes to far more than the manifest declares)',
    entries: [{ path: 'a.txt', type: 'file', content: Buffer.alloc(1000) }],
    records: [],
    compressed: zlib.zstdCompressSync(
      Buffer.concat([record({ path: 'a.txt', type: 'File', body: Buffer.alloc(50 * 1024 * 1024) }), Buffer.alloc(1024)]),
    ),
    rawSize: 4096,
  },
  {
    name: 'single frame decoding to more than 64 MiB',
    entries: [{ path: 'a.txt', type: 'file', content: Buffer.alloc(100 * 1024 * 1024) }],
    records: [],
    compressed: zlib.zstdCompressSync(
      Buffer.concat([record({ path: 'a.txt', type: 'File', body: Buffer.alloc(100 * 1024 * 1024) }), Buffer.alloc(1024)]),
    ),
    rawSize: 100 * 1024 * 1024 + 2048,
  },
  // Links that escape only through other links of the tree (each passes a check of its text alone).
  {
    name: 'link chain: q/up -> .. then e -> q/up/..',
    entries: [
      { path: 'q', type: 'dir' },
      { path: 'q/up', type: 'symlink', target: '..' },
      { path: 'e', type: 'symlink', target: 'q/up/..' },
    ],
    records: [dirRec('q'), link('q/up', '..'), link('e', 'q/up/..')],
  },
  {
    name: 'link chain three deep: x/y/l1 -> .., x/l2 -> y/l1/.., l3 -> x/l2/../etc',
    entries: [
      { path: 'x', type: 'dir' },
      { path: 'x/y', type: 'dir' },
      { path: 'x/y/l1', type: 'symlink', target: '..' },
      { path: 'x/l2', type: 'symlink', target: 'y/l1/..' },
      { path: 'l3', type: 'symlink', target: 'x/l2/../etc' },
    ],
    records: [dirRec('x'), dirRec('x/y'), link('x/y/l1', '..'), link('x/l2', 'y/l1/..'), link('l3', 'x/l2/../etc')],
  },
  {
    name: 'links in a loop',
    entries: [
      { path: 'a', type: 'symlink', target: 'b' },
      { path: 'b', type: 'symlink', target: 'a' },
    ],
    records: [link('a', 'b'), link('b', 'a')],
  },
  { name: 'symlink target with a NUL byte', entries: [{ path: 'l', type: 'symlink', target: 'a\u0000b' }], records: [link('l', 'a')] },
  {
    name: 'symlink target longer than any OS allows',
    entries: [{ path: 'l', type: 'symlink', target: 'a/'.repeat(2100) + 'b' }],
    records: [link('l', 'a')],
  },
  // Member renames.
  {
    name: 'pax path renames a member onto another listed path',
    entries: [ok, { path: 'b.txt', type: 'file', content: 'b' }],
    records: [record({ path: 'a.txt', type: 'File', body: Buffer.from('fine'), paxPath: 'b.txt' }), file('b.txt', 'b')],
  },
  {
    name: 'GNU long name (L) before a member',
    entries: [ok],
    records: [record({ path: '././@LongLink', type: 'NextFileHasLongPath', body: Buffer.from('../evil.txt\0') }), file('a.txt', 'fine')],
  },
  {
    name: 'GNU long link name (K) before a symlink',
    entries: [ok, { path: 'l', type: 'symlink', target: 'a.txt' }],
    records: [
      file('a.txt', 'fine'),
      record({ path: '././@LongLink', type: 'NextFileHasLongLinkpath', body: Buffer.from('/etc/passwd\0') }),
      link('l', 'a.txt'),
    ],
  },
  {
    name: 'pax global header renaming what follows',
    entries: [ok],
    records: [
      record({ path: 'pax_global_header', type: 'GlobalExtendedHeader', body: paxBody({ path: '../evil.txt' }) }),
      file('a.txt', 'fine'),
    ],
  },
  {
    name: 'pax size attribute lying about the body',
    entries: [ok],
    records: [record({ path: 'a.txt', type: 'ExtendedHeader', body: paxBody({ size: '600' }) }), file('a.txt', 'fine'), ...okRecords],
  },
  // Member types that disagree with the manifest.
  { name: 'manifest file, tar symlink', entries: [ok], records: [link('a.txt', '/etc/passwd')] },
  { name: 'manifest file, tar directory', entries: [ok], records: [dirRec('a.txt')] },
  {
    name: 'manifest symlink, tar file',
    entries: [{ path: 'l', type: 'symlink', target: 'a.txt' }, ok],
    records: [file('l', evil), ...okRecords],
  },
  {
    name: 'manifest symlink, tar hard link',
    entries: [{ path: 'l', type: 'symlink', target: 'a.txt' }, ok],
    records: [...okRecords, record({ path: 'l', type: 'Link', linkpath: 'a.txt' })],
  },
  {
    name: 'manifest directory, tar symlink (nothing below it)',
    entries: [{ path: 'd', type: 'dir' }, ok],
    records: [link('d', '/tmp'), ...okRecords],
  },
  {
    name: 'block device member',
    entries: [ok],
    records: [...okRecords, record({ path: 'blk', type: 'BlockDevice', devmaj: 8, devmin: 0 })],
  },
  {
    name: 'contiguous-file member the manifest does not list',
    entries: [ok],
    records: [...okRecords, record({ path: 'c', type: 'ContiguousFile', body: Buffer.from(evil) })],
  },
  // Manifest lies, each with every digest recomputed.
  { name: 'manifest lists a path twice', entries: [ok, ok], records: okRecords, unsorted: true },
  {
    name: 'manifest entries out of order',
    entries: [{ path: 'b.txt', type: 'file', content: 'b' }, ok],
    records: [...okRecords, file('b.txt', 'b')],
    unsorted: true,
  },
  { name: 'manifest names no packs', entries: [ok], records: okRecords, mutate: (b) => void (b.packs = []) },
  { name: 'manifest names a pack the store lacks', entries: [ok], records: okRecords, dropPack: true, codes: ['E_NOT_FOUND'] },
  {
    name: 'manifest pack listed twice',
    entries: [ok],
    records: okRecords,
    mutate: (b) => void (b.packs = [...(b.packs as unknown[]), ...(b.packs as unknown[])]),
  },
  {
    name: 'snapshot is its own parent',
    entries: [ok],
    records: okRecords,
    mutate: (b) => Object.assign(b, { kind: 'incremental', depth: 1, parent: { id: b.id, digest: 'sha256:00' } }),
  },
  {
    name: 'incremental without a parent',
    entries: [ok],
    records: okRecords,
    mutate: (b) => Object.assign(b, { kind: 'incremental', depth: 1 }),
  },
  { name: 'file size far past any pack', entries: [ok], records: okRecords, mutate: firstEntry((e) => void (e.size = 2 ** 60)) },
  { name: 'negative file size', entries: [ok], records: okRecords, mutate: firstEntry((e) => void (e.size = -4)) },
  { name: 'size as a string', entries: [ok], records: okRecords, mutate: firstEntry((e) => void (e.size = '4')) },
  { name: 'negative offset', entries: [ok], records: okRecords, mutate: firstLoc((l) => void (l.offset = -1)) },
  { name: 'offset as a string', entries: [ok], records: okRecords, mutate: firstLoc((l) => void (l.offset = '0')) },
  { name: 'location past the end of the pack', entries: [ok], records: okRecords, mutate: firstLoc((l) => void (l.length = 2 ** 52)) },
  { name: 'pack index that does not exist', entries: [ok], records: okRecords, mutate: firstLoc((l) => void (l.pack = 7)) },
  {
    name: 'fractional pack size',
    entries: [ok],
    records: okRecords,
    mutate: (b) => void ((b.packs as Array<Record<string, unknown>>)[0]!.size = 10.5),
  },
  { name: 'mtime as a string', entries: [ok], records: okRecords, mutate: firstEntry((e) => void (e.mtimeMs = 'yesterday')) },
  { name: 'unknown entry type', entries: [ok], records: okRecords, mutate: firstEntry((e) => void (e.type = 'fifo')) },
  {
    name: 'entries is an object, not an array',
    entries: [ok],
    records: okRecords,
    mutate: (b) => void (b.entries = { 0: (b.entries as unknown[])[0] }),
  },
  { name: 'entry is an array', entries: [ok], records: okRecords, mutate: (b) => void (b.entries = [['a.txt', 'file']]) },
  { name: 'path is a number', entries: [ok], records: okRecords, mutate: firstEntry((e) => void (e.path = 7)) },
  { name: 'unknown (older) format version', entries: [ok], records: okRecords, mutate: (b) => void (b.formatVersion = 0) },
  { name: 'newer format version', entries: [ok], records: okRecords, mutate: (b) => void (b.formatVersion = 99), codes: ['E_UNSUPPORTED'] },
  { name: 'format version as a string', entries: [ok], records: okRecords, mutate: (b) => void (b.formatVersion = '1') },
  {
    name: 'totals that disagree with the entries',
    entries: [ok],
    records: okRecords,
    mutate: (b) => void ((b.totals as Record<string, number>).files = 0),
  },
  { name: 'negative totals', entries: [ok], records: okRecords, mutate: (b) => void ((b.totals as Record<string, number>).bytes = -1) },
  {
    name: '__proto__ key in an entry',
    entries: [ok],
    records: okRecords,
    mutate: (b) =>
      void ((b.entries as unknown[])[0] = JSON.parse(
        `{"__proto__":{"type":"dir"},${JSON.stringify((b.entries as unknown[])[0]).slice(1)}`,
      )),
  },
  // `constructor` and `prototype` keys are data (a LanceDB tag may be named so, see proto-keys.test.ts):
  // an own property of that name changes no prototype. Only `__proto__` is refused, wherever it is.
  {
    name: '__proto__ key deep in source.facts',
    entries: [ok],
    records: okRecords,
    mutate: (b) => void ((b.source as Record<string, unknown>).facts = JSON.parse('{"tables":[{"tags":{"__proto__":{"polluted":true}}}]}')),
  },
  {
    name: 'name longer than 255 bytes',
    entries: [{ path: 'n'.repeat(256), type: 'file', content: 'x' }],
    records: [file('n'.repeat(256), 'x')],
  },
  // Nesting deep enough to overflow a recursive reader, digest recomputed.
  {
    name: 'field nested 200,000 levels deep',
    entries: [ok],
    records: okRecords,
    mutate: (b) => void ((b.source as Record<string, unknown>).facts = '@@RAW@@'),
    raw: deep(200_000),
  },
  {
    name: 'field nested 65 levels deep',
    entries: [ok],
    records: okRecords,
    mutate: (b) => void ((b.source as Record<string, unknown>).facts = '@@RAW@@'),
    raw: deep(65),
  },
  {
    name: 'nested gzip stream inside the pack',
    entries: [ok],
    records: [],
    compressed: zlib.zstdCompressSync(zlib.gzipSync(Buffer.concat([file('a.txt', 'fine'), Buffer.alloc(1024)]))),
  },
];

async function refuses(c: Case, wrap = false) {
  const root = await tempDir();
  const store = new LocalStore(path.join(root, 'store'));
  const target = path.join(root, 'target');
  await writeTree(target, { 'old.txt': 'the old tree' });
  const before = await describeTree(target);
  const origin = c.foreignOrigin ? '20200101T000000000Z-00000000' : undefined;
  const id = await craftSnapshot(store, 'target', {
    entries: c.entries,
    records: c.records,
    rawSize: c.rawSize,
    compressed: c.compressed,
    origin,
    mutate: c.mutate,
    raw: c.raw,
    unsorted: c.unsorted,
  });
  if (c.dropPack) for (const o of await store.list('target/packs/')) await store.delete(o.key);
  const err = await restore({ target, store: wrap ? new WrappedStore(store) : store, force: true, logger: silent }).then(
    () => new Error('restore succeeded'),
    (e: unknown) => e,
  );
  if (process.env.IV_SHOW) console.log(c.name, '=>', (err as Error).message.split('\n')[0]);
  expect(isIndexVaultError(err), String((err as Error).message)).toBe(true);
  expect(c.codes ?? ['E_UNSAFE_ENTRY', 'E_INTEGRITY']).toContain((err as { code: string }).code);
  expect((err as Error).message.split('\n')).toHaveLength(1);
  expect(await describeTree(target)).toEqual(before);
  await noSpecialFiles(root);
  // verify flags the snapshot too, with an E_ code of its own.
  const [report] = await verifySeries(wrap ? new WrappedStore(store) : store, 'target', id, { logger: silent });
  expect(report!.ok, c.name).toBe(false);
  expect(report!.error?.code).toMatch(/^E_(INTEGRITY|UNSAFE_ENTRY|NOT_FOUND|UNSUPPORTED)$/);
  // Nothing beside the target (no staging leftovers, no escaped files) and nothing in the temp root.
  expect((await fs.readdir(root)).sort()).toEqual(['store', 'target']);
  await expect(fs.access(path.join(os.tmpdir(), 'evil.txt'))).rejects.toThrow();
}

/** Nothing under `root` is a device, FIFO or socket, and no file has a second name. */
async function noSpecialFiles(root: string): Promise<void> {
  for (const e of await fs.readdir(root, { recursive: true, withFileTypes: true })) {
    const st = await fs.lstat(path.join(e.parentPath, e.name));
    expect(st.isFile() || st.isDirectory() || st.isSymbolicLink(), e.name).toBe(true);
    if (st.isFile() && !e.parentPath.includes(`${path.sep}store`)) expect(st.nlink, e.name).toBe(1);
  }
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
      entries: [
        { path: 'Readme.TXT', type: 'file', content: 'upper' },
        { path: 'readme.txt', type: 'file', content: 'lower' },
      ],
      records: [file('Readme.TXT', 'upper'), file('readme.txt', 'lower')],
    });
    // Probe the filesystem the restore writes to (macOS and Windows runners fold case; Linux does not).
    await fs.writeFile(path.join(root, 'CaseProbe'), '');
    const insensitive = await fs.access(path.join(root, 'caseprobe')).then(
      () => true,
      () => false,
    );
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
      entries: [
        { path: 'd', type: 'dir' },
        { path: 'd/x.txt', type: 'file', content: 'x' },
        { path: 'l', type: 'symlink', target: 'd/x.txt' },
      ],
      records: [
        record({ path: 'd/', type: 'Directory', mode: 0o755 }),
        record({ path: 'l', type: 'SymbolicLink', linkpath: 'd/x.txt' }),
        file('d/x.txt', 'x'),
      ],
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
