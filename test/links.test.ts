import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { isIndexVaultError } from '../src/shared/errors.js';
import { canonicalJson, manifestDigest, type Manifest } from '../src/snapshot/manifest.js';
import { restore } from '../src/engine/restore/restore.js';
import { loadManifest } from '../src/engine/series.js';
import { MAX_LINK_HOPS, treeProblems, type TreeEntry } from '../src/snapshot/tree-rules.js';
import { verifySeries } from '../src/engine/verify/verify.js';
import { LocalStore } from '../src/storage/local-store.js';
import { craftSnapshot, record } from './support/craft.js';
import { describeTree, silent, tempDir, writeTree } from './support/fixtures.js';

const dir = (p: string): TreeEntry => ({ path: p, type: 'dir' });
const file = (p: string): TreeEntry => ({ path: p, type: 'file' });
const link = (p: string, target: string): TreeEntry => ({ path: p, type: 'symlink', target });
const sorted = (es: TreeEntry[]) => [...es].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
const linkProblems = (es: TreeEntry[]) =>
  treeProblems(sorted(es))
    .filter((p) => p.rule === 'link')
    .map((p) => p.path);

async function fails(p: Promise<unknown>): Promise<Error & { code: string }> {
  return p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as Error & { code: string },
  );
}

describe('links are resolved through the tree itself', () => {
  it('a `..` after a link segment is taken from where the link leads (q/up -> .., e -> q/up/..)', () => {
    expect(linkProblems([dir('q'), link('q/up', '..'), link('e', 'q/up/..')])).toEqual(['e']);
    expect(linkProblems([dir('q'), link('q/up', '..'), link('e', 'q/up/../..')])).toEqual(['e']);
    // A chain: x/l2 leads to the root through x/y/l1, so l3's `..` climbs out of it.
    expect(linkProblems([dir('x'), dir('x/y'), link('x/y/l1', '..'), link('x/l2', 'y/l1/..'), link('l3', 'x/l2/..')])).toEqual(['l3']);
    // Links to links to a link that climbs: only the ones that get out.
    expect(
      linkProblems([dir('a'), dir('a/b'), link('a/b/up2', '../..'), link('a/to', 'b/up2'), link('a/out', 'to/..'), link('fine', 'a/to')]),
    ).toEqual(['a/out']);
  });

  it('links that stay inside are accepted: sibling, ./x, sub/../x with sub a directory, links to links, links into linked directories, dangling', () => {
    const tree = [
      file('a.txt'),
      dir('sub'),
      file('sub/f.txt'),
      link('sib', 'a.txt'),
      link('dot', './a.txt'),
      link('via', 'sub/../a.txt'),
      link('ll', 'sib'),
      link('dirlink', 'sub'),
      link('into', 'dirlink/f.txt'),
      link('sub/top', '..'),
      link('back', 'sub/top/a.txt'),
      link('dangling', 'missing/x'),
      link('through-file', 'a.txt/x'),
    ];
    expect(linkProblems(tree)).toEqual([]);
  });

  it('sub/.. where sub is a link goes where the link leads, not back to the link', () => {
    // `deep/l/..` is the root when l -> ../deep/a (a directory directly below deep), not deep.
    const tree = [dir('deep'), dir('deep/a'), link('deep/l', 'a'), link('deep/up', 'l/../..'), link('deep/out', 'l/../../..')];
    expect(linkProblems(tree)).toEqual(['deep/out']);
  });

  it('absolute targets, text that climbs out, loops and chains longer than any OS follows are refused', () => {
    expect(linkProblems([link('abs', '/etc')])).toEqual(['abs']);
    expect(linkProblems([dir('d'), link('d/up', '../..')])).toEqual(['d/up']);
    expect(linkProblems([link('a', 'b'), link('b', 'a'), link('c', 'a/x')])).toEqual(['a', 'b', 'c']);
    const chain = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        link(`l${String(i).padStart(6, '0')}`, i === n - 1 ? 'end' : `l${String(i + 1).padStart(6, '0')}`),
      );
    expect(linkProblems([file('end'), ...chain(MAX_LINK_HOPS)])).toEqual([]);
    expect(linkProblems([file('end'), ...chain(MAX_LINK_HOPS + 1)])).toEqual(['l000000']);
  });

  it('100,000 links (a long chain, and many links through one linked directory) are checked without quadratic work', () => {
    const n = 100_000;
    const chain = Array.from({ length: n }, (_, i) =>
      link(`c${String(i).padStart(6, '0')}`, i === n - 1 ? 'target' : `c${String(i + 1).padStart(6, '0')}`),
    );
    expect(linkProblems([file('target'), ...chain])).toHaveLength(n - MAX_LINK_HOPS);
    const wide = [
      dir('d'),
      file('d/f'),
      link('hub', 'd'),
      ...Array.from({ length: n }, (_, i) => link(`w${String(i).padStart(6, '0')}`, `hub/../hub/f`)),
    ];
    expect(linkProblems(wide)).toEqual([]);
  });
});

