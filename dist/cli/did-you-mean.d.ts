/** The closest of `candidates` to a mistyped word, if one is close enough to be a typo of it. */
export declare function didYouMean(word: string, candidates: readonly string[]): string | undefined;
