import { randomBytes } from 'node:crypto';
import { isIndexVaultError, RollbackError } from '../core/errors.js';
import { silentLogger } from '../core/logger.js';
import { pinVersion, rollbackTo, unpin } from './lance-version.js';
const describe = (e) => (isIndexVaultError(e) ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e));
/**
 * Runs writes on an open LanceDB table with its current version pinned by a tag; if they throw,
 * the table is returned to that version and the error rethrown. The tag is removed in every case
 * but one: when the rollback itself fails, it is kept so the version can still be restored by hand.
 */
export async function withTableBackup(table, operation, options = {}) {
    const logger = options.logger ?? silentLogger;
    const tag = `index-vault-guard-${Date.now()}-${randomBytes(3).toString('hex')}`;
    const version = await pinVersion(table, tag);
    let result;
    try {
        result = await operation(table);
    }
    catch (operationError) {
        try {
            await rollbackTo(table, version);
        }
        catch (rollbackError) {
            throw new RollbackError(`the write failed (${describe(operationError)}) and returning table ${table.name} to version ${version} failed too (${describe(rollbackError)})`, operationError, rollbackError, {
                hint: `version ${version} stays tagged ${tag}: checkout("${tag}") then restore() once the cause is fixed`,
                details: { table: table.name, version, tag },
            });
        }
        logger.warn(`a write to table ${table.name} failed; the table is back at the content of version ${version}`);
        await unpin(table, tag).catch((err) => logger.warn(`could not remove tag ${tag}: ${err.message}`));
        throw operationError;
    }
    await unpin(table, tag).catch((err) => logger.warn(`could not remove tag ${tag}: ${err.message}`));
    return result;
}
/** `table.add(rows)`, undone if it fails. */
export function addWithBackup(table, rows, options) {
    return withTableBackup(table, async (t) => void (await t.add(rows)), options);
}
/** `table.delete(predicate)`, undone if it fails. */
export function deleteWithBackup(table, predicate, options) {
    return withTableBackup(table, async (t) => void (await t.delete(predicate)), options);
}
/** `table.update(update)`, undone if it fails. */
export function updateWithBackup(table, update, options) {
    return withTableBackup(table, async (t) => void (await t.update.call(t, update)), options);
}
