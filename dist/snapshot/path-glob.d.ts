/**
 * A `/`-separated glob on snapshot paths as a RegExp: `**` any number of whole segments, `*` any
 * run within one segment, `?` one character within one segment; everything else literal.
 */
export declare function globRegExp(glob: string): RegExp;
export declare function isGlob(selector: string): boolean;
