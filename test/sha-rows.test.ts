import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShaRows } from '../src/engine/backup/sha-rows.js';

const sha = fc.stringMatching(/^[0-9a-f]{64}$/);

describe('a set of sha256 values with their rows', () => {
  it('answers as a Map from the hex text to the row it was first added as, however short a probe it may take', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(sha, fc.constantFrom('0'.repeat(64), 'f'.repeat(64), `${'0'.repeat(63)}1`)), { maxLength: 3000 }),
        fc.constantFrom(0, 1, 2, 64),
        (adds, maxProbe) => {
          const rows = new ShaRows(maxProbe);
          const want = new Map<string, number>();
          // Half of the values added as their bytes, at an offset in a larger buffer (as an index of contents holds them).
          adds.forEach((s, i) => {
            const first = !want.has(s);
            if (first) want.set(s, want.size);
            const bytes = Buffer.concat([Buffer.alloc(i % 7), Buffer.from(s, 'hex'), Buffer.alloc(3)]);
            expect(i % 2 === 0 ? rows.add(s) : rows.addBytes(bytes, i % 7)).toEqual({ row: want.get(s), added: first });
          });
          expect(rows.size).toBe(want.size);
          for (const s of adds) expect(rows.get(s)).toBe(want.get(s));
          for (const s of adds) expect(rows.getBytes(Buffer.concat([Buffer.alloc(5), Buffer.from(s, 'hex')]), 5)).toBe(want.get(s));
          expect(rows.getBytes(Buffer.alloc(32, 0xee), 0)).toBe(want.get('e'.repeat(64)));
          expect(rows.get('e'.repeat(64))).toBe(want.get('e'.repeat(64)));
          expect(rows.get('not hex')).toBeUndefined();
          // Each row gives its value back, after the table became a Map as well as before.
          for (const [s, row] of want) expect(rows.shaOf(row)).toBe(s);
          for (const row of [want.size, -1, 0.5]) expect(() => rows.shaOf(row)).toThrow(RangeError);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps the values of the rows a remap keeps, in order, and is of no more use after', () => {
    fc.assert(
      fc.property(fc.uniqueArray(sha, { maxLength: 300 }), fc.array(fc.boolean(), { minLength: 1 }), (values, pick) => {
        const rows = new ShaRows(undefined, 16);
        for (const s of values) rows.add(s);
        const remap = new Int32Array(values.length).fill(-1);
        const kept: string[] = [];
        values.forEach((s, r) => {
          if (pick[r % pick.length]) remap[r] = kept.push(s) - 1;
        });
        const shas = rows.keepRows(remap, kept.length);
        expect(shas.length).toBe(32 * kept.length);
        kept.forEach((s, k) => expect(shas.toString('hex', 32 * k, 32 * k + 32)).toBe(s));
        expect(rows.size).toBe(0);
        if (values.length > 0) expect(rows.get(values[0]!)).toBeUndefined();
      }),
      { numRuns: 100 },
    );
  });

  it('refuses to add what is not a sha256', () => {
    const rows = new ShaRows();
    for (const bad of ['', 'a'.repeat(63), 'g'.repeat(64), 'A'.repeat(65)]) expect(() => rows.add(bad)).toThrow(/not a sha256/);
  });
});
