/** Documents and opstamp before and after; segments the newer commit added, and those merged (or deleted) away. */
export declare function diffTantivyFacts(beforeFacts: unknown, afterFacts: unknown): {
    detail: Record<string, unknown>;
    lines: string[];
};
