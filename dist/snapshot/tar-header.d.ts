/**
 * The one tar header parser of the reading side: a 512-byte ustar/pax header block into the
 * fields a restore looks at, and pax extended-header bodies into their attributes. Pure, no I/O.
 */
export declare const BLOCK = 512;
/** A header block as read: `flag` is the type byte; `name` joins the ustar prefix. */
export interface TarHeader {
    flag: string;
    name: string;
    linkpath: string;
    /** Body size from the size field (NaN when the field is not a number). */
    size: number;
}
/** What a restore makes of a type flag: only files, directories and symlinks are members. */
export type MemberKind = 'file' | 'dir' | 'symlink';
/** Names of the refused type flags, for messages. */
export declare const TYPE_NAMES: Readonly<Record<string, string>>;
export declare function memberKind(flag: string): MemberKind | undefined;
export declare function isZeroBlock(block: Uint8Array): boolean;
/**
 * A numeric field: octal text, or base-256 as GNU tar writes sizes beyond the octal field. The
 * usual form (spaces, octal digits, spaces, then a NUL or the field's end) is read from the
 * bytes; anything else goes to `numericFieldReference`, which says the same of the usual form.
 */
export declare function numericField(buf: Uint8Array, at: number, len: number): number;
/** `numericField` by the general route: the text up to the first NUL, trimmed, must be octal digits (or nothing: 0). */
export declare function numericFieldReference(buf: Uint8Array, at: number, len: number): number;
/** Whether the block's checksum field matches its bytes (the field itself counted as spaces). */
export declare function checksumValid(block: Uint8Array): boolean;
/** Parses a header block whose checksum is valid. */
export declare function parseHeader(block: Uint8Array): TarHeader;
/** A header with a pax header's attributes applied (path, linkpath, size). */
export declare function withPax(h: TarHeader, pax: Readonly<Record<string, string>> | undefined): TarHeader;
/** Attributes of a pax extended header body, or undefined when a record is malformed. */
export declare function parsePax(body: Buffer): Record<string, string> | undefined;
/** Bytes of padding after a body of `size` bytes, up to the next block. */
export declare function padding(size: number): number;
