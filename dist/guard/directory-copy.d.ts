import type { Strategy } from './strategy.js';
/**
 * A complete snapshot of the directory in the core format, in a local store inside the backup.
 * Every file is kept (format `dir`): a rollback must give back the directory exactly, old table
 * versions and all, not only what an index needs to open.
 */
export declare const directoryCopy: Strategy;
