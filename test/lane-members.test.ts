import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packMembers, unpackMembers } from '../src/workers/lane-members.js';
import type { LaneMember } from '../src/workers/lane-protocol.js';

/** Names as hostile as a string can be: NUL, non-ASCII, astral, lone surrogates, NFD, `__proto__`, empty. */
const name = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 12 }),
  fc.constantFrom('__proto__', 'constructor', '', '\0', '\ud800', 'a\udfffb', '😀/x', 'e\u0301', 'a\0b'),
);
const hex = fc.stringMatching(/^[0-9a-f]{64}$/);
const count = fc.oneof(fc.nat(), fc.constantFrom(0, 2 ** 53 - 1, 2 ** 31, 2 ** 32 + 1));
const dest = fc.record({ rel: name, mode: fc.integer({ min: 0, max: 0o777 }), mtimeMs: fc.oneof(fc.double({ noNaN: true }), count) });

const member: fc.Arbitrary<LaneMember> = fc.oneof(
  fc.record(
    {
      member: name,
      type: fc.constant('file' as const),
      size: count,
      sha256: hex,
      raw: count,
      dests: fc.array(dest, { minLength: 1, maxLength: 3 }),
      hash: fc.constant(true as const),
    },
    { requiredKeys: ['member', 'type', 'size', 'sha256'] },
  ),
  fc.record({ member: name, type: fc.constant('dir' as const) }),
  fc.record({ member: name, type: fc.constant('symlink' as const), target: name }),
);

describe('a stretch’s members on their way to a lane', () => {
  it('arrive exactly as they were sent, whatever their names (differential)', () => {
    fc.assert(
      fc.property(fc.array(member, { maxLength: 30 }), (members) => {
        const sent = packMembers(members);
        // Through the structured clone a lane's message takes.
        const back = unpackMembers(structuredClone(sent));
        expect(back).toEqual(members);
        expect(back.map((m) => Object.getPrototypeOf(m))).toEqual(members.map(() => Object.prototype));
      }),
      { numRuns: 400 },
    );
  });

  it('refuse a sha256 that would shift the others', () => {
    expect(() => packMembers([{ member: 'a', type: 'file', size: 1, sha256: 'abc' }])).toThrow(TypeError);
  });
});
