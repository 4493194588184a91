import { IntegrityError } from '../../shared/errors.js';
import type { DirEntry, FileEntry, Manifest, SymlinkEntry } from '../../snapshot/manifest.js';
import type { MemberExpectation } from '../../snapshot/member-expectation.js';

/** The member a file's content is stored under (its own path unless shared with another). */
export function memberOf(entry: FileEntry): string {
  return entry.loc.member ?? entry.path;
}

/** What a file entry says its member holds and where. */
function fileExpectation(e: FileEntry, member: string): MemberExpectation {
  const { raw, span, offset, length, skip } = e.loc;
  return { member, type: 'file', size: e.size, sha256: e.sha256, raw, span, offset, length, skip };
}

/** A directory or symlink, as the first pack of its snapshot records it. */
function treeExpectation(e: DirEntry | SymlinkEntry): MemberExpectation {
  return e.type === 'symlink' ? { member: e.path, type: 'symlink', target: e.target } : { member: e.path, type: 'dir' };
}

/**
 * Everything a manifest says about the members of one pack, keyed by member name. The first pack
 * a snapshot writes also carries its directories and symlinks (so plain tar recreates them).
 */
export function packExpectations(manifest: Manifest, packIndex: number): Map<string, MemberExpectation> {
  const out = new Map<string, MemberExpectation>();
  const pack = manifest.packs[packIndex]!;
  const firstOwn = manifest.packs.findIndex((p) => p.origin === manifest.id);
  for (const e of manifest.entries) {
    if (e.type === 'file') {
      if (e.loc.pack !== packIndex) continue;
      const member = memberOf(e);
      const prev = out.get(member);
      if (prev) {
        if (prev.sha256 !== e.sha256 || prev.size !== e.size || prev.raw !== e.loc.raw) {
          throw new IntegrityError(`manifest ${manifest.id} gives member ${member} of ${pack.name} two different contents`);
        }
        continue;
      }
      out.set(member, fileExpectation(e, member));
    } else if (packIndex === firstOwn && pack.origin === manifest.id) {
      out.set(e.path, treeExpectation(e));
    }
  }
  return out;
}

/**
 * Every pack's expectations from one pass over the manifest, instead of one pass per pack (a
 * chain of many packs made that packs × entries). `of(i)` is exactly `packExpectations(manifest, i)`:
 * the same map, in the same order, or the same refusal, which concerns only the pack asked for.
 * Each pack's map is handed over once (and then let go of here, so a reader of one pack after
 * another holds no more than before).
 */
export function allPackExpectations(manifest: Manifest): (packIndex: number) => Map<string, MemberExpectation> {
  const maps: Array<Map<string, MemberExpectation> | undefined> = manifest.packs.map(() => new Map<string, MemberExpectation>());
  const conflicts: Array<string | undefined> = [];
  const firstOwn = manifest.packs.findIndex((p) => p.origin === manifest.id);
  const own = firstOwn >= 0 ? maps[firstOwn] : undefined;
  for (const e of manifest.entries) {
    if (e.type === 'file') {
      const out = maps[e.loc.pack];
      if (!out || conflicts[e.loc.pack] !== undefined) continue;
      const member = memberOf(e);
      const prev = out.get(member);
      if (prev) {
        if (prev.sha256 !== e.sha256 || prev.size !== e.size || prev.raw !== e.loc.raw) conflicts[e.loc.pack] = member;
        continue;
      }
      out.set(member, fileExpectation(e, member));
    } else if (own) {
      own.set(e.path, treeExpectation(e));
    }
  }
  return (packIndex) => {
    const member = conflicts[packIndex];
    if (member !== undefined)
      throw new IntegrityError(
        `manifest ${manifest.id} gives member ${member} of ${manifest.packs[packIndex]!.name} two different contents`,
      );
    const map = maps[packIndex];
    if (!map) throw new Error(`the expectations of pack ${packIndex} were handed over already`);
    maps[packIndex] = undefined;
    return map;
  };
}
