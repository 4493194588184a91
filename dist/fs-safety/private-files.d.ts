/**
 * Modes of what index-vault writes for its own use (store objects, hash caches, the record of
 * checked packs, download spools): they hold file content, names and hashes of directories that
 * may be private, so only their owner may read them, whatever the umask.
 */
export declare const PRIVATE_FILE_MODE = 384;
export declare const PRIVATE_DIR_MODE = 448;
/** Creates `dir` and any missing parent as owner-only; a directory that exists keeps its mode. */
export declare function makePrivateDir(dir: string): Promise<void>;
/**
 * Creates `dir` owner-only if it does not exist, its parents with the usual modes: a store
 * directory named on the command line is private when index-vault makes it, and an existing
 * one (perhaps shared by a team on purpose) keeps its mode.
 */
export declare function makePrivateLeaf(dir: string): Promise<void>;
