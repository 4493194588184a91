/** What the hash pool (hash-workers.ts, read-hasher.ts) and hash-worker.ts say to each other. */
export {};
