/**
 * The path with every symlink resolved: its realpath, or, where the path (or the file a symlink
 * names) does not exist yet, the resolved parent joined with the name. Two spellings of one
 * directory (`real` and `alias -> real`) give the same answer, so they share one lock and one backup.
 */
export declare function resolvedPath(p: string, links?: number): string;
