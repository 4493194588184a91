/** Nesting no object index-vault writes comes near; deeper input is refused before it is parsed. */
export declare const MAX_JSON_DEPTH = 64;
/**
 * JSON.parse for bytes read from a store or a shared directory, refusing input larger than
 * `maxBytes` or nested deeper than MAX_JSON_DEPTH with E_INTEGRITY naming `what`. The depth is
 * found by one pass over the text before parsing, so nothing that later walks the value
 * recursively (canonical JSON, checks, JSON.stringify) can overflow the stack.
 */
export declare function parseBoundedJson(input: Buffer | string, what: string, maxBytes: number): unknown;
/** Deepest nesting of `[` and `{` outside strings; stops counting once past the limit. */
export declare function jsonDepth(text: string): number;
