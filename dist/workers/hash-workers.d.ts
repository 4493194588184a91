/**
 * Hashes files on worker threads, one per core: sha256 is synchronous, so on the main thread it
 * runs on one core however many there are. Worth it for an incremental backup, which must hash
 * every file before it knows what is new. Results come back in input order.
 */
export declare function hashFilesInWorkers(files: readonly string[], onBytes?: (n: number) => void, threads?: number): Promise<Array<{
    sha256: string;
    size: number;
}>>;
