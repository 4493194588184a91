/** Nesting no object index-vault writes comes near; deeper input is refused. */
export declare const MAX_JSON_DEPTH = 64;
/**
 * JSON.parse for bytes read from a store or a shared directory, refusing input larger than
 * `maxBytes` or nested deeper than MAX_JSON_DEPTH with E_INTEGRITY naming `what`, so nothing that
 * later walks the value recursively (canonical JSON, checks, JSON.stringify) can overflow the
 * stack. V8's JSON.parse does not recurse, so the value is parsed first and its depth measured
 * on the value (a walk of its containers only); the text is scanned only when that walk cannot
 * show the bound, which for valid JSON is exactly when the text breaks it.
 */
export declare function parseBoundedJson(input: Buffer | string, what: string, maxBytes: number): unknown;
/** Whether a parsed value nests at most `limit` arrays and objects deep (the depth jsonDepth finds in its text). */
export declare function depthWithin(value: unknown, limit: number): boolean;
/**
 * The first step of parseBoundedJson: refuses input larger than `maxBytes`; decodes bytes as UTF-8.
 */
export declare function decodeBoundedJson(input: Buffer | string, what: string, maxBytes: number): string;
/** Refuses a text nested deeper than MAX_JSON_DEPTH, as parseBoundedJson does. */
export declare function assertJsonDepth(text: string, what: string): void;
/**
 * JSON.parse with parseBoundedJson's errors, for a caller that proves the depth bound on the
 * value it walks anyway: V8's JSON.parse does not recurse, so parsing first is safe, and text
 * that does not parse is measured here, so a too-deep one is refused as too deep, as before.
 */
export declare function parseJsonText(text: string, what: string): unknown;
/** Deepest nesting of `[` and `{` outside strings; stops counting once past the limit. */
export declare function jsonDepth(text: string): number;
