import { diffLanceFacts } from './lancedb-facts-diff.js';
import { diffTantivyFacts } from './tantivy-facts-diff.js';
/**
 * The index-level change between two snapshots (`before` undefined: nothing before), or undefined
 * when neither is an index a format module knows. Facts come from manifests anyone who can write
 * the store can forge, so each module reads them field by field and skips what is malformed.
 */
export function diffIndexFacts(before, after) {
    if (before !== undefined && before.format !== after.format) {
        const own = diffOne({ format: after.format }, after);
        return {
            format: after.format,
            detail: { formatBefore: before.format, ...own?.detail },
            lines: [`format ${before.format} -> ${after.format}`, ...(own?.lines ?? [])],
        };
    }
    return diffOne(before, after);
}
function diffOne(before, after) {
    if (after.format === 'lancedb')
        return { format: 'lancedb', ...diffLanceFacts(before?.facts, after.facts) };
    if (after.format === 'tantivy')
        return { format: 'tantivy', ...diffTantivyFacts(before?.facts, after.facts) };
    return undefined;
}
