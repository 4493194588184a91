import fs from 'node:fs/promises';
import path from 'node:path';
import { importOptional } from '../formats/optional-module.js';
import { IndexVaultError, NotFoundError, UnsupportedError, ValidationError } from '../core/errors.js';
import { detectLance } from '../formats/lancedb.js';
/** `@lancedb/lancedb` is an optional peer dependency: loaded only when this strategy runs. */
export async function loadLance() {
    try {
        return await importOptional('@lancedb/lancedb');
    }
    catch (err) {
        throw new UnsupportedError('the lance-version strategy needs the @lancedb/lancedb package', {
            cause: err,
            hint: 'npm install @lancedb/lancedb, or use the directory-copy strategy',
        });
    }
}
export function tagName(id) {
    return `index-vault-${id}`;
}
/** Pins the table's current version with a tag, so `optimize` cleanup cannot delete it. */
export async function pinVersion(table, tag) {
    const version = await table.version();
    await (await table.tags()).create(tag, version);
    return version;
}
/** Makes `version` the table's newest version again (a new commit holding the old content). */
export async function rollbackTo(table, version) {
    await table.checkout(version);
    await table.restore();
}
/** Removes the pin; a tag that is already gone is fine. */
export async function unpin(table, tag) {
    try {
        await (await table.tags()).delete(tag);
    }
    catch (err) {
        if (!/not (exist|found)/i.test(err.message))
            throw err;
    }
}
async function layoutOf(target) {
    const tables = await detectLance(target);
    if (tables?.length === 1 && tables[0] === '')
        return { db: path.dirname(target), single: path.basename(target).replace(/\.lance$/, '') };
    if (tables)
        return { db: target };
    const names = await fs.readdir(target).catch(() => []);
    if (names.length > 0) {
        throw new ValidationError(`${target} is neither a LanceDB database nor a table directory`, {
            hint: 'use the directory-copy strategy for other directories',
        });
    }
    return { db: target };
}
async function withConnection(db, fn) {
    const lancedb = await loadLance();
    const conn = await lancedb.connect(db);
    try {
        return await fn(conn);
    }
    finally {
        conn.close();
    }
}
async function withTable(conn, name, fn) {
    const table = await conn.openTable(name);
    try {
        return await fn(table);
    }
    finally {
        table.close();
    }
}
/**
 * Records each table's version and tags it; a rollback commits that version again. Nothing is
 * copied, so it costs milliseconds whatever the table's size. Tables created by the operation
 * are dropped on rollback; a table the operation dropped cannot be brought back (its files are gone).
 */
export const lanceVersion = {
    async create(ctx) {
        const layout = await layoutOf(ctx.target);
        const tag = tagName(ctx.id);
        return withConnection(layout.db, async (conn) => {
            const names = layout.single ? [layout.single] : await conn.tableNames();
            const pinned = [];
            try {
                for (const name of names)
                    pinned.push({ name, version: await withTable(conn, name, (t) => pinVersion(t, tag)) });
            }
            catch (err) {
                for (const p of pinned)
                    await withTable(conn, p.name, (t) => unpin(t, tag)).catch(() => { });
                throw err;
            }
            return { db: layout.db, single: layout.single ?? null, tag, tables: pinned };
        });
    },
    async restore(ctx, state) {
        const tables = state.tables;
        const failures = [];
        await withConnection(String(state.db), async (conn) => {
            const present = new Set(await conn.tableNames());
            if (state.single === null) {
                const known = new Set(tables.map((t) => t.name));
                for (const name of present)
                    if (!known.has(name))
                        await conn.dropTable(name);
            }
            for (const t of tables) {
                if (!present.has(t.name)) {
                    failures.push(`table ${t.name} was dropped by the operation and cannot be brought back by version`);
                    continue;
                }
                await withTable(conn, t.name, (table) => rollbackTo(table, t.version));
            }
        });
        if (failures.length > 0) {
            throw new NotFoundError(failures.join('; '), { hint: 'use the directory-copy strategy for operations that drop tables' });
        }
    },
    async cleanup(ctx, state) {
        const tables = state.tables;
        await withConnection(String(state.db), async (conn) => {
            const present = new Set(await conn.tableNames());
            const errors = [];
            for (const t of tables) {
                if (!present.has(t.name))
                    continue;
                await withTable(conn, t.name, (table) => unpin(table, String(state.tag))).catch((err) => errors.push(`${t.name}: ${err.message}`));
            }
            if (errors.length > 0)
                throw new IndexVaultError('E_IO', `cannot remove the backup tag ${String(state.tag)} from ${errors.join('; ')}`, { hint: 'delete the tag with table.tags().delete(…)' });
        });
    },
};
