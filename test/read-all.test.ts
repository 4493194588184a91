import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAll } from '../src/engine/series.js';

async function* chunks(parts: Buffer[]) {
  for (const p of parts) yield p;
}

describe('readAll with the size a listing gave', () => {
  it('returns the very bytes, whatever the listed size says (smaller, larger, none) and however they are cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 8 }),
        fc.option(fc.integer({ min: -1, max: 200 })),
        async (arrays, expected) => {
          const parts = arrays.map((a) => Buffer.from(a));
          const whole = Buffer.concat(parts);
          const got = await readAll(chunks(parts), 1000, expected ?? undefined);
          expect(got.equals(whole)).toBe(true);
          // The chunks are the caller's to reuse: the result shares no memory with them.
          for (const p of parts) p.fill(0xaa);
          expect(got.equals(whole)).toBe(true);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('still refuses an object past the limit, listed size or not', async () => {
    const parts = [Buffer.alloc(60), Buffer.alloc(60)];
    for (const expected of [undefined, 100, 120, 200])
      await expect(readAll(chunks(parts), 100, expected)).rejects.toMatchObject({ code: 'E_INTEGRITY' });
    expect((await readAll(chunks(parts), 120, 120)).length).toBe(120);
  });
});
