/** sha256 and size of a file, read in large chunks into one reused buffer. */
export declare function hashFile(file: string, buffer?: Buffer): Promise<{
    sha256: string;
    size: number;
}>;
/**
 * Hashes many files, two at a time, so that one file's read is in flight while the other's
 * bytes are hashed. Results come back in input order.
 */
export declare function hashFiles(files: readonly string[], onBytes?: (n: number) => void): Promise<Array<{
    sha256: string;
    size: number;
}>>;
