/** What matching a whole text found, besides that it is canonical. */
export interface CanonicalMatch {
    /** Whether some object has an own `__proto__` key. */
    protoKey: boolean;
    /** Where the top-level `"digest":…` member starts and ends, if the value is an object that has one. */
    digestAt?: [number, number];
}
/**
 * Whether `text` is exactly the canonical JSON of `value` (manifest.ts's `canonicalJson`)
 * followed by one `\n`, found by walking value and text together, without writing the text
 * again: each key and string compared in place, each number against its own shortest form.
 * Undefined for anything else, including values not in canonical shape or nested deeper than
 * MATCH_DEPTH: the caller then decides the long way. `value` is usually JSON.parse(text).
 */
export declare function matchCanonicalText(text: string, value: unknown): CanonicalMatch | undefined;
/**
 * Whether `text` is exactly the canonical JSON of `value` where it sits `depth` containers deep
 * in a larger text (a piece of a manifest read as a stream): the same walk as matchCanonicalText,
 * with the same depth bound counted from the top, and no newline after it.
 */
export declare function matchCanonicalPiece(text: string, value: unknown, depth: number): CanonicalMatch | undefined;
