import fs from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { MAX_NAME_BYTES, MAX_PATH_DEPTH } from '../src/snapshot/entry-path.js';
import { isIndexVaultError } from '../src/shared/errors.js';
import { restore } from '../src/engine/restore/restore.js';
import { TREE_LIMITS } from '../src/snapshot/tree-rules.js';
import { verifySeries } from '../src/engine/verify/verify.js';
import { LocalStore } from '../src/storage/local-store.js';
import { describeTree, seededBytes, silent, tempDir } from './support/fixtures.js';

/** Raise for a longer search: IV_PROPERTY_RUNS=500 npm test -- property */
const RUNS = Number(process.env.IV_PROPERTY_RUNS ?? 15);

// Names from a wide alphabet: ASCII, punctuation that is legal on Linux, accents, CJK, emoji.
const CHARS = [
  ...'abcXYZ019',
  ' ',
  '-',
  '_',
  '.',
  '#',
  '%',
  '+',
  '=',
  '@',
  '~',
  "'",
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ';',
  '!',
  '&',
  'é',
  'ü',
  'ñ',
  'ß',
  'Ω',
  '中',
  '文',
  '😀',
  'ﬁ',
];
const name = fc
  .array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 12 })
  .map((cs) => cs.join('').normalize('NFC'))
  .filter((n) => n !== '.' && n !== '..' && Buffer.byteLength(n) <= 200);

type Node = { kind: 'file'; size: number; seed: number; exec: boolean } | { kind: 'dir' } | { kind: 'link'; to: number };
const node: fc.Arbitrary<Node> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('file' as const),
      size: fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 1024 * 1024 })),
      seed: fc.nat(),
      exec: fc.boolean(),
    }),
  },
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

/** Raise for a longer search: IV_LIMIT_RUNS=200 npm test -- property */
const LIMIT_RUNS = Number(process.env.IV_LIMIT_RUNS ?? 24);
/** The entry limit, lowered so generated trees reach it (the real one is 20 million). */
const ENTRY_LIMIT = 48;

interface Shape {
  /** Directories in the spine, one inside the other; its leaf file is one segment deeper. */
  spine: number;
  /** Bytes of each spine name (multi-byte characters, so bytes and characters differ). */
  spineName: number;
  /** Files side by side in the spine's top directory. */
  wide: number;
  leafSize: number;
  exec: boolean;
  emptyDirs: number;
  unicode: string;
  links: Array<'sibling' | 'dot' | 'via-dir' | 'to-link' | 'into-linked-dir' | 'up-then-down' | 'chain-escape' | 'loop' | 'dangling'>;
}

const shape: fc.Arbitrary<Shape> = fc.record({
  spine: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constantFrom(MAX_PATH_DEPTH - 2, MAX_PATH_DEPTH - 1, MAX_PATH_DEPTH)),
  spineName: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constantFrom(MAX_NAME_BYTES - 1, MAX_NAME_BYTES)),
  wide: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: ENTRY_LIMIT - 12, max: ENTRY_LIMIT })),
  leafSize: fc.oneof(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 1024 * 1024 })),
  exec: fc.boolean(),
  emptyDirs: fc.integer({ min: 0, max: 3 }),
  unicode: fc.constantFrom('a', 'é', 'ü中', '😀x', 'ﬁ', 'Ω~'),
  links: fc.array(
    fc.oneof(
      {
        weight: 8,
        arbitrary: fc.constantFrom(
          'sibling' as const,
          'dot' as const,
          'via-dir' as const,
          'to-link' as const,
          'into-linked-dir' as const,
          'up-then-down' as const,
          'dangling' as const,
        ),
      },
      { weight: 1, arbitrary: fc.constantFrom('chain-escape' as const, 'loop' as const) },
    ),
    { maxLength: 4 },
  ),
});

/** A name of exactly `bytes` UTF-8 bytes: two-byte characters, padded with one ASCII letter. */
const nameOf = (bytes: number) => 'é'.repeat(Math.floor(bytes / 2)) + 'x'.repeat(bytes % 2);

