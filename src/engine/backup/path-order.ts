import { comparePaths } from '../../snapshot/entry-path.js';

/**
 * `comparePaths` (UTF-8 byte order, the reference) without encoding both paths for every
 * comparison of a sort. Where neither code unit is a surrogate, UTF-16 order is code point
 * order, which is UTF-8 byte order; anything touching a surrogate (astral characters, and lone
 * surrogates, which encode as U+FFFD) is left to the reference.
 */
export function comparePathsFast(a: string, b: string): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (isSurrogate(x) || isSurrogate(y)) return comparePaths(a, b);
    return x < y ? -1 : 1;
  }
  if (a.length === b.length) return 0;
  // One is a prefix of the other: unless a surrogate pair is cut there, the shorter sorts first.
  if ((n > 0 && isSurrogate(a.charCodeAt(n - 1))) || isSurrogate((a.length > n ? a : b).charCodeAt(n))) return comparePaths(a, b);
  return a.length < b.length ? -1 : 1;
}

function isSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdfff;
}
