/**
 * Loads an optional peer dependency such as `@lancedb/lancedb` (≈190 MB native, never bundled):
 * first as index-vault's own dependency would resolve, then from the current directory, where a
 * workflow's project has it when index-vault runs as a bundled action. The specifier is a
 * variable so bundlers leave the import alone instead of hoisting it into a static one.
 */
export declare function importOptional<T>(name: string): Promise<T>;
