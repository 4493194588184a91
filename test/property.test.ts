import fs from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/core/backup.js';
import { restore } from '../src/core/restore.js';
import { LocalStore } from '../src/storage/local-store.js';
import { describeTree, seededBytes, silent, tempDir } from './support/fixtures.js';

/** Raise for a longer search: IV_PROPERTY_RUNS=500 npm test -- property */
const RUNS = Number(process.env.IV_PROPERTY_RUNS ?? 15);

// Names from a wide alphabet: ASCII, punctuation that is legal on Linux, accents, CJK, emoji.
const CHARS = [...'abcXYZ019', ' ', '-', '_', '.', '#', '%', '+', '=', '@', '~', "'", '(', ')', '[', ']', '{', '}', ',', ';', '!', '&', 'é', 'ü', 'ñ', 'ß', 'Ω', '中', '文', '😀', 'ﬁ'];
const name = fc
  .array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 12 })
  .map((cs) => cs.join('').normalize('NFC'))
  .filter((n) => n !== '.' && n !== '..' && Buffer.byteLength(n) <= 200);

type Node = { kind: 'file'; size: number; seed: number; exec: boolean } | { kind: 'dir' } | { kind: 'link'; to: number };
const node: fc.Arbitrary<Node> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('file' as const), size: fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 1024 * 1024 })), seed: fc.nat(), exec: fc.boolean() }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'dir' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('link' as const), to: fc.nat() }) },
);
const entry = fc.tuple(fc.array(name, { minLength: 1, maxLength: 4 }), node);
const tree = fc.array(entry, { minLength: 0, maxLength: 14 });

/** Writes a generated tree; entries whose path clashes with an earlier one are dropped. Links point at earlier files, relatively. */
async function write(root: string, entries: Array<[string[], Node]>): Promise<void> {
  await fs.mkdir(root, { recursive: true });
  const taken = new Map<string, 'file' | 'dir'>();
  const files: string[] = [];
  for (const [segs, n] of entries) {
    const rel = segs.join('/');
    const parents = segs.slice(0, -1).map((_, i) => segs.slice(0, i + 1).join('/'));
    if (taken.has(rel) || parents.some((p) => taken.get(p) === 'file')) continue;
    for (const p of parents) taken.set(p, 'dir');
    const abs = path.join(root, ...segs);
    await fs.mkdir(path.dirname(abs), { recursive: true });
    if (n.kind === 'dir') {
      taken.set(rel, 'dir');
      await fs.mkdir(abs, { recursive: true });
    } else if (n.kind === 'file') {
      taken.set(rel, 'file');
      await fs.writeFile(abs, seededBytes(n.seed + 1, n.size));
      await fs.chmod(abs, n.exec ? 0o755 : 0o644);
      files.push(rel);
    } else if (files.length > 0) {
      taken.set(rel, 'file');
      const target = files[n.to % files.length]!;
      await fs.symlink(path.relative(path.dirname(abs), path.join(root, ...target.split('/'))), abs);
    }
  }
}

describe('property: random trees round-trip exactly', () => {
  it(`through a full snapshot, then an incremental of a changed tree, and back to the first (${RUNS} runs)`, async () => {
    const root = await tempDir();
    let k = 0;
    await fc.assert(
      fc.asyncProperty(tree, tree, fc.nat(), async (first, second, keep) => {
        const run = path.join(root, String(k++));
        const src = path.join(run, 'src');
        const store = new LocalStore(path.join(run, 'store'));
        await write(src, first);
        const before = await describeTree(src);
        const full = await backup({ source: src, store, series: 's', portability: 'off', logger: silent });
        // The second tree shares some of the first's entries, so the incremental both reuses and adds.
        await fs.rm(src, { recursive: true });
        await write(src, [...first.slice(0, keep % (first.length + 1)), ...second]);
        const after = await describeTree(src);
        const inc = await backup({ source: src, store, series: 's', portability: 'off', logger: silent });
        const target = path.join(run, 'target');
        await restore({ target, store, series: 's', logger: silent });
        expect(await describeTree(target)).toEqual(after);
        await restore({ target, store, series: 's', snapshot: full.id, force: true, logger: silent });
        expect(await describeTree(target)).toEqual(before);
        if (inc.kind !== 'unchanged') {
          await restore({ target, store, series: 's', snapshot: inc.id, force: true, logger: silent });
          expect(await describeTree(target)).toEqual(after);
        }
        await fs.rm(run, { recursive: true, force: true });
      }),
      { numRuns: RUNS },
    );
  });
});
