import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { restore } from '../src/engine/restore/restore.js';
import type { IndexFormat } from '../src/formats/index-format.js';
import { BUILT_IN_FORMATS } from '../src/formats/registry.js';
import { IntegrityError, ValidationError } from '../src/shared/errors.js';
import { LocalStore } from '../src/storage/local-store.js';
import { describeTree, silent, tempDir, writeTree } from './support/fixtures.js';

const SRC = path.resolve(__dirname, '../src');

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const d of await fs.readdir(dir, { withFileTypes: true, recursive: true }))
    if (d.isFile() && d.name.endsWith('.ts')) out.push(path.join(d.parentPath, d.name));
  return out.sort();
}

describe('the engine names no index format', () => {
  it('no file under src/engine/ imports a format module or names a format, its files or its library', async () => {
    const files = await filesUnder(path.join(SRC, 'engine'));
    expect(files.length).toBeGreaterThan(10);
    const offences: string[] = [];
    for (const f of files) {
      const text = await fs.readFile(f, 'utf8');
      for (const [i, line] of text.split('\n').entries()) {
        if (/formats\/(lance|tantivy)/i.test(line) || /lancedb|tantivy|\.managed\.json|meta\.json/i.test(line))
          offences.push(`${path.relative(SRC, f)}:${i + 1}: ${line.trim()}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('every built-in format has a distinct name, none of them auto or dir', () => {
    const names = BUILT_IN_FORMATS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).not.toContain('auto');
    expect(names).not.toContain('dir');
  });
});

/**
 * A made-up format: `toy.json` lists the index files; `scratch.tmp` is transient; restore writes
 * `restored-by-toy` and deep verification counts the listed files.
 */
function toyFormat(calls: string[]): IndexFormat {
  return {
    name: 'toy',
    async detect(dir) {
      return fs.access(path.join(dir, 'toy.json')).then(
        () => true,
        () => false,
      );
    },
    async select(dir) {
      const bytes = await fs.readFile(path.join(dir, 'toy.json')).catch(() => {
        throw new ValidationError(`${dir} holds no toy index`);
      });
      const listed = JSON.parse(bytes.toString('utf8')) as string[];
      calls.push('select');
      return {
        format: 'toy',
        facts: { files: listed.length },
        files: new Map(listed.map((f) => [f, 0])),
        last: ['toy.json'],
        pinned: new Map([['toy.json', bytes]]),
        exclude: (rel) => (rel === 'scratch.tmp' ? 'transient: toy scratch file' : undefined),
      };
    },
    async afterRestore(staging, manifest) {
      calls.push('afterRestore');
      await fs.writeFile(path.join(staging, 'restored-by-toy'), String(manifest.source.facts?.files));
    },
    async deepVerify(staging, manifest) {
      calls.push('deepVerify');
      if (manifest.source.facts?.files !== 2) throw new IntegrityError('toy facts do not match');
      await fs.access(path.join(staging, 'restored-by-toy'));
    },
  };
}

describe('formats passed in options are used through the interface', () => {
  it('detects, selects, records facts, completes and deep-verifies a format the engine has never heard of', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await writeTree(src, {
      'toy.json': JSON.stringify(['a.seg', 'b.seg']),
      'a.seg': 'A',
      'b.seg': 'B',
      'scratch.tmp': 'x',
      'notes.txt': "the user's file",
    });
    const store = new LocalStore(path.join(root, 'store'));
    const calls: string[] = [];
    const formats = [toyFormat(calls)];
    const snap = await backup({ source: src, store, formats, logger: silent });
    expect(snap.manifest!.source.format).toBe('toy');
    expect(snap.manifest!.source.facts).toEqual({ files: 2 });
    expect(snap.excluded).toEqual([{ path: 'scratch.tmp', reason: 'transient: toy scratch file' }]);

    const out = path.join(root, 'out');
    await restore({ target: out, store, series: 'idx', formats, deepVerify: true, logger: silent });
    expect(calls).toEqual(['select', 'afterRestore', 'deepVerify']);
    const tree = await describeTree(out);
    expect(Object.keys(tree).sort()).toEqual(['a.seg', 'b.seg', 'notes.txt', 'restored-by-toy', 'toy.json']);

    // Without the format, the same snapshot restores as a plain directory: nothing is added.
    const plain = path.join(root, 'plain');
    await restore({ target: plain, store, series: 'idx', formats: [], logger: silent });
    expect(Object.keys(await describeTree(plain)).sort()).toEqual(['a.seg', 'b.seg', 'notes.txt', 'toy.json']);
  });

  it('refuses a format name that none of the formats has, before anything is stored', async () => {
    const root = await tempDir();
    await writeTree(path.join(root, 'idx'), { 'a.txt': 'a' });
    const store = new LocalStore(path.join(root, 'store'));
    await expect(backup({ source: path.join(root, 'idx'), store, format: 'toy', logger: silent })).rejects.toMatchObject({
      code: 'E_VALIDATION',
      message: 'invalid format "toy"',
    });
    expect(await fs.readdir(path.join(root, 'store')).catch(() => [])).toEqual([]);
  });

  it('a deep verification that fails leaves the target as it was', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await writeTree(src, { 'toy.json': JSON.stringify(['a.seg']), 'a.seg': 'A' });
    const store = new LocalStore(path.join(root, 'store'));
    const formats = [toyFormat([])];
    await backup({ source: src, store, formats, logger: silent });
    const out = path.join(root, 'out');
    await writeTree(out, { 'mine.txt': 'kept' });
    await expect(
      restore({ target: out, store, series: 'idx', formats, force: true, deepVerify: true, logger: silent }),
    ).rejects.toMatchObject({ code: 'E_INTEGRITY' });
    expect(Object.keys(await describeTree(out))).toEqual(['mine.txt']);
  });
});
