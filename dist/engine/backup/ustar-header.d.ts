/** Tar type flags of the members a pack holds. */
export declare const TYPEFLAG: {
    readonly File: 48;
    readonly Directory: 53;
    readonly SymbolicLink: 50;
};
/**
 * Writes the ustar header block of a member into `block` (512 bytes), byte for byte what
 * node-tar's Header writes for it (pack-writer's `tarHeader`, the reference), without building a
 * Header and a Date per member. Only what fits plain ustar fields is written: an ASCII path of
 * fewer than 100 bytes, an ASCII link target of at most 100, and numbers within their octal
 * fields; for anything else it returns false and writes nothing, and the caller asks the reference.
 */
export declare function writeUstarHeader(block: Buffer, path: string, typeflag: number, mode: number, size: number, mtimeMs: number, linkpath?: string): boolean;
