import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPortability, formatPortabilityProblems, type PortabilityRule } from '../src/fs-safety/portability.js';
import { backup } from '../src/engine/backup/backup.js';
import { LocalStore } from '../src/storage/local-store.js';
import { silent, tempDir, writeTree } from './support/fixtures.js';

const rules = (paths: string[]) => checkPortability(paths).map((p) => `${p.path}:${p.rule}`);
const has = (paths: string[], rule: PortabilityRule) => checkPortability(paths).some((p) => p.rule === rule);

describe('portability rules', () => {
  it('flags Windows reserved device names with any case and extension, in any directory', () => {
    for (const p of [
      'CON',
      'con.txt',
      'nul.txt',
      'NUL',
      'a/Com3/b',
      'LPT9.x',
      'aux.tar.gz',
      'prn',
      'COM¹',
      'conin$',
      'CONOUT$.log',
      'nul .txt',
    ]) {
      expect(has([p], 'reserved-name'), p).toBe(true);
    }
    for (const p of ['com10', 'lpt0', 'CONSOLE', 'nullable.txt', 'auxiliary', 'xcon']) expect(has([p], 'reserved-name'), p).toBe(false);
  });

  it('flags forbidden and control characters and trailing dots or spaces', () => {
    expect(rules(['a:b', 'x?', 'q"', 'p|ipe', 's*', 'lt<', 'gt>'])).toEqual([
      'a:b:forbidden-char',
      'gt>:forbidden-char',
      'lt<:forbidden-char',
      'p|ipe:forbidden-char',
      'q":forbidden-char',
      's*:forbidden-char',
      'x?:forbidden-char',
    ]);
    expect(has(['tab\there'], 'control-char')).toBe(true);
    expect(has(['bell\u0007'], 'control-char')).toBe(true);
    expect(has(['dot.'], 'trailing-dot-space')).toBe(true);
    expect(has(['dir./x'], 'trailing-dot-space')).toBe(true);
    expect(has(['space '], 'trailing-dot-space')).toBe(true);
    expect(has(['.hidden', 'a.b.c'], 'trailing-dot-space')).toBe(false);
  });

  it('flags case collisions file/file and file/directory, including ß/ss', () => {
    const f = checkPortability(['Index.json', 'index.json']);
    expect(f).toEqual([expect.objectContaining({ path: 'index.json', rule: 'case-collision', other: 'Index.json' })]);
    const d = checkPortability(['Data', 'data/x']);
    expect(d).toEqual([expect.objectContaining({ path: 'data/x', rule: 'case-collision', other: 'Data' })]);
    expect(has(['straße.txt', 'strasse.txt'], 'case-collision')).toBe(true);
    expect(checkPortability(['data/a', 'data/b', 'data'])).toEqual([]); // one directory, several children
  });

  it('flags names equal after Unicode normalization', () => {
    expect(checkPortability(['caf\u00e9.txt', 'cafe\u0301.txt'])).toEqual([expect.objectContaining({ rule: 'unicode-collision' })]);
  });

  it('flags paths over 260 characters and components over 255', () => {
    const p260 = 'a/'.repeat(129) + 'bb';
    expect(p260.length).toBe(260);
    expect(has([p260], 'path-too-long')).toBe(false);
    expect(has([p260 + 'c'], 'path-too-long')).toBe(true);
    expect(has(['x'.repeat(256)], 'component-too-long')).toBe(true);
    expect(has(['é'.repeat(128)], 'component-too-long')).toBe(true); // 256 UTF-8 bytes
    expect(has(['x'.repeat(255)], 'component-too-long')).toBe(false);
  });

  it('passes a clean LanceDB / Tantivy tree', () => {
    expect(
      checkPortability([
        'docs.lance',
        'docs.lance/_versions',
        'docs.lance/_versions/18446744073709551614.manifest',
        'docs.lance/data/0a1b2c3d-4e5f-6789-abcd-ef0123456789.lance',
        'docs.lance/_deletions/0-12-3456.arrow',
        'docs.lance/_indices/6f1a/index.idx',
        'tantivy/meta.json',
        'tantivy/0123456789abcdef0123456789abcdef.idx',
        'tantivy/0123456789abcdef0123456789abcdef.12.del',
      ]),
    ).toEqual([]);
  });

  it('agrees with path.win32: what it accepts, Win32 parsing keeps unchanged', () => {
    const samples = ['a/b.txt', 'dir/sub dir/file name.txt', 'über/naïve.json', 'a:b', 'C:x', 'x.', 'y ', 'nul', 'a/b?', 'q\\r'];
    const accepted = samples.filter((p) => checkPortability([p]).length === 0);
    expect(accepted).toEqual(['a/b.txt', 'dir/sub dir/file name.txt', 'über/naïve.json']);
    for (const p of accepted) {
      const win = p.replace(/\//g, '\\');
      expect(path.win32.normalize(win)).toBe(win);
      expect(path.win32.isAbsolute(win)).toBe(false);
      expect(path.win32.parse(win).root).toBe('');
    }
    // And what it refuses, Win32 path handling would indeed change: a drive-relative path, a stream name.
    expect(path.win32.parse('C:x').root).toBe('C:');
    expect(path.win32.basename('dir\\a:b')).toBe('a:b');
    expect(path.win32.normalize('a\\b\\..\\..\\q\\r')).toBe('q\\r');
  });

  it('formats a summary with counts and examples', () => {
    const text = formatPortabilityProblems(
      checkPortability(['CON', 'a:b', 'A', 'a', ...Array.from({ length: 30 }, (_, i) => `x${i}?`)]),
      5,
    );
    expect(text).toContain('1 reserved-name');
    expect(text).toContain('31 forbidden-char');
    expect(text).toContain('… and');
  });

  it('backup refuses unportable names by default, warns or ignores on request', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await writeTree(src, { 'aux.txt': 'x', Readme: 'a', README: 'b', 'ok.txt': 'fine' });
    const store = new LocalStore(path.join(root, 'store'));
    const err = (await backup({ source: src, store, logger: silent }).then(
      () => new Error('backup succeeded'),
      (e: unknown) => e,
    )) as Error & { code?: string };
    expect(err).toMatchObject({ code: 'E_PORTABILITY' });
    expect(err.message).toContain('aux.txt');
    expect(err.message).toContain('Readme');
    expect(await store.list('')).toEqual([]); // nothing stored
    const warnings: string[] = [];
    await backup({ source: src, store, portability: 'warn', logger: { ...silent, warn: (m) => warnings.push(m) } });
    expect(warnings.join()).toContain('aux.txt');
    await backup({ source: src, store, portability: 'off', logger: silent });
  });
});

describe('checkPortability reads its paths as given', () => {
  it('finds the same problems in an array, a source it can read twice, and an iterator it can read once (sorted or not)', () => {
    for (const paths of [
      ['A', 'a', 'b/CON', 'b/x', 'c\u00e9', 'ce\u0301'],
      ['b/x', 'a', 'ce\u0301', 'A', 'c\u00e9', 'b/CON'],
    ]) {
      const want = checkPortability(paths);
      expect(want.length).toBeGreaterThan(2);
      expect(checkPortability({ [Symbol.iterator]: () => paths[Symbol.iterator]() })).toEqual(want);
      expect(
        checkPortability(
          (function* () {
            yield* paths;
          })(),
        ),
      ).toEqual(want);
    }
  });
});
