import type { Strategy } from './strategy.js';
type LanceModule = typeof import('@lancedb/lancedb');
type Connection = Awaited<ReturnType<LanceModule['connect']>>;
/** The parts of a LanceDB table the version strategy uses. */
export type LanceTable = Awaited<ReturnType<Connection['openTable']>>;
/** `@lancedb/lancedb` is an optional peer dependency: loaded only when this strategy runs. */
export declare function loadLance(): Promise<LanceModule>;
/**
 * Runs LanceDB calls; what LanceDB throws becomes a LanceError (E_LANCE) saying what was being
 * done, with LanceDB's own error as `cause`. Our own errors pass through unchanged.
 */
export declare function lanceCall<T>(what: string, fn: () => Promise<T>): Promise<T>;
export declare function tagName(id: string): string;
/** Pins the table's current version with a tag, so `optimize` cleanup cannot delete it. */
export declare function pinVersion(table: LanceTable, tag: string): Promise<number>;
/**
 * Makes `version` the table's newest version again (a new commit holding the old content), but
 * only if the table moved past it: an operation that committed nothing leaves no new version.
 * Says whether it rolled back.
 */
export declare function rollbackTo(table: LanceTable, version: number): Promise<boolean>;
/** Removes the pin; a tag that is already gone is fine. */
export declare function unpin(table: LanceTable, tag: string): Promise<void>;
/**
 * Records each table's version and tags it; a rollback commits that version again. Nothing is
 * copied, so it costs milliseconds whatever the table's size. Tables created by the operation
 * are dropped on rollback; a table the operation dropped cannot be brought back (its files are gone).
 */
export declare const lanceVersion: Strategy;
export {};
