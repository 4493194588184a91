import type { Entry } from '../snapshot/manifest.js';
/**
 * A digest of a tree exactly as `sameTree` compares it, built entry by entry in order: two trees
 * get the same digest when (and, up to sha256, only when) `sameTree` finds them equal, so a record
 * can stand for a parent's entries. Every string is written as its length and its UTF-16 code
 * units (lone surrogates included, unlike UTF-8), every mode as a double (modes are whole numbers),
 * an absent mode or hash as a mark of its own: no two different entries or sequences of entries
 * give the same bytes.
 */
export declare class TreeDigest {
    private readonly hash;
    private readonly buf;
    private at;
    file(path: string, sha256: string | undefined, exec: boolean, mode: number | undefined): void;
    dir(path: string, mode: number | undefined): void;
    symlink(path: string, target: string): void;
    /** A manifest entry, as the parent's entries are compared. */
    entry(e: Entry): void;
    digest(): string;
    private begin;
    private mode;
    private byte;
    private text;
    private room;
    private flush;
}
/** The tree digest of a manifest's entries (see TreeDigest). */
export declare function manifestTreeDigest(entries: readonly Entry[]): string;
