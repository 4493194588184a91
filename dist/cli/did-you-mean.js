/** The closest of `candidates` to a mistyped word, if one is close enough to be a typo of it. */
export function didYouMean(word, candidates) {
    let best;
    let bestDistance = Infinity;
    for (const c of candidates) {
        const d = c.startsWith(word) && word.length >= 3 ? 0.5 : editDistance(word, c);
        if (d < bestDistance)
            [best, bestDistance] = [c, d];
    }
    // A third of the word may be wrong: `--stor`, `--pack-sise`, `--dryrun`, not `--x` for `--json`.
    return bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}
function editDistance(a, b) {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const row = [i];
        for (let j = 1; j <= b.length; j++)
            row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = row;
    }
    return prev[b.length];
}
