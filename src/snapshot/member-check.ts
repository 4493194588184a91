import { IntegrityError, UnsafeEntryError } from '../shared/errors.js';
import { assertSafeRelativePath } from './entry-path.js';
import type { MemberExpectation } from './member-expectation.js';
import type { MemberExpectations } from './member-table.js';
import { MAX_META } from './pack-limits.js';
import { memberKind, TYPE_NAMES, type TarHeader } from './tar-header.js';

/**
 * Every rule a pack member must pass before a byte of it is written, in one place: the lanes
 * that restore and verify packs call these, and nothing else decides. Pure: each returns or
 * throws an E_UNSAFE_ENTRY / E_INTEGRITY error with the one message for that refusal.
 */

/** A pack's own metadata members: its descriptor and its listing. */
export const META_MEMBER = /^\.index-vault\/\d{8}T\d{9}Z-[0-9a-f]{8}\/pack-\d{3,6}(\.index)?\.json$/;
const META_PREFIX = '.index-vault/';

const DAMAGED = 'the pack is damaged';

/** What the checks need to know about the pack being read. */
export interface MemberContext {
  packName: string;
  /** Every member must be listed (the pack was written by the snapshot being read). */
  strict: boolean;
  expected(name: string): MemberExpectation | undefined;
  /** Names met so far in this stretch of the pack. */
  seen: Set<string>;
}

/** What to do with a member that passed: read its body against `exp`, or skip it unread. */
export interface MemberVerdict {
  /** The member's name (a directory's without its trailing slash). */
  name: string;
  /** Set when the body is a listed file's content, to be read against it; otherwise it is skipped unread. */
  file?: MemberExpectation;
}

/**
 * Decides about one member from its header (pax attributes applied) and the raw position its
 * record starts at. Bodies of skipped members are never written anywhere.
 */
export function checkMember(h: TarHeader, start: number, ctx: MemberContext): MemberVerdict {
  const kind = memberKind(h.flag);
  const name = kind === 'dir' && h.name.endsWith('/') ? h.name.slice(0, -1) : h.name;
  if (kind === undefined) {
    throw new UnsafeEntryError(
      `refusing ${TYPE_NAMES[h.flag] ?? `type ${JSON.stringify(h.flag)}`} member ${JSON.stringify(name)} in ${ctx.packName}: only files, directories and symlinks are restored`,
      { details: { path: name } },
    );
  }
  const exp = ctx.expected(name);
  // Listed names passed these rules with the manifest; an unlisted one is checked here, even when skipped.
  if (!exp) assertSafeRelativePath(name, `pack member in ${ctx.packName}`);
  checkUnique(ctx.packName, name, ctx.seen);
  if (name.startsWith(META_PREFIX)) {
    if (!META_MEMBER.test(name) || kind !== 'file' || h.size > MAX_META)
      throw new UnsafeEntryError(`unexpected metadata member ${JSON.stringify(name)} in ${ctx.packName}`, { details: { path: name } });
    return { name };
  }
  if (!exp) {
    if (ctx.strict)
      throw new UnsafeEntryError(`member ${JSON.stringify(name)} of ${ctx.packName} is not listed in the manifest`, {
        details: { path: name },
      });
    return { name };
  }
  if (exp.type !== kind)
    throw new UnsafeEntryError(`member ${JSON.stringify(name)} is a ${kind} in the pack but a ${exp.type} in the manifest`, {
      details: { path: name },
    });
  if (kind === 'symlink' && h.linkpath !== exp.target) {
    throw new UnsafeEntryError(
      `symlink ${JSON.stringify(name)} points to ${JSON.stringify(h.linkpath)} in the pack, ${JSON.stringify(exp.target)} in the manifest`,
      { details: { path: name } },
    );
  }
  if (kind !== 'file') return { name };
  if (exp.raw !== undefined && start !== exp.raw) {
    throw new IntegrityError(
      `member ${JSON.stringify(name)} starts at byte ${start} of ${ctx.packName}, not at ${exp.raw} as its manifest says`,
      { hint: DAMAGED, details: { path: name } },
    );
  }
  if (h.size !== exp.size)
    throw new UnsafeEntryError(`member ${JSON.stringify(name)} has ${h.size} bytes in the pack but ${exp.size} in the manifest`, {
      details: { path: name },
    });
  return { name, file: exp };
}

/** A name may appear once in a pack (across its stretches too): `seen` gains it. */
export function checkUnique(packName: string, name: string, seen: Set<string>): void {
  if (seen.has(name)) throw new UnsafeEntryError(`pack ${packName} holds ${JSON.stringify(name)} twice`, { details: { path: name } });
  seen.add(name);
}

/** The first record of a stretch must be the member the manifest places at the stretch's start. */
export function checkPlacement(packName: string, first: string | null, name: string, start: number, at: number): void {
  if (first !== null && (name !== first || start !== at)) {
    throw new IntegrityError(`pack ${packName} does not hold ${JSON.stringify(first)} where its manifest places it`, {
      hint: DAMAGED,
      details: { path: first },
    });
  }
}

/** A file's content, as read, against the manifest's sha256. */
export function checkContent(name: string, sha256: string, exp: MemberExpectation): void {
  if (sha256 !== exp.sha256) {
    throw new IntegrityError(`content of ${JSON.stringify(name)} does not match its sha256 in the manifest`, {
      hint: 'the pack is damaged; verify the stored snapshots and restore another one',
      details: { path: name },
    });
  }
}

/**
 * Every member the manifest lists in a pack read whole and strictly must have been met: as many
 * names met are listed as there are listed names (`seen` holds each once). Counted through
 * `seen`, whose names exist already: listing `expected` by name would make a string per member.
 */
export function checkAllPresent(
  packName: string,
  expected: Pick<MemberExpectations, 'has' | 'keys' | 'size'>,
  seen: ReadonlySet<string>,
): void {
  let met = 0;
  for (const name of seen) if (expected.has(name)) met++;
  if (met === expected.size) return;
  for (const m of expected.keys())
    if (!seen.has(m)) throw new IntegrityError(`pack ${packName} lacks ${JSON.stringify(m)}`, { hint: DAMAGED, details: { path: m } });
}
