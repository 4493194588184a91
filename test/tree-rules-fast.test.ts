import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPortability } from '../src/fs-safety/portability.js';
import { comparePaths } from '../src/snapshot/entry-path.js';
import { TREE_LIMITS, TreeCheck, treeProblems, type TreeEntry } from '../src/snapshot/tree-rules.js';
import { referenceCheckPortability } from './support/reference-portability.js';
import { referenceTreeProblems } from './support/reference-tree-rules.js';

/** Names where the fast passes could differ: reserved and forbidden names, dots, spaces, case, non-ASCII, surrogates. */
const name = fc.constantFrom(
  'a',
  'A',
  'b',
  'con',
  'CON.txt',
  'com1 .x',
  'lpt¹',
  'conin$',
  'conout$',
  'nul ',
  'aux.',
  'x:y',
  'q"',
  'p|',
  'tab\t',
  'a.b.c',
  '..',
  '.',
  '',
  'é',
  'e\u0301',
  'É',
  'ß',
  'ss',
  'K',
  '\u212a',
  '\ud800',
  '\u{1f600}',
  '.index-vault',
  'x'.repeat(255),
  'x'.repeat(256),
  'é'.repeat(128),
  ' ',
  'a ',
  '\x7f',
);
const treePath = fc.array(name, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
const entry = fc.record({
  path: treePath,
  type: fc.constantFrom('dir', 'dir', 'file', 'symlink'),
  target: fc.constantFrom('a', '../a', 'a/b', '../../x', '/abs', '', 'A/../a', '.', 'con/b', '\0', undefined),
});

/** Random trees: sorted (as every writer sorts them) with their directories listed, or as an adversary lists them. */
const tree = fc
  .record({ entries: fc.array(entry, { maxLength: 25 }), sort: fc.boolean(), parents: fc.boolean() })
  .map(({ entries, sort, parents }) => {
    let list: TreeEntry[] = entries.map((e) => (e.type === 'symlink' ? e : { path: e.path, type: e.type }));
    if (parents) {
      const dirs = new Set<string>();
      for (const e of list) {
        const parts = e.path.split('/');
        for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
      }
      list = [...list.filter((e) => !dirs.has(e.path)), ...[...dirs].map((path) => ({ path, type: 'dir' }))];
    }
    return sort ? list.sort((a, b) => comparePaths(a.path, b.path)) : list;
  });

/** The tree checked as a stream reader checks it: one entry at a time, the count not known before. */
function streamed(entries: readonly TreeEntry[], options: { max?: number; reserved?: string }) {
  const check = new TreeCheck(options);
  for (const e of entries) if (check.add(e)) return check.problems;
  return check.finish();
}

describe('per-entry fast paths agree with the reference rules', () => {
  it('treeProblems reports exactly what the reference reports, in the same order, for any limit', () => {
    fc.assert(
      fc.property(tree, fc.constantFrom(1, 3, Infinity), fc.constantFrom(undefined, '.index-vault'), (entries, max, reserved) => {
        const options = { max, ...(reserved ? { reserved } : {}) };
        expect(treeProblems(entries, options)).toEqual(referenceTreeProblems(entries, options));
        expect(streamed(entries, options)).toEqual(referenceTreeProblems(entries, options));
      }),
      { numRuns: 2000 },
    );
    // Past the entry limit, one entry at a time: the count is reported when it is passed, the rest as before.
    const saved = TREE_LIMITS.maxEntries;
    try {
      fc.assert(
        fc.property(tree, fc.integer({ min: 0, max: 6 }), (entries, limit) => {
          TREE_LIMITS.maxEntries = limit;
          const want = referenceTreeProblems(entries);
          const got = streamed(entries, {});
          expect(got.filter((p) => p.rule === 'count')).toHaveLength(entries.length > limit ? 1 : 0);
          expect(got.filter((p) => p.rule !== 'count')).toEqual(want.filter((p) => p.rule !== 'count'));
        }),
        { numRuns: 500 },
      );
    } finally {
      TREE_LIMITS.maxEntries = saved;
    }
    // Siblings' parent is remembered: a next parent of the same length must still be looked up.
    const dir = (path: string) => ({ path, type: 'dir' });
    const file = (path: string) => ({ path, type: 'file' });
    for (const entries of [
      [dir('a'), file('a/x'), file('b'), file('b/y')],
      [dir('a'), file('a/x'), file('c/y')],
      [dir('a'), dir('a/b'), file('a/b/x'), file('a/c/y'), dir('a/d'), file('a/d/z')],
      [file('x'), dir('y'), file('y/z'), { path: 'z', type: 'symlink', target: 'y/z' }],
    ]) {
      expect(treeProblems(entries)).toEqual(referenceTreeProblems(entries));
      expect(treeProblems(entries).length).toBeLessThanOrEqual(1);
    }
  });

  it('checkPortability reports exactly what the reference reports', () => {
    fc.assert(
      fc.property(
        fc.array(treePath, { maxLength: 20 }),
        fc.constantFrom({}, { maxComponentLength: 3 }, { maxPathLength: 5 }),
        (paths, options) => {
          expect(checkPortability(paths, options)).toEqual(referenceCheckPortability(paths, options));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