/** Writes the tree; returns the spine's leaf path. Long names stay shallow so absolute paths fit the OS. */
async function writeShape(root: string, s: Shape): Promise<void> {
  const name = s.spine > 8 ? 'd' : nameOf(s.spineName);
  const spine = Array.from({ length: s.spine }, () => name);
  await fs.mkdir(path.join(root, ...spine), { recursive: true });
  const leaf = path.join(root, ...spine, `${s.unicode}.bin`);
  await fs.writeFile(leaf, seededBytes(s.leafSize + 7, s.leafSize));
  await fs.chmod(leaf, s.exec ? 0o755 : 0o644);
  const top = path.join(root, 'wide');
  await fs.mkdir(top);
  for (let i = 0; i < s.wide; i++) await fs.writeFile(path.join(top, `${s.unicode}-${i}`), String(i));
  for (let i = 0; i < s.emptyDirs; i++) await fs.mkdir(path.join(root, `empty-${i}`));
  await fs.mkdir(path.join(root, 'sub'));
  await fs.writeFile(path.join(root, 'sub', 'f.txt'), 'f');
  let n = 0;
  for (const l of s.links) {
    const at = (p: string) => path.join(root, `${l}-${n++}${p}`);
    if (l === 'sibling') await fs.symlink(`${s.unicode}-0`, path.join(top, `link-${n++}`));
    else if (l === 'dot') await fs.symlink('./sub/f.txt', at(''));
    else if (l === 'via-dir') await fs.symlink('sub/../sub/f.txt', at(''));
    else if (l === 'to-link') {
      await fs.symlink('sub', at('-a'));
      await fs.symlink(`${l}-${n - 1}-a`, at('-b'));
    } else if (l === 'into-linked-dir') {
      const d = at('-dir');
      await fs.symlink('sub', d);
      await fs.symlink(`${path.basename(d)}/f.txt`, at('-file'));
    } else if (l === 'up-then-down') await fs.symlink('../sub/f.txt', path.join(root, 'sub', `up-${n++}`));
    else if (l === 'chain-escape') {
      // Each link passes a check of its text alone; together they leave the tree.
      const q = at('-q');
      await fs.mkdir(q);
      await fs.symlink('..', path.join(q, 'up'));
      await fs.symlink(`${path.basename(q)}/up/..`, at('-e'));
    } else if (l === 'loop') {
      await fs.symlink(`${l}-${n}-b`, at('-a'));
      await fs.symlink(`${l}-${n - 1}-a`, path.join(root, `${l}-${n - 1}-b`));
    } else await fs.symlink('missing/f.txt', at(''));
  }
}

describe('property: a backup that succeeds verifies and restores exactly, up to and past every limit', () => {
  it(`trees at and just past the depth, name, path and entry limits, with link chains (${LIMIT_RUNS} runs)`, async () => {
    const root = await tempDir();
    const saved = TREE_LIMITS.maxEntries;
    TREE_LIMITS.maxEntries = ENTRY_LIMIT;
    let k = 0;
    const outcomes = { stored: 0, refused: 0 };
    try {
      await fc.assert(
        fc.asyncProperty(shape, async (s) => {
          const run = path.join(root, String(k++));
          const src = path.join(run, 'src');
          const store = new LocalStore(path.join(run, 'store'));
          await fs.mkdir(src, { recursive: true });
          await writeShape(src, s);
          const result = await backup({ source: src, store, series: 's', portability: 'off', logger: silent }).then(
            (r) => r,
            (e: unknown) => e as Error,
          );
          if (result instanceof Error) {
            // A refusal is one clean line with an E_ code, and nothing is committed.
            expect(isIndexVaultError(result), String(result)).toBe(true);
            expect(['E_VALIDATION', 'E_UNSUPPORTED', 'E_PORTABILITY']).toContain((result as unknown as { code: string }).code);
            expect(await store.list('s/snapshots/').catch(() => [])).toEqual([]);
            outcomes.refused++;
          } else {
            const [report] = await verifySeries(store, 's', result.id);
            expect(report!.ok, report!.error?.message).toBe(true);
            const target = path.join(run, 't');
            await restore({ target, store, series: 's', logger: silent });
            expect(await describeTree(target)).toEqual(await describeTree(src));
            outcomes.stored++;
          }
          await fs.rm(run, { recursive: true, force: true });
        }),
        { numRuns: LIMIT_RUNS },
      );
    } finally {
      TREE_LIMITS.maxEntries = saved;
    }
    if (process.env.IV_SHOW) console.log(outcomes);
  });
});
