import type { Strategy } from './strategy.js';
/**
 * A directory as a complete snapshot in the core format, in a local store inside the backup; a
 * single file as a byte-for-byte copy with its digest and mode. Every file of a directory is kept
 * (format `dir`): a rollback must give back the directory exactly, old table versions and all,
 * not only what an index needs to open. Only a target that does not exist is recorded as absent.
 */
export declare const directoryCopy: Strategy;
