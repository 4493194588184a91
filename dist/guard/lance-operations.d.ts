import { type Logger } from '../shared/logger.js';
import { type LanceTable } from './lance-version.js';
export interface TableGuardOptions {
    logger?: Logger;
}
type AddData = Parameters<LanceTable['add']>[0];
/** The object forms of `table.update`: `{ where, values }` or `{ where, valuesSql }`. */
export type TableUpdate = {
    where?: string;
} & ({
    values: Record<string, unknown>;
} | {
    valuesSql: Record<string, string>;
});
/**
 * Runs writes on an open LanceDB table with its current version pinned by a tag; if they throw,
 * the table is returned to that version and the error rethrown. The tag is removed in every case
 * but one: when the rollback itself fails, it is kept so the version can still be restored by hand.
 */
export declare function withTableBackup<T>(table: LanceTable, operation: (table: LanceTable) => Promise<T>, options?: TableGuardOptions): Promise<T>;
/** `table.add(rows)`, undone if it fails; LanceDB's refusal is an E_LANCE error. */
export declare function addWithBackup(table: LanceTable, rows: AddData, options?: TableGuardOptions): Promise<void>;
/** `table.delete(predicate)`, undone if it fails; LanceDB's refusal is an E_LANCE error. */
export declare function deleteWithBackup(table: LanceTable, predicate: string, options?: TableGuardOptions): Promise<void>;
/** `table.update(update)`, undone if it fails; LanceDB's refusal is an E_LANCE error. */
export declare function updateWithBackup(table: LanceTable, update: TableUpdate, options?: TableGuardOptions): Promise<void>;
export {};
