import { describe, expect, it } from 'vitest';
import type { Entry, Manifest } from '../src/snapshot/manifest.js';
import { diffManifests } from '../src/snapshot/manifest-diff.js';

const loc = { pack: 0, offset: 0, length: 1, raw: 0, skip: 0, span: 512 };
const file = (path: string, sha: string, size = 10, mode = 0o644): Entry => ({
  path,
  type: 'file',
  size,
  exec: (mode & 0o111) !== 0,
  mode,
  mtimeMs: 0,
  sha256: sha.repeat(64),
  loc,
});
const dir = (path: string, mode = 0o755): Entry => ({ path, type: 'dir', mode, mtimeMs: 0 });
const link = (path: string, target: string): Entry => ({ path, type: 'symlink', target, mtimeMs: 0 });
const manifest = (entries: Entry[]) => ({ entries }) as unknown as Manifest;

describe('diffing two snapshots', () => {
  it('counts every file and link of a full snapshot as added', () => {
    expect(diffManifests(undefined, manifest([dir('d'), file('d/a', 'a', 5), link('l', 'd/a')]))).toMatchObject({
      added: 2,
      changed: 0,
      removed: 0,
      renamed: 0,
      unchanged: 0,
      changedBytes: 5,
    });
  });

  it('counts content, mode and link-target changes, not mtimes or directories', () => {
    const parent = manifest([
      dir('d'),
      file('d/a', 'a'),
      file('b', 'b'),
      file('c', 'c'),
      file('gone', 'g'),
      link('l', 'b'),
      link('m', 'b'),
      file('x', 'x'),
    ]);
    const child = manifest([
      dir('d', 0o700), // a directory's mode: not counted
      { ...file('d/a', 'a'), mtimeMs: 99 } as Entry, // mtime alone: unchanged
      file('b', 'z', 7), // content
      file('c', 'c', 10, 0o755), // mode (and exec)
      link('l', 'c'), // link target
      link('m', 'b'),
      file('new', 'n', 3),
      link('x', 'b'), // a file became a link
    ]);
    expect(diffManifests(parent, child)).toMatchObject({
      added: 1,
      changed: 3 + 1,
      removed: 1,
      renamed: 0,
      unchanged: 2,
      changedBytes: 7 + 10 + 3,
    });
  });

  it('sees a mode change that keeps the exec bit', () => {
    expect(diffManifests(manifest([file('k', 'k', 1, 0o644)]), manifest([file('k', 'k', 1, 0o600)]))).toMatchObject({
      changed: 1,
      unchanged: 0,
    });
  });
});
