import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  comparePaths,
  MAX_NAME_BYTES,
  MAX_PATH_BYTES,
  MAX_PATH_DEPTH,
  pathProblem,
  referenceComparePaths,
  referencePathProblem,
} from '../src/snapshot/entry-path.js';

/** Characters where the fast passes could go wrong: separators, dots, NUL, backslash, drive letters, non-ASCII, surrogates. */
const tricky = fc.constantFrom(
  'a',
  'Z',
  'c',
  ':',
  '/',
  '.',
  '\0',
  '\\',
  ' ',
  '\x7f',
  '\x80',
  'é',
  'e\u0301',
  '\ufffd',
  '\uffff',
  '\ue000',
  '\ud7ff',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '\u{1f600}',
  '\u{10ffff}',
  '@',
  '[',
  '`',
  '{',
);
const trickyPath = fc.array(tricky, { maxLength: 12 }).map((cs) => cs.join(''));
/** Paths near the limits: long names, many levels, long totals, with one character changed. */
const nearLimits = fc
  .record({
    name: fc.integer({ min: MAX_NAME_BYTES - 2, max: MAX_NAME_BYTES + 2 }),
    depth: fc.integer({ min: MAX_PATH_DEPTH - 2, max: MAX_PATH_DEPTH + 2 }),
    kind: fc.constantFrom('name', 'depth', 'total'),
    extra: trickyPath,
  })
  .map(({ name, depth, kind, extra }) => {
    if (kind === 'name') return `d/${'n'.repeat(name)}${extra}`;
    if (kind === 'depth') return Array.from({ length: depth }, () => 'd').join('/') + extra;
    return `${'x'.repeat(MAX_PATH_BYTES - 3)}${extra}`;
  });
const anyPath = fc.oneof(trickyPath, nearLimits, fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 8 }));

describe('entry path fast passes agree with the reference rules', () => {
  it('pathProblem answers as the reference does, on random and adversarial paths', () => {
    fc.assert(
      fc.property(anyPath, (p) => {
        expect(pathProblem(p)).toEqual(referencePathProblem(p));
      }),
      { numRuns: 3000 },
    );
    for (const p of [
      'C:x',
      'c:',
      '@:x',
      '[:x',
      '/',
      '.',
      '..',
      'a/./b',
      'a/../b',
      'a/...',
      '...',
      '\0/..',
      '//',
      'a\\b/..',
      '/..',
      'x'.repeat(MAX_PATH_BYTES),
      'x'.repeat(MAX_PATH_BYTES + 1),
      `${'é'.repeat(2048)}`,
      `${'é'.repeat(2049)}`,
      `${'n'.repeat(MAX_NAME_BYTES)}/${'n'.repeat(MAX_NAME_BYTES + 1)}/..`,
      `${'é'.repeat(128)}`,
      'cafe\u0301',
      '\ud800',
      Array.from({ length: MAX_PATH_DEPTH + 1 }, () => 'd').join('/'),
      `${Array.from({ length: MAX_PATH_DEPTH + 1 }, () => 'd').join('/')}/`,
    ]) {
      expect(pathProblem(p), JSON.stringify(p.slice(0, 40))).toEqual(referencePathProblem(p));
    }
    expect(pathProblem(undefined as unknown as string)).toEqual(referencePathProblem(undefined as unknown as string));
  });

  it('comparePaths orders as the UTF-8 bytes do, surrogates and lone surrogates included', () => {
    fc.assert(
      fc.property(trickyPath, trickyPath, trickyPath, (prefix, a, b) => {
        expect(comparePaths(prefix + a, prefix + b)).toBe(referenceComparePaths(prefix + a, prefix + b));
        expect(comparePaths(prefix + a, prefix)).toBe(referenceComparePaths(prefix + a, prefix));
      }),
      { numRuns: 3000 },
    );
    // Code-unit order and byte order disagree here: U+E000 sorts before an astral character in UTF-16, after it in UTF-8.
    expect(comparePaths('\ue000', '\u{1f600}')).toBe(-1);
    expect(referenceComparePaths('\ue000', '\u{1f600}')).toBe(-1);
    expect('\ue000' < '\u{1f600}').toBe(false);
    // A lone surrogate is written as U+FFFD: the two are the same bytes.
    expect(comparePaths('a\ud800', 'a\ufffd')).toBe(0);
    expect(comparePaths('a\ud83d', 'a\ud83d\ude00')).toBe(referenceComparePaths('a\ud83d', 'a\ud83d\ude00'));
    expect(comparePaths('', '')).toBe(0);
    expect(comparePaths('', 'a')).toBe(-1);
    expect(comparePaths('b', 'a')).toBe(1);
  });
});
