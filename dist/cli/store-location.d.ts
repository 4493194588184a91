/**
 * A local store path that is missing or not a directory is a mistake, not an empty store: a
 * typo in `--store` must not read as "no snapshots". Only backup may create the store.
 */
export declare function assertLocalStoreDir(dir: string, mayCreate: boolean): Promise<void>;