describe('backup, restore and verify apply the same link rules', () => {
  it('backup refuses a link that escapes through another link, naming it; with followLinks it stores what the link points to', async () => {
    const root = await tempDir();
    const src = path.join(root, 'src');
    await writeTree(src, { 'a.txt': 'a', 'q/up': { link: '..' }, e: { link: 'q/up/../outside.txt' } });
    await fs.writeFile(path.join(root, 'outside.txt'), 'outside the tree');
    const store = new LocalStore(path.join(root, 'store'));
    const err = await fails(backup({ source: src, store, series: 's', logger: silent }));
    expect(err.code).toBe('E_UNSUPPORTED');
    expect(err.message).toMatch(/\n {2}e: symlink to "q\/up\/\.\.\/outside\.txt" leads outside the tree/);
    expect(await store.list('').catch(() => [])).toEqual([]);

    await backup({ source: src, store, series: 's', followLinks: true, logger: silent });
    const target = path.join(root, 'target');
    await restore({ target, store, series: 's', logger: silent });
    const tree = await describeTree(target);
    expect(tree.e).toMatchObject({ type: 'file', size: 'outside the tree'.length });
    expect(tree['q/up']).toEqual({ type: 'symlink', target: '..' });
  });

  it('an incremental whose parent introduced q/up -> .. and which adds e -> q/up/.. is refused; a forged child manifest is refused by restore and flagged by verify', async () => {
    const root = await tempDir();
    const src = path.join(root, 'src');
    await writeTree(src, { 'a.txt': 'a', 'q/up': { link: '..' } });
    const store = new LocalStore(path.join(root, 'store'));
    const parent = await backup({ source: src, store, series: 's', logger: silent });
    await fs.symlink('q/up/..', path.join(src, 'e'));
    const err = await fails(backup({ source: src, store, series: 's', logger: silent }));
    expect(err.code).toBe('E_UNSUPPORTED');
    expect((await store.list('s/snapshots/')).length).toBe(1);

    // A store writer forges the child: the parent's manifest plus the escaping link, digest recomputed.
    const m = await loadManifest(store, 's', parent.id);
    const id = parent.id.replace(/^(\d{8}T\d{6})/, (s) => `${s.slice(0, -1)}${(Number(s.slice(-1)) + 1) % 10}`);
    const body: Omit<Manifest, 'digest'> = { ...m, id, kind: 'incremental', depth: 1, parent: { id: m.id, digest: m.digest } };
    delete (body as Partial<Manifest>).digest;
    body.entries = [...m.entries, { path: 'e', type: 'symlink' as const, target: 'q/up/..', mtimeMs: 0 }].sort((a, b) =>
      Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)),
    );
    body.totals = { ...m.totals, symlinks: m.totals.symlinks + 1 };
    await fs.writeFile(
      path.join(store.root, 's', 'snapshots', `${id}.json`),
      canonicalJson({ ...body, digest: manifestDigest(body) }) + '\n',
    );
    const target = path.join(root, 'target');
    await writeTree(target, { 'old.txt': 'old' });
    const before = await describeTree(target);
    const refused = await fails(restore({ target, store, series: 's', snapshot: id, force: true, logger: silent }));
    expect(isIndexVaultError(refused, 'E_INTEGRITY'), refused.message).toBe(true);
    expect(refused.message).toMatch(/"e": symlink to "q\/up\/\.\." leads outside the tree/);
    expect(await describeTree(target)).toEqual(before);
    const reports = await verifySeries(store, 's', id);
    expect(reports[0]).toMatchObject({ ok: false, error: { code: 'E_INTEGRITY' } });
  });

  it('a restore never writes through a link it created: links are made last, even when the pack holds the link first', async () => {
    const root = await tempDir();
    const store = new LocalStore(path.join(root, 'store'));
    await craftSnapshot(store, 's', {
      entries: [
        { path: 'd', type: 'dir' },
        { path: 'd/x.txt', type: 'file', content: 'x' },
        { path: 'l', type: 'symlink', target: 'd' },
        { path: 'm', type: 'symlink', target: 'l/x.txt' },
      ],
      records: [
        record({ path: 'l', type: 'SymbolicLink', linkpath: 'd' }),
        record({ path: 'm', type: 'SymbolicLink', linkpath: 'l/x.txt' }),
        record({ path: 'd/', type: 'Directory', mode: 0o755 }),
        record({ path: 'd/x.txt', type: 'File', body: Buffer.from('x') }),
      ],
    });
    const target = path.join(root, 'target');
    await restore({ target, store, series: 's', logger: silent });
    expect((await fs.lstat(path.join(target, 'd'))).isDirectory()).toBe(true);
    expect((await fs.lstat(path.join(target, 'd', 'x.txt'))).isFile()).toBe(true);
    expect(await fs.readlink(path.join(target, 'l'))).toBe('d');
    expect(await fs.readFile(path.join(target, 'm'), 'utf8')).toBe('x');
  });
});
