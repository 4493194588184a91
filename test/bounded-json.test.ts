import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonDepth, MAX_JSON_DEPTH, parseBoundedJson } from '../src/shared/bounded-json.js';
import { isIndexVaultError } from '../src/shared/errors.js';
import { parseManifest } from '../src/snapshot/manifest.js';

const nest = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

describe('JSON read from a store is bounded before it is parsed', () => {
  it('counts nesting outside strings only, escapes included', () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[{{{"}]}')).toBe(3);
    expect(jsonDepth('["\\"[[[", "\\\\", [[]]]')).toBe(3);
    expect(jsonDepth(nest(MAX_JSON_DEPTH))).toBe(MAX_JSON_DEPTH);
  });

  it('refuses input nested past the limit, or too large, with E_INTEGRITY naming it; parses the rest', () => {
    expect(parseBoundedJson(nest(MAX_JSON_DEPTH), 'thing', 1024)).toBeInstanceOf(Array);
    for (const [input, max, why] of [
      [nest(MAX_JSON_DEPTH + 1), 1024, /thing is nested more than 64 levels deep/],
      [nest(200_000), 1024 * 1024, /nested more than/],
      ['"0123456789"', 5, /thing is larger than 5 bytes/],
      ['{"a":', 1024, /thing is not valid JSON/],
    ] as const) {
      let err: unknown;
      try {
        parseBoundedJson(input, 'thing', max);
      } catch (e) {
        err = e;
      }
      expect(isIndexVaultError(err, 'E_INTEGRITY'), String(err)).toBe(true);
      expect((err as Error).message).toMatch(why);
    }
  });

  it('a manifest nested 200,000 levels deep is E_INTEGRITY, not a stack overflow', () => {
    const text = `{"digest":"sha256:00","format":"index-vault.snapshot","formatVersion":1,"source":${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}}\n`;
    expect(() => parseManifest(Buffer.from(text))).toThrow(/nested more than 64 levels/);
  });

  it('parsing first and measuring the value decides as scanning the text first did, valid or not', () => {
    // The rule as it was: size, then depth of the text, then JSON.parse.
    const reference = (text: string): unknown => {
      if (jsonDepth(text) > MAX_JSON_DEPTH) return 'nested more than';
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return 'not valid JSON';
      }
    };
    const outcome = (text: string): unknown => {
      try {
        return parseBoundedJson(text, 'thing', 1 << 20);
      } catch (err) {
        return /nested more than/.test((err as Error).message) ? 'nested more than' : 'not valid JSON';
      }
    };
    const piece = fc.constantFrom('[', ']', '{"a":', '}', ',', '1', '"[{"', '"\\"', '"\\""', ' ', 'null', ':');
    const text = fc
      .record({
        depth: fc.integer({ min: MAX_JSON_DEPTH - 2, max: MAX_JSON_DEPTH + 2 }),
        inner: fc.array(piece, { maxLength: 6 }),
        obj: fc.boolean(),
      })
      .map(({ depth, inner, obj }) => (obj ? '{"k":'.repeat(depth) : '['.repeat(depth)) + inner.join('') + (obj ? '}' : ']').repeat(depth));
    fc.assert(
      fc.property(
        fc.oneof(
          text,
          fc.array(piece, { maxLength: 12 }).map((p) => p.join('')),
        ),
        (t) => {
          expect(outcome(t)).toEqual(reference(t));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
