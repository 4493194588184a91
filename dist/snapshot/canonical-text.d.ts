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
 * in a larger text (a piece of a manifest read as a stream): the same answer as the walk of
 * matchCanonicalText, with the same depth bound counted from the top, and no newline after it.
 * A value already in canonical shape is compared with what JSON.stringify writes of it, which is
 * then its canonical JSON (a third of the walk's time); anything else, or a text that may hold a
 * `__proto__` key, is walked.
 */
export declare function matchCanonicalPiece(text: string, value: unknown, depth: number): CanonicalMatch | undefined;
/** Whether JSON.stringify would call an inherited toJSON (a polluted prototype), which the canonical form never does. */
export declare function toJsonInherited(): boolean;
/**
 * Whether JSON.stringify writes `value` exactly as the reference does: only plain objects and
 * arrays (no holes, no undefined element), finite numbers, strings, booleans and null, and every
 * object's defined keys already in code-unit order, with no container deeper than `maxDepth`
 * (counted from `depth`). Anything else answers false, never throws.
 */
export declare function inCanonicalShape(value: unknown, depth: number, maxDepth?: number): boolean;
