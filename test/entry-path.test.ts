import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIndexVaultError } from '../src/shared/errors.js';
import {
  assertSafeRelativePath,
  comparePaths,
  linkStaysInside,
  MAX_NAME_BYTES,
  MAX_PATH_BYTES,
  MAX_PATH_DEPTH,
  parentOf,
  pathProblem,
} from '../src/snapshot/entry-path.js';

/** Any Unicode scalar value (fast-check's own 'binary' unit takes seconds to set up). */
const codePoint = fc
  .integer({ min: 0, max: 0x10ffff })
  .filter((c) => c < 0xd800 || c > 0xdfff)
  .map((c) => String.fromCodePoint(c));

describe('entry paths', () => {
  it('accepts relative NFC POSIX paths within the limits', () => {
    for (const ok of [
      'a',
      'a/b',
      '.hidden',
      '..a',
      'a..',
      'a/.b/c',
      'café',
      '日本/語',
      'a b',
      ':/y',
      'ab:',
      '-',
      'a\tb',
      'COM1',
      '\u{1f600}',
    ]) {
      expect(pathProblem(ok), ok).toBeUndefined();
    }
    const deep = Array.from({ length: MAX_PATH_DEPTH }, () => 'd').join('/');
    expect(pathProblem(deep)).toBeUndefined();
    expect(pathProblem('n'.repeat(MAX_NAME_BYTES))).toBeUndefined();
    const longest = Array.from({ length: 17 }, () => 'x'.repeat(254))
      .join('/')
      .slice(0, MAX_PATH_BYTES);
    expect(Buffer.byteLength(longest)).toBe(MAX_PATH_BYTES);
    expect(pathProblem(longest)).toBeUndefined();
  });

  it('refuses every other path with the rule it breaks, checked on the raw string', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /empty path/],
      ['/a', /absolute/],
      ['//a', /absolute/],
      ['a/', /empty path segment/],
      ['a//b', /empty path segment/],
      ['./a', /"\." segment/],
      ['a/.', /"\." segment/],
      ['..', /"\.\." segment/],
      ['a/../b', /"\.\." segment/],
      ['a\\b', /backslash/],
      ['..\\x', /backslash/],
      ['C:x', /drive letter/],
      ['c:/x', /drive letter/],
      ['C:../x', /drive letter/],
      ['a\0b', /NUL/],
      ['cafe\u0301', /NFC/],
      [Array.from({ length: MAX_PATH_DEPTH + 1 }, () => 'd').join('/'), /deeper than 256/],
      ['x'.repeat(MAX_PATH_BYTES + 1), /longer than 4096 bytes/],
      ['é'.repeat(MAX_PATH_BYTES / 2 + 1), /longer than 4096 bytes/],
      ['n'.repeat(MAX_NAME_BYTES + 1), /name longer than 255/],
    ];
    for (const [p, why] of cases) expect(pathProblem(p)?.why, JSON.stringify(p).slice(0, 40)).toMatch(why);
    // Only the name length is about other systems.
    expect(pathProblem('n'.repeat(256))?.portable).toBe(true);
    expect(pathProblem('a/../b')?.portable).toBeUndefined();
    try {
      assertSafeRelativePath('../x', 'member name');
      throw new Error('accepted');
    } catch (err) {
      expect(isIndexVaultError(err, 'E_UNSAFE_ENTRY')).toBe(true);
      expect((err as Error).message).toBe('refusing member name "../x": ".." segment');
    }
    expect(assertSafeRelativePath('a/b')).toBe('a/b');
  });

  it('accepted paths never climb, are never absolute and split into non-empty names (property)', () => {
    const seg = fc.oneof(fc.constantFrom('', '.', '..', 'a', 'é', 'C:', '\\', 'x\0'), fc.string({ unit: codePoint, maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(seg, { minLength: 1, maxLength: 6 }), (parts) => {
        const p = parts.join('/');
        if (pathProblem(p) !== undefined) return true;
        const names = p.split('/');
        // Nothing a path may be resolves outside the tree when taken as a link target from the root.
        return (
          !p.startsWith('/') &&
          names.every((s) => s !== '' && s !== '.' && s !== '..') &&
          p.normalize('NFC') === p &&
          linkStaysInside('link', p)
        );
      }),
      { numRuns: 200 },
    );
  });

  it('orders paths by their UTF-8 bytes, not by UTF-16 code units', () => {
    // U+FFFF (EF BF BF) sorts before U+10000 (F0 90 80 80) in UTF-8, after it in UTF-16.
    expect(comparePaths('\uffff', '\u{10000}')).toBeLessThan(0);
    expect('\uffff' < '\u{10000}').toBe(false);
    expect(['b', 'a/b', 'a', 'a-b', 'B', 'é', 'e'].sort(comparePaths)).toEqual(['B', 'a', 'a-b', 'a/b', 'b', 'e', 'é']);
    fc.assert(
      fc.property(fc.string({ unit: codePoint }), fc.string({ unit: codePoint }), (a, b) => {
        expect(Math.sign(comparePaths(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
        expect(Math.sign(comparePaths(a, b)) + Math.sign(comparePaths(b, a))).toBe(0);
      }),
    );
  });

  it('gives the parent of a path', () => {
    expect(parentOf('a')).toBe('');
    expect(parentOf('a/b')).toBe('a');
    expect(parentOf('a/b/c.txt')).toBe('a/b');
  });

  it('reads a link target as text: relative to the link, never absolute, never above the root', () => {
    const inside: Array<[string, string]> = [
      ['l', 'a'],
      ['d/l', '../a'],
      ['d/e/l', '../../a/./b'],
      ['d/l', './x/../y'],
      ['l', 'a/..'],
      ['d/l', '..'],
      ['l', 'dangling/nowhere'],
    ];
    const outside: Array<[string, string]> = [
      ['l', '..'],
      ['l', '../x'],
      ['d/l', '../..'],
      ['d/l', 'x/../../..'],
      ['l', '/etc/passwd'],
      ['l', 'C:/x'],
      ['l', 'c:x'],
      ['l', 'a\\b'],
      ['l', ''],
      ['l', 'a\0'],
    ];
    for (const [l, t] of inside) expect(linkStaysInside(l, t), `${l} -> ${t}`).toBe(true);
    for (const [l, t] of outside) expect(linkStaysInside(l, t), `${l} -> ${t}`).toBe(false);
  });
});
