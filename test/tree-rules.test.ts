import { afterEach, describe, expect, it } from 'vitest';
import { isIndexVaultError } from '../src/shared/errors.js';
import { MAX_LINK_HOPS, refuseTree, TREE_LIMITS, treeProblems, type TreeEntry } from '../src/snapshot/tree-rules.js';

const dir = (path: string): TreeEntry => ({ path, type: 'dir' });
const file = (path: string): TreeEntry => ({ path, type: 'file' });
const link = (path: string, target: unknown): TreeEntry => ({ path, type: 'symlink', target });
const rules = (entries: TreeEntry[], reserved?: string) => treeProblems(entries, { reserved }).map((p) => `${p.rule} ${p.path}`);

afterEach(() => void (TREE_LIMITS.maxEntries = 20_000_000));

describe('tree rules', () => {
  it('accept a sorted tree whose every parent is a listed directory', () => {
    expect(rules([dir('a'), file('a/b'), dir('a/c'), file('a/c/d'), link('a/l', 'b'), file('b'), dir('é')])).toEqual([]);
    expect(rules([])).toEqual([]);
  });

  it('want entries sorted by UTF-8 bytes, each once', () => {
    expect(rules([file('b'), file('a')])).toEqual(['order a']);
    expect(rules([file('a'), file('a')])).toEqual(['order a']);
    // By bytes "a-b" (0x2d) < "a/b" (0x2f) < "a0": a directory's children need not follow it directly.
    expect(rules([dir('a'), file('a-b'), file('a/b')])).toEqual([]);
    expect(rules([dir('a'), file('a/b'), file('a-b')])).toEqual(['order a-b']);
    // U+FFFF before U+10000 by bytes, the other way round by UTF-16 code units.
    expect(rules([file('\uffff'), file('\u{10000}')])).toEqual([]);
    expect(rules([file('\u{10000}'), file('\uffff')])).toEqual(['order \uffff']);
  });

  it('resolve links through names UTF-8 cannot hold exactly (lone surrogates) as through any other name', () => {
    // The same trees with a link named a\uD800 and named ab give the same verdicts; were the first
    // name kept as the a\uFFFD it would encode to, lookups through it would find nothing.
    const parts = ['N', '..', 'sub', 'deep', 'x'];
    const targets = [''];
    for (let k = 0; k < 4; k++) for (const t of [...targets]) for (const p of parts) targets.push(t ? `${t}/${p}` : p);
    let differ = 0;
    for (const via of ['sub/deep', 'sub', '.', 'sub/x', 'deep']) {
      for (const t of targets.filter((x) => x.startsWith('N'))) {
        const verdicts = ['ab', 'a\uD800'].map((n) =>
          rules([link(n, via), link('l', t.replaceAll('N', n)), dir('sub'), dir('sub/deep')]).map((r) => r.replaceAll(n, 'N')),
        );
        expect(verdicts[1], `${via} ${t}`).toEqual(verdicts[0]);
        if (verdicts[0]!.length > 0) differ++;
      }
    }
    expect(differ).toBeGreaterThan(0);
  });

  it('refuse implicit parents, and anything under a file or a symlink', () => {
    expect(rules([file('a/b')])).toEqual(['parent a/b']);
    expect(rules([file('a'), file('a/b')])).toEqual(['parent a/b']);
    expect(rules([dir('d'), link('l', 'd'), file('l/x')])).toEqual(['parent l/x']);
  });

  it('keep the reserved directory for pack metadata', () => {
    expect(rules([dir('.index-vault'), file('.index-vault/x')], '.index-vault')).toEqual([
      'reserved .index-vault',
      'reserved .index-vault/x',
    ]);
    expect(rules([file('.index-vault-not')], '.index-vault')).toEqual([]);
  });

  it('check every path with the path rule', () => {
    expect(treeProblems([file('../x'), file('a//b'), file('/abs')]).map((p) => [p.rule, p.why])).toEqual([
      ['path', '".." segment'],
      ['path', 'empty path segment (leading, trailing or doubled "/")'],
      ['path', 'absolute path'],
    ]);
  });

  it('resolve links through the tree as the OS will, and refuse those that leave it or loop', () => {
    // Allowed: inside, dangling, a chain, `..` after a link that stays inside.
    expect(rules([dir('d'), link('d/up', '..'), link('l', 'd/up/d'), link('n', 'nowhere/at/all'), link('x', 'l')])).toEqual([]);
    // `q/up -> ..` is fine; `e -> q/up/..` goes from the root's parent: outside, although its text is not.
    expect(rules([link('e', 'q/up/..'), dir('q'), link('q/up', '..')])).toEqual(['link e']);
    // Outside by its text alone, or absolute.
    expect(rules([link('a', '../x'), link('b', '/etc')])).toEqual(['link a', 'link b']);
    // Loops, and a chain through a dangling name that climbs out.
    expect(rules([link('a', 'b'), link('b', 'a')])).toEqual(['link a', 'link b']);
    expect(rules([link('s', 's')])).toEqual(['link s']);
    expect(rules([link('a', 'gone/../../x')])).toEqual(['link a']);
    // A file in the middle of a path is a dead end that is still followed as text.
    expect(rules([file('f'), link('l', 'f/../..')])).toEqual(['link l']);
    expect(rules([file('f'), link('l', 'f/..')])).toEqual([]);
    // Targets that are not text, empty, or carry a NUL.
    expect(rules([link('a', ''), link('b', 7), link('c', 'x\0')])).toEqual(['link a', 'link b', 'link c']);
  });

  it(`follow at most ${MAX_LINK_HOPS} links in one lookup`, () => {
    const chain = (n: number): TreeEntry[] => {
      // l00 -> l01 -> … -> l(n-1) -> f: n links passed through from l00.
      const out: TreeEntry[] = [file('f')];
      for (let i = 0; i < n; i++) out.push(link(`l${String(i).padStart(2, '0')}`, i + 1 < n ? `l${String(i + 1).padStart(2, '0')}` : 'f'));
      return out;
    };
    expect(rules(chain(MAX_LINK_HOPS))).toEqual([]);
    expect(rules(chain(MAX_LINK_HOPS + 1))).toEqual(['link l00']);
  });

  it('stop at `max` problems and bound the entry count', () => {
    expect(treeProblems([file('b'), file('a'), file('../c')], { max: 1 })).toHaveLength(1);
    TREE_LIMITS.maxEntries = 2;
    expect(rules([file('a'), file('b'), file('c')])).toEqual(['count ']);
  });

  it('are refused by the backup in one line, E_PORTABILITY only when every problem is about other systems', () => {
    const thrown = (fn: () => unknown): unknown => {
      try {
        fn();
      } catch (err) {
        return err;
      }
      throw new Error('not refused');
    };
    const one = thrown(() => refuseTree(treeProblems([file('a/../b')]), '/src'));
    expect(isIndexVaultError(one, 'E_VALIDATION')).toBe(true);
    expect((one as Error).message).toBe('cannot snapshot "a/../b": ".." segment');
    const long = thrown(() => refuseTree(treeProblems([file('n'.repeat(256))]), '/src'));
    expect(isIndexVaultError(long, 'E_PORTABILITY')).toBe(true);
    expect((long as Error).message).toContain('(256 bytes)');
    const both = thrown(() => refuseTree(treeProblems([file('n'.repeat(256)), file('x/')]), '/src'));
    expect(isIndexVaultError(both, 'E_VALIDATION')).toBe(true);
    expect((both as Error).message).toMatch(/^cannot snapshot 2 path\(s\) of \/src:\n/);
  });
});
