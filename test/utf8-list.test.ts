import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8List } from '../src/shared/utf8-list.js';

describe('a list of strings held as UTF-8', () => {
  it('gives back every string as pushed, lone surrogates and the U+FFFD they would encode to kept apart', () => {
    const odd = fc.constantFrom('\uD800', 'a\uDFFFb', '\uFFFD', 'a\uFFFDb', '', '\u{1F600}', 'é', 'e\u0301');
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: 'binary' }), odd, fc.string({ minLength: 20000, maxLength: 40000 })), { maxLength: 3000 }),
        (strings) => {
          // Room made for none, some or all of them: it grows as needed.
          const list = new Utf8List(strings.length % 3 === 0 ? strings.length : strings.length % 70, strings.length % 2 ? 1 : 100);
          for (const s of strings) list.push(s);
          expect(list.length).toBe(strings.length);
          strings.forEach((s, i) => expect(list.get(i)).toBe(s));
          // Out of order too: each string found from its stretch's start, not only from the one read before.
          for (let k = 0; k < strings.length; k++) {
            const i = (k * 7919) % strings.length;
            expect(list.get(i)).toBe(strings[i]);
          }
          expect(() => list.get(strings.length)).toThrow(RangeError);
        },
      ),
      { numRuns: 60 },
    );
  });
});
