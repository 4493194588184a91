/**
 * The members of a stretch as they travel to a lane: a few strings and typed arrays instead of
 * one object (and a list of destinations) per member, which the structured clone between threads
 * copies field by field on both sides. `packMembers` and `unpackMembers` are exact inverses.
 */
import type { LaneMember } from './lane-protocol.js';
export interface PackedMembers {
    count: number;
    /** Every member name, then every destination path, one after the other; `lengths` cuts them apart. */
    text: string;
    /** The length of each member name, then of each destination path, in `text`. */
    lengths: Uint32Array;
    /** Index into KINDS; bit 7: hash the file (verify). */
    kinds: Uint8Array;
    /** Size and record start; NaN where the member has none. */
    sizes: Float64Array;
    raws: Float64Array;
    /** The sha256 (64 hex digits) of each member that has one, in order; `hasSha` says which do. */
    sha256: string;
    hasSha: Uint8Array;
    /** Symlink targets, in order of the symlinks. */
    targets: string[];
    /** Destinations of each member (0: none to write); then mode and mtime of each destination. */
    destCounts: Uint32Array;
    destModes: Uint32Array;
    destMtimes: Float64Array;
}
export declare function packMembers(members: readonly LaneMember[]): PackedMembers;
export declare function unpackMembers(p: PackedMembers): LaneMember[];
