/** sha256 and size of a file, read in large chunks into one reused buffer. */
export declare function hashFile(file: string, buffer?: Buffer): Promise<{
    sha256: string;
    size: number;
}>;
