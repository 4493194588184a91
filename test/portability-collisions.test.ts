import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPortability } from '../src/fs-safety/portability.js';

/** The collision rules written out plainly: every prefix of every path folded and looked up, in sorted order. */
function collisions(paths: string[]): Array<{ path: string; rule: string; other?: string }> {
  const fold = (s: string) => s.normalize('NFC').toLowerCase().replace(/ß/g, 'ss');
  const out: Array<{ path: string; rule: string; other?: string }> = [];
  const byFolded = new Map<string, string>();
  const byNfc = new Map<string, string>();
  for (const p of [...paths].sort()) {
    const nfc = p.normalize('NFC');
    const prevNfc = byNfc.get(nfc);
    if (prevNfc !== undefined && prevNfc !== p) {
      out.push({ path: p, rule: 'unicode-collision', other: prevNfc });
      continue;
    }
    byNfc.set(nfc, p);
    const parts = p.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      const prev = byFolded.get(fold(prefix));
      if (prev === undefined) byFolded.set(fold(prefix), prefix);
      else if (prev !== prefix) {
        out.push({ path: p, rule: 'case-collision', other: prev });
        break;
      }
    }
  }
  return out;
}

const component = fc.constantFrom('a', 'A', 'b', 'B', 'ß', 'ss', 'SS', '\u00e9', 'e\u0301', 'Σ', 'σ', 'ς', 'K', '\u212a');
const relPath = fc
  .array(
    fc.array(component, { minLength: 1, maxLength: 2 }).map((c) => c.join('')),
    { minLength: 1, maxLength: 4 },
  )
  .map((c) => c.join('/'));

describe('portability: case and Unicode collisions', () => {
  it('reports exactly the collisions of the plain rule, for paths in any order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(relPath, { maxLength: 12 }), fc.boolean(), (paths, presorted) => {
        const input = presorted ? [...paths].sort() : paths;
        const found = checkPortability(input)
          .filter((p) => p.rule === 'case-collision' || p.rule === 'unicode-collision')
          .map(({ path, rule, other }) => ({ path, rule, other }));
        expect(found).toEqual(collisions(paths));
      }),
      { numRuns: 500 },
    );
  });

  it('finds a name whose normal form is ASCII (the Kelvin sign) beside its ASCII twin', () => {
    const found = checkPortability(['K', 'x/\u212a', 'x/K', 'y']);
    expect(found.map(({ path, rule, other }) => ({ path, rule, other }))).toEqual([
      { path: 'x/\u212a', rule: 'unicode-collision', other: 'x/K' },
    ]);
  });

  it('reports every file under a directory that collides, not only the first', () => {
    const found = checkPortability(['Docs/a', 'Docs/b', 'docs/c', 'docs/d']).filter((p) => p.rule === 'case-collision');
    expect(found.map((p) => p.path)).toEqual(['docs/c', 'docs/d']);
  });
});
