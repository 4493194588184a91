/** A key prefix inside a bucket or container: no leading `/`, a trailing one, no `..`. */
export declare function normalizePrefix(prefix: string | undefined): string;
