import fc from 'fast-check';
import { expect, it } from 'vitest';
import { ContentLocations } from '../src/engine/backup/content-locations.js';

// Numbers around every edge of the 32-bit columns, and some no column of integers keeps.
const value = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0, max: 5000 }) },
  { weight: 1, arbitrary: fc.constantFrom(2 ** 32 - 2, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1, -0, -1, 0.5, Number.NaN, Infinity) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 2 ** 40 }) },
);
const row = fc.tuple(value, value, value, value, value, value, value);
const FIELDS = ['pack', 'offset', 'length', 'raw', 'skip', 'span', 'size'] as const;

/** The seven numbers as `get` gives them, in `set`'s order. */
function numbers(l: ContentLocations, r: number): number[] {
  const { loc, size } = l.get(r);
  return [loc.pack, loc.offset, loc.length, loc.raw, loc.skip, loc.span, size];
}

it('gives back every number exactly (-0, NaN and 2^32 - 1 included), through growth and after rows are let go', () => {
  let odd = 0;
  let plain = 0;
  fc.assert(
    fc.property(fc.array(row, { maxLength: 300 }), fc.array(fc.boolean(), { maxLength: 300 }), (rows, keepIt) => {
      const l = new ContentLocations(1);
      rows.forEach((v, r) => l.set(r, ...v));
      rows.forEach((v, r) => {
        numbers(l, r).forEach((n, k) => expect(Object.is(n, v[k]), `row ${r} ${FIELDS[k]}`).toBe(true));
        expect(Object.is(l.pack(r), v[0])).toBe(true);
        if (v.every((n, k) => k === 1 || k === 3 || k === 6 || (Number.isInteger(n) && n >= 0 && n < 2 ** 32 - 1 && !Object.is(n, -0))))
          plain++;
        else odd++;
      });
      // Rows kept in order, renumbered downwards; the rest let go of, with or without cutting the columns.
      const remap = new Int32Array(rows.length).fill(-1);
      let kept = 0;
      rows.forEach((_, r) => {
        if (keepIt[r] ?? r % 3 === 0) remap[r] = kept++;
      });
      l.keep(remap, kept, 2 * kept <= rows.length);
      rows.forEach((v, r) => {
        if (remap[r]! < 0) return;
        numbers(l, remap[r]!).forEach((n, k) => expect(Object.is(n, v[k]), `kept row ${r} ${FIELDS[k]}`).toBe(true));
        expect(Object.is(l.pack(remap[r]!), v[0])).toBe(true);
      });
    }),
    { numRuns: 300 },
  );
  // Both ways of keeping a row were taken, many times.
  expect(odd).toBeGreaterThan(200);
  expect(plain).toBeGreaterThan(400);
});

it('keeps the fields in the order a location is written in', () => {
  const l = new ContentLocations(4);
  l.set(0, 1, 2, 3, 4, 5, 6, 7);
  l.set(1, 2 ** 32, 2, 3, 4, 5, 6, 7);
  for (const r of [0, 1]) {
    expect(Object.keys(l.get(r))).toEqual(['loc', 'size']);
    expect(Object.keys(l.get(r).loc)).toEqual(['length', 'offset', 'pack', 'raw', 'skip', 'span']);
  }
  expect(l.get(1)).toEqual({ loc: { length: 3, offset: 2, pack: 2 ** 32, raw: 4, skip: 5, span: 6 }, size: 7 });
});
