import fs from 'node:fs/promises';
import path from 'node:path';
import { ChangedError, IntegrityError, isIndexVaultError, NotFoundError } from '../core/errors.js';
import { readLanceManifest, versionOfManifestName } from './lance-manifest.js';
async function isTable(dir) {
    return fs.stat(path.join(dir, '_versions')).then((s) => s.isDirectory(), () => false);
}
/** A LanceDB database directory (tables `*.lance` inside) or a single table directory. */
export async function detectLance(dir) {
    if (dir.endsWith('.lance') && (await isTable(dir)))
        return [''];
    const names = await fs.readdir(dir).catch(() => []);
    const tables = [];
    for (const n of names.sort())
        if (n.endsWith('.lance') && (await isTable(path.join(dir, n))))
            tables.push(n);
    return tables.length > 0 ? tables : undefined;
}
async function listAll(dir, rel, out) {
    for (const d of await fs.readdir(dir, { withFileTypes: true })) {
        const r = `${rel}/${d.name}`;
        if (d.isDirectory())
            await listAll(path.join(dir, d.name), r, out);
        else if (d.isFile())
            out.push(r);
    }
}
/**
 * Pins the newest committed version of one table and lists exactly the files it needs: its
 * manifest, data and deletion files, index directories, and tags that point at it. Staging and
 * temporary names never match, since only `<number>.manifest` names are considered.
 */
async function pinTable(root, table) {
    const tableDir = table ? path.join(root, table) : root;
    const prefix = table ? `${table}/` : '';
    const names = await fs.readdir(path.join(tableDir, '_versions'));
    const versions = names
        .map((n) => ({ n, v: versionOfManifestName(n) }))
        .filter((x) => x.v !== undefined)
        .sort((a, b) => b.v - a.v);
    if (versions.length === 0)
        throw new NotFoundError(`Lance table ${tableDir} has no committed version`, { hint: 'is the table still being created?' });
    const newest = versions[0];
    const pinned = await readLanceManifest(path.join(tableDir, '_versions', newest.n), newest.n);
    const files = new Map();
    for (const [rel, size] of pinned.files)
        files.set(prefix + rel, size);
    for (const idx of pinned.indexDirs) {
        const found = [];
        await listAll(path.join(tableDir, ...idx.split('/')), idx, found);
        for (const f of found)
            files.set(prefix + f, 0);
    }
    const tagDir = path.join(tableDir, '_refs', 'tags');
    for (const n of await fs.readdir(tagDir).catch(() => [])) {
        const tag = await fs.readFile(path.join(tagDir, n), 'utf8').then((t) => JSON.parse(t), () => undefined);
        if (n.endsWith('.json') && tag?.version === pinned.version)
            files.set(`${prefix}_refs/tags/${n}`, 0);
    }
    return { facts: { table: table.replace(/\.lance$/, ''), version: pinned.version, rows: pinned.rows }, files };
}
/** Selects the files of every table at its newest committed version, and checks their sizes against the manifests. */
export async function selectLance(root, tables) {
    const files = new Map();
    const facts = [];
    for (const t of tables) {
        const p = await pinTable(root, t).catch((err) => {
            if (isIndexVaultError(err, 'E_INTEGRITY')) {
                throw new IntegrityError(`${path.join(root, t)} looks like a LanceDB table but ${err.message}`, {
                    hint: 'if it is not a LanceDB table, back it up with --format dir',
                    cause: err,
                });
            }
            throw err;
        });
        facts.push(p.facts);
        for (const [k, v] of p.files)
            files.set(k, v);
    }
    for (const [rel, size] of files) {
        const st = await fs.stat(path.join(root, ...rel.split('/'))).catch((err) => {
            // A cleanup removed it after the manifest was read: the caller retries on a newer version.
            throw new ChangedError(`${rel} vanished while the table was being pinned`, { cause: err, details: { path: rel, vanished: true } });
        });
        if (size > 0 && st.size !== size) {
            throw new ChangedError(`${rel} has ${st.size} bytes but its manifest records ${size}`, { hint: 'the table is being written to or is damaged', details: { path: rel } });
        }
    }
    return { format: 'lancedb', facts: { tables: facts }, files, last: [], pinned: new Map() };
}
/** Whether a failed snapshot attempt should simply be taken again: a file it pinned vanished. */
export function isVanished(err) {
    return isIndexVaultError(err) && (err.details.vanished === true || (err.code === 'E_IO' && err.details.errno === 'ENOENT'));
}
