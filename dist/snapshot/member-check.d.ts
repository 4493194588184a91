import type { MemberExpectation } from './member-expectation.js';
import type { MemberExpectations } from './member-table.js';
import { type TarHeader } from './tar-header.js';
/**
 * Every rule a pack member must pass before a byte of it is written, in one place: the lanes
 * that restore and verify packs call these, and nothing else decides. Pure: each returns or
 * throws an E_UNSAFE_ENTRY / E_INTEGRITY error with the one message for that refusal.
 */
/** A pack's own metadata members: its descriptor and its listing. */
export declare const META_MEMBER: RegExp;
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
export declare function checkMember(h: TarHeader, start: number, ctx: MemberContext): MemberVerdict;
/** A name may appear once in a pack (across its stretches too): `seen` gains it. */
export declare function checkUnique(packName: string, name: string, seen: Set<string>): void;
/** The first record of a stretch must be the member the manifest places at the stretch's start. */
export declare function checkPlacement(packName: string, first: string | null, name: string, start: number, at: number): void;
/** A file's content, as read, against the manifest's sha256. */
export declare function checkContent(name: string, sha256: string, exp: MemberExpectation): void;
/**
 * Every member the manifest lists in a pack read whole and strictly must have been met: as many
 * names met are listed as there are listed names (`seen` holds each once). Counted through
 * `seen`, whose names exist already: listing `expected` by name would make a string per member.
 */
export declare function checkAllPresent(packName: string, expected: Pick<MemberExpectations, 'has' | 'keys' | 'size'>, seen: ReadonlySet<string>): void;
