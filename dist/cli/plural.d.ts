/** `1 file`, `2 files`: counts read as English, not as `1 files` or `file(s)`. */
export declare function plural(n: number, word: string, many?: string): string;
