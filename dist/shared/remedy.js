/**
 * What a user can do about an error, named by the engine in `details.remedy` and phrased by each
 * caller in its own words: the CLI as flags (`src/cli/hints.ts`), the action as inputs
 * (`src/action/hints.ts`), a library caller as options. The error's own `hint` says the same in
 * neutral terms.
 */
export const REMEDIES = [
    /** Replace a non-empty target directory with the snapshot. */
    'force',
    /** Start a new chain with a full snapshot (the chain the next incremental would build on is broken or damaged). */
    'full-snapshot',
    /** Verify the stored snapshots to see which are sound. */
    'verify',
    /** Let names that do not restore on every OS pass (warn, or no check). */
    'portability',
    /** Store what symbolic and hard links point to. */
    'follow-links',
    /** Name the series. */
    'series',
    /** Check which store is used. */
    'store',
    /** Let the index format be detected. */
    'format-auto',
    /** Back the directory up as plain files. */
    'format-dir',
    /** Back the directory up with its index-aware format. */
    'format-aware',
    /** Wait for the lock's holder. */
    'lock-wait',
    /** Restore without deep verification. */
    'no-deep-verify',
];
/** The remedy an error names, if it names one this version knows. */
export function remedyOf(err) {
    const r = err.details.remedy;
    return typeof r === 'string' && REMEDIES.includes(r) ? r : undefined;
}
