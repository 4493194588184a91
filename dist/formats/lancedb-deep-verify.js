import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { importOptional } from './optional-module.js';
import { IntegrityError, UnsupportedError } from '../shared/errors.js';
/**
 * Opens every restored table with LanceDB itself and checks it is at the pinned version with the
 * pinned row count, that every older version stored opens with its row count, and the tags. `@lancedb/lancedb` is an optional peer dependency, loaded only here.
 */
export async function deepVerifyLance(dir, tables, singleTableName) {
    let lancedb;
    try {
        lancedb = await importOptional('@lancedb/lancedb');
    }
    catch (err) {
        throw new UnsupportedError('deep verification of a LanceDB snapshot needs the @lancedb/lancedb package', {
            cause: err,
            hint: 'npm install @lancedb/lancedb, or restore without deep verification',
            details: { remedy: 'no-deep-verify' },
        });
    }
    // A single table restored into a staging directory is opened through a link with its real name.
    let linkDir;
    let dbDir = dir;
    if (singleTableName !== undefined) {
        linkDir = await fs.mkdtemp(path.join(os.tmpdir(), 'index-vault-verify-'));
        await fs.symlink(dir, path.join(linkDir, `${singleTableName}.lance`), 'dir');
        dbDir = linkDir;
    }
    const db = await lancedb.connect(dbDir);
    try {
        for (const t of tables) {
            const table = await db.openTable(singleTableName ?? t.table);
            try {
                const [version, rows] = [await table.version(), await table.countRows()];
                if (version !== t.version || rows !== t.rows) {
                    throw new IntegrityError(`restored table ${t.table} opens at version ${version} with ${rows} rows; the snapshot pinned version ${t.version} with ${t.rows}`, {
                        hint: 'the snapshot does not hold a consistent table; restore another snapshot',
                    });
                }
                await verifyHistory(table, t);
            }
            finally {
                table.close();
            }
        }
    }
    finally {
        db.close();
        if (linkDir)
            await fs.rm(linkDir, { recursive: true, force: true });
    }
}
/** Every older version the snapshot recorded opens with its row count, and the tags are the recorded ones. */
async function verifyHistory(table, t) {
    const broken = (what) => new IntegrityError(`restored table ${t.table}: ${what}`, {
        hint: 'the snapshot does not hold a consistent table; restore another snapshot',
    });
    if (t.tags) {
        const listed = await (await table.tags()).list();
        const got = Object.fromEntries(Object.entries(listed).map(([k, v]) => [k, v.version]));
        const want = Object.entries(t.tags).sort();
        if (JSON.stringify(Object.entries(got).sort()) !== JSON.stringify(want))
            throw broken(`tags ${JSON.stringify(got)} differ from the recorded ${JSON.stringify(t.tags)}`);
    }
    for (const v of t.versions ?? []) {
        if (v.version === t.version)
            continue;
        let rows;
        try {
            await table.checkout(v.version);
            rows = await table.countRows();
        }
        catch (err) {
            throw broken(`version ${v.version} does not open (${err.message.split('\n')[0]})`);
        }
        if (rows !== v.rows)
            throw broken(`version ${v.version} has ${rows} rows; the snapshot recorded ${v.rows}`);
    }
    await table.checkoutLatest();
}
