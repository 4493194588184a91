import { constants as fsc } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { hashFile } from '../../fs-safety/hash-file.js';
import { collisionError } from '../../shared/errors.js';
import { hasMode } from '../../snapshot/entry-mode.js';
import type { EntryTable } from '../../snapshot/entry-table.js';
import type { FileEntry } from '../../snapshot/manifest.js';
import { setModeAndTime } from '../../workers/restored-file.js';

/** What a local copy of a file must match: its content (size, sha256) and, to be linked, its time. */
type WantedFile = Pick<FileEntry, 'path' | 'size' | 'sha256' | 'mtimeMs'>;

/** A directory whose files may stand in for fetched ones, and which of them may be hard-linked rather than copied. */
export interface LocalSource {
  root: string;
  mayLink: (rel: string) => boolean;
}

/**
 * Files already in the target (or a seed) with the right content (at the same path, or
 * elsewhere, as after a rename) are linked or copied instead of fetched and decompressed: the
 * files (`fileRows[k]` of `table`) so provided are marked in the answer, with their count. The
 * target is searched first, then each seed in order.
 */
export async function reuseLocal(
  sources: readonly LocalSource[],
  table: EntryTable,
  fileRows: Int32Array,
  at: (rel: string) => string,
  modeOf: (row: number) => number,
  progress: (n: number, f?: number) => void,
): Promise<{ done: Uint8Array; count: number; bytes: number }> {
  const done = new Uint8Array(fileRows.length);
  let count = 0;
  let bytes = 0;
  const locals = await Promise.all(sources.map((s) => LocalContent.index(s.root, s.mayLink)));
  for (let k = 0; k < fileRows.length; k++) {
    const r = fileRows[k]!;
    const f: WantedFile = { path: table.path(r), size: table.size(r), sha256: table.sha256(r), mtimeMs: table.mtimeMs(r) };
    let provided = false;
    for (const local of locals) if (!provided) provided = await local.provide(f, modeOf(r), at(f.path));
    if (provided) {
      done[k] = 1;
      count++;
      bytes += f.size;
      progress(f.size, 1);
    }
  }
  return { done, count, bytes };
}

/**
 * The files of the current target, found by content: same path first, then any file of the same
 * size. Each candidate is hashed at most once.
 */
class LocalContent {
  private readonly bySize = new Map<number, string[]>();
  private readonly hashes = new Map<string, string | null>();

  private constructor(
    private readonly root: string,
    private readonly mayLink: (rel: string) => boolean,
  ) {}

  /** Only regular files are candidates: a symlink (in a seed, say) is never followed. */
  static async index(root: string, mayLink: (rel: string) => boolean): Promise<LocalContent> {
    const lc = new LocalContent(root, mayLink);
    const walk = async (dir: string, rel: string): Promise<void> => {
      const names = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const d of names) {
        const r = rel ? `${rel}/${d.name}` : d.name;
        if (d.isDirectory()) await walk(path.join(dir, d.name), r);
        else if (d.isFile()) {
          const st = await fs.lstat(path.join(dir, d.name)).catch(() => undefined);
          if (!st) continue;
          const list = lc.bySize.get(st.size);
          if (list) list.push(r);
          else lc.bySize.set(st.size, [r]);
        }
      }
    };
    await walk(root, '');
    return lc;
  }

  private async hashOf(rel: string): Promise<string | null> {
    let h = this.hashes.get(rel);
    if (h === undefined) {
      h = await hashFile(path.join(this.root, ...rel.split('/'))).then(
        (r) => r.sha256,
        () => null,
      );
      this.hashes.set(rel, h);
    }
    return h;
  }

  async provide(f: WantedFile, mode: number, dest: string): Promise<boolean> {
    const candidates = this.bySize.get(f.size) ?? [];
    const ordered = candidates.includes(f.path) ? [f.path, ...candidates.filter((c) => c !== f.path)] : candidates;
    for (const rel of ordered) {
      if ((await this.hashOf(rel)) === f.sha256)
        return placeLocal(path.join(this.root, ...rel.split('/')), dest, f, mode, this.mayLink(rel));
    }
    return false;
  }
}

/** Links (when nothing about the inode must change and `mayLink`) or copies a matching local file into staging. */
async function placeLocal(source: string, dest: string, f: WantedFile, mode: number, mayLink: boolean): Promise<boolean> {
  let st;
  try {
    st = await fs.lstat(source);
  } catch {
    return false;
  }
  const sameMeta = Math.floor(st.mtimeMs) === f.mtimeMs && hasMode(st.mode, mode);
  try {
    // A hard link is free and leaves the old tree intact if the restore fails; a copy is needed
    // when the mode or time differ, since changing them would change the old tree's file too.
    // Windows deletes a read-only file by clearing the attribute first: removing the old tree would
    // then make a linked read-only file writable, so those are copied there.
    const linkable = mayLink && sameMeta && st.nlink === 1 && !(process.platform === 'win32' && (mode & 0o200) === 0);
    if (linkable) await fs.link(source, dest);
    else {
      await fs.copyFile(source, dest, fsc.COPYFILE_EXCL | fsc.COPYFILE_FICLONE);
      setModeAndTime(dest, mode, f.mtimeMs);
    }
  } catch (err) {
    await fs.rm(dest, { force: true }).catch(() => {});
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw collisionError(err, f.path)!;
    return false;
  }
  return true;
}
