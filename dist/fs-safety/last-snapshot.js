import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { CODECS } from '../snapshot/codec.js';
import { makePrivateDir, PRIVATE_FILE_MODE } from './private-files.js';
const VERSION = 1;
/** Far more than a record of the largest snapshot's packs takes. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** The record of the tree whose hash cache is `cacheFile` (`<hash of the root>.bin`): beside it, named alike. */
export function lastSnapshotFile(cacheFile) {
    return cacheFile.replace(/\.bin$/, '.last.json');
}
/** The record kept at `file`, or undefined when there is none or it is unreadable, damaged or of another version. */
export async function readLastSnapshot(file, logger) {
    try {
        const fh = await fs.open(file, 'r');
        let text;
        try {
            const { size } = await fh.stat();
            if (size > MAX_FILE_BYTES)
                throw new Error(`${size} bytes, more than a record can hold`);
            text = await fh.readFile('utf8');
        }
        finally {
            await fh.close();
        }
        const record = checkRecord(JSON.parse(text));
        if (!record)
            throw new Error('not a record of the last snapshot');
        return record;
    }
    catch (err) {
        if (err.code !== 'ENOENT')
            logger.debug(`ignoring ${file} (${err.message}): the newest manifest will be read`);
        return undefined;
    }
}
/** Writes the record atomically. Never throws: a failure only means the next backup reads the manifest. */
export async function writeLastSnapshot(file, record, logger) {
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
        await makePrivateDir(path.dirname(file));
        await fs.writeFile(tmp, `${JSON.stringify({ version: VERSION, ...record })}\n`, { flag: 'wx', mode: PRIVATE_FILE_MODE });
        await fs.rename(tmp, file);
    }
    catch (err) {
        await fs.rm(tmp, { force: true }).catch(() => { });
        logger.debug(`could not save ${file} (${err.message}); the next backup reads the newest manifest`);
    }
}
const HEX64 = /^[0-9a-f]{64}$/;
const isCount = (v) => Number.isSafeInteger(v) && v >= 0;
const isText = (v) => typeof v === 'string' && v.length > 0;
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
/** The record if every field has its type, as written by `writeLastSnapshot`; anything else is not one. */
function checkRecord(v) {
    if (!isObject(v) || v.version !== VERSION)
        return undefined;
    const { source, store, series, options, tree, namesClean, names, manifest, placesChecked, snapshot } = v;
    if (!isText(source) || !isText(store) || !isText(series) || typeof namesClean !== 'boolean')
        return undefined;
    if (names !== undefined && (typeof names !== 'string' || !HEX64.test(names)))
        return undefined;
    if (typeof options !== 'string' || !HEX64.test(options) || typeof tree !== 'string' || !HEX64.test(tree))
        return undefined;
    if (!isObject(manifest) || !isCount(manifest.size) || typeof manifest.sha256 !== 'string' || !HEX64.test(manifest.sha256))
        return undefined;
    const head = checkHead(snapshot);
    if (!head || head.series !== series)
        return undefined;
    return {
        source,
        store,
        series,
        options,
        tree,
        namesClean,
        ...(names !== undefined ? { names } : {}),
        manifest: { size: manifest.size, sha256: manifest.sha256 },
        placesChecked: placesChecked === true,
        snapshot: head,
    };
}
function checkHead(v) {
    if (!isObject(v))
        return undefined;
    const { id, series, digest, depth, parent, packs, totals } = v;
    if (!isText(id) || !isText(series) || !isText(digest) || !isCount(depth))
        return undefined;
    let parentOf = null;
    if (parent !== null) {
        if (!isObject(parent) || !isText(parent.id) || !isText(parent.digest))
            return undefined;
        parentOf = { id: parent.id, digest: parent.digest };
    }
    if (!Array.isArray(packs) || !isObject(totals))
        return undefined;
    const packList = [];
    for (const p of packs) {
        if (!isObject(p) || !isText(p.name) || !isText(p.origin) || !CODECS.includes(p.codec))
            return undefined;
        if (!isCount(p.size) || !isCount(p.rawSize) || typeof p.sha256 !== 'string' || !HEX64.test(p.sha256))
            return undefined;
        packList.push({
            name: p.name,
            origin: p.origin,
            codec: p.codec,
            size: p.size,
            sha256: p.sha256,
            rawSize: p.rawSize,
        });
    }
    const { files, dirs, symlinks, bytes, packedBytes, storedBytes } = totals;
    if (![files, dirs, symlinks, bytes, packedBytes, storedBytes].every(isCount))
        return undefined;
    return {
        id,
        series,
        digest,
        depth,
        parent: parentOf,
        packs: packList,
        totals: {
            files: files,
            dirs: dirs,
            symlinks: symlinks,
            bytes: bytes,
            packedBytes: packedBytes,
            storedBytes: storedBytes,
        },
    };
}
