import { randomBytes } from 'node:crypto';
import { isIndexVaultError, RollbackError } from '../shared/errors.js';
import { silentLogger, type Logger } from '../shared/logger.js';
import { lanceCall, pinVersion, rollbackTo, unpin, type LanceTable } from './lance-version.js';
import { logError } from './with-backup.js';

export interface TableGuardOptions {
  logger?: Logger;
}

type AddData = Parameters<LanceTable['add']>[0];
/** The object forms of `table.update`: `{ where, values }` or `{ where, valuesSql }`. */
export type TableUpdate = { where?: string } & ({ values: Record<string, unknown> } | { valuesSql: Record<string, string> });

const describe = (e: unknown) => (isIndexVaultError(e) ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e));

/**
 * Runs writes on an open LanceDB table with its current version pinned by a tag; if they throw,
 * the table is returned to that version and the error rethrown. The tag is removed in every case
 * but one: when the rollback itself fails, it is kept so the version can still be restored by hand.
 */
export async function withTableBackup<T>(
  table: LanceTable,
  operation: (table: LanceTable) => Promise<T>,
  options: TableGuardOptions = {},
): Promise<T> {
  const logger = options.logger ?? silentLogger;
  const tag = `index-vault-guard-${Date.now()}-${randomBytes(3).toString('hex')}`;
  // A handle lags behind commits made through others: pinning its version would roll those back too.
  const version = await lanceCall(`tag the version of table ${table.name}`, async () => {
    await table.checkoutLatest();
    return pinVersion(table, tag);
  });
  let result: T;
  try {
    result = await operation(table);
  } catch (operationError) {
    let moved: boolean;
    try {
      moved = await lanceCall(`return table ${table.name} to version ${version}`, () => rollbackTo(table, version));
    } catch (rollbackError) {
      logError(
        logger,
        `a write to table ${table.name} failed and returning it to version ${version} failed too; that version stays tagged ${tag}`,
      );
      throw new RollbackError(
        `the write failed (${describe(operationError)}) and returning table ${table.name} to version ${version} failed too (${describe(rollbackError)})`,
        operationError,
        rollbackError,
        {
          hint: `version ${version} stays tagged ${tag}: checkout("${tag}") then restore() once the cause is fixed`,
          details: { table: table.name, version, tag },
        },
      );
    }
    if (moved) logger.warn(`a write to table ${table.name} failed; the table is back at the content of version ${version}`);
    await unpin(table, tag).catch((err: Error) => logger.warn(`could not remove tag ${tag}: ${err.message}`));
    throw operationError;
  }
  await unpin(table, tag).catch((err: Error) => logger.warn(`could not remove tag ${tag}: ${err.message}`));
  return result;
}

/** `table.add(rows)`, undone if it fails; LanceDB's refusal is an E_LANCE error. */
export function addWithBackup(table: LanceTable, rows: AddData, options?: TableGuardOptions): Promise<void> {
  return withTableBackup(table, (t) => lanceCall(`add rows to table ${t.name}`, async () => void (await t.add(rows))), options);
}

/** `table.delete(predicate)`, undone if it fails; LanceDB's refusal is an E_LANCE error. */
export function deleteWithBackup(table: LanceTable, predicate: string, options?: TableGuardOptions): Promise<void> {
  return withTableBackup(table, (t) => lanceCall(`delete from table ${t.name}`, async () => void (await t.delete(predicate))), options);
}

/** `table.update(update)`, undone if it fails; LanceDB's refusal is an E_LANCE error. */
export function updateWithBackup(table: LanceTable, update: TableUpdate, options?: TableGuardOptions): Promise<void> {
  return withTableBackup(
    table,
    (t) => lanceCall(`update table ${t.name}`, async () => void (await (t.update as (u: TableUpdate) => Promise<unknown>).call(t, update))),
    options,
  );
}
