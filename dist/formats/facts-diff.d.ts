/** One side of a comparison: a manifest's `source.format` and `source.facts` (unvalidated input). */
export interface IndexFacts {
    format: string;
    facts?: unknown;
}
/** What changed in the index itself, as its format module reads it from the facts. */
export interface IndexChange {
    format: string;
    /** The format's own structured account, for JSON. */
    detail: Record<string, unknown>;
    /** One line per change, for people. */
    lines: string[];
}
/**
 * The index-level change between two snapshots (`before` undefined: nothing before), or undefined
 * when neither is an index a format module knows. Facts come from manifests anyone who can write
 * the store can forge, so each module reads them field by field and skips what is malformed.
 */
export declare function diffIndexFacts(before: IndexFacts | undefined, after: IndexFacts): IndexChange | undefined;
