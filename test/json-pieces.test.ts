import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bufferedPieces, jsonArrayPieces } from '../src/shared/json-pieces.js';

const bytesOfPieces = (pieces: string[]) => Buffer.concat(bufferedPieces(pieces));

const awkward = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom('é', 'e\u0301', '😀', '\ud800', '\udfff', '"', '\\', '\u0000', '\u2028', ''),
);
const element = fc.oneof(
  awkward,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.record({ path: awkward, size: fc.integer({ min: 0 }), mode: fc.option(fc.integer(), { nil: undefined }) }),
  fc.array(awkward, { maxLength: 3 }),
);

describe('JSON of a long array in pieces', () => {
  it('joins to exactly what one JSON.stringify writes, at every length around the slice size', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1, 127, 128, 129, 255, 256, 257, 1000),
        fc.array(element, { minLength: 1, maxLength: 9 }),
        (n, seed) => {
          const array = Array.from({ length: n }, (_, i) => seed[(i * 7) % seed.length]);
          const pieces = [...jsonArrayPieces(array)];
          expect(pieces.join('')).toBe(JSON.stringify(array));
          expect(bytesOfPieces(pieces).equals(Buffer.from(JSON.stringify(array)))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps holes and undefined elements as JSON.stringify writes them (null)', () => {
    const array: unknown[] = Array.from({ length: 300 }, (_, i) => i);
    delete array[130];
    array[299] = undefined;
    expect([...jsonArrayPieces(array)].join('')).toBe(JSON.stringify(array));
  });

  it('encodes non-ASCII pieces as UTF-8 and lone surrogates as JSON.stringify escapes them', () => {
    const pieces = ['{"a":', ...jsonArrayPieces(Array.from({ length: 200 }, (_, i) => (i % 2 ? 'é😀' : '\ud800'))), '}'];
    expect(bytesOfPieces(pieces).toString('utf8')).toBe(pieces.join(''));
    expect(bytesOfPieces(pieces).equals(Buffer.from(pieces.join('')))).toBe(true);
  });
});
