import fs from 'node:fs/promises';
import path from 'node:path';
import { ChangedError, IntegrityError } from '../shared/errors.js';
const COMPONENTS = ['idx', 'pos', 'term', 'store', 'fast', 'fieldnorm'];
/** A file Tantivy writes for a segment: `<segment id>.<component>`, `<segment id>.<opstamp>.del`, or the doc store being built (`.store.temp`). */
const SEGMENT_FILE = new RegExp(`^[0-9a-f]{32}\\.(?:${COMPONENTS.join('|')}|store\\.temp|\\d+\\.del)$`);
/** The temporary file of Tantivy's atomic writes (the `tempfile` crate's default name), renamed over meta.json. */
const ATOMIC_WRITE_TEMP = /^\.tmp[A-Za-z0-9]{6}$/;
/** Named by Tantivy for one writer's lifetime; `.managed.json` is written afresh by every restore. */
const TRANSIENT = new Map([
    ['.tantivy-writer.lock', 'transient: Tantivy writer lock'],
    ['.tantivy-meta.lock', 'transient: Tantivy meta lock'],
    ['.managed.json', 'transient: Tantivy file list, written afresh by restore'],
]);
/**
 * The exclusion rule of a Tantivy directory: lock files, `.managed.json` and temporary files of
 * atomic writes (`.tmpXXXXXX`) are transient; a segment file meta.json does not list belongs to
 * another commit (one merged away, or one a writer has not committed yet). Everything else — the
 * user's files, subdirectories — is kept.
 */
function excludeTantivy(files, rel, type) {
    if (rel.includes('/') || type !== 'file' || files.has(rel))
        return undefined;
    const transient = TRANSIENT.get(rel);
    if (transient)
        return transient;
    if (ATOMIC_WRITE_TEMP.test(rel))
        return 'transient: temporary file of an atomic write';
    return SEGMENT_FILE.test(rel) ? 'segment file of a commit other than the one stored' : undefined;
}
/** The files a restored index's `.managed.json` lists: meta.json and the segment files, never the user's own files. */
export function tantivyManagedFiles(paths) {
    return paths.filter((p) => p === 'meta.json' || SEGMENT_FILE.test(p));
}
export async function readTantivyMeta(dir) {
    let bytes;
    try {
        bytes = await fs.readFile(path.join(dir, 'meta.json'));
    }
    catch {
        return undefined;
    }
    try {
        const meta = JSON.parse(bytes.toString('utf8'));
        return Array.isArray(meta.segments) ? { ...meta, bytes } : undefined;
    }
    catch (err) {
        throw new IntegrityError(`${path.join(dir, 'meta.json')} is not valid JSON`, { cause: err });
    }
}
/**
 * Reads meta.json once and selects exactly the segment files it lists; meta.json itself goes
 * last. Other files are stored as they are, except what `excludeTantivy` leaves out.
 */
export async function selectTantivy(dir, meta) {
    const files = new Map();
    const names = new Set(await fs.readdir(dir));
    let docs = 0;
    const segments = [];
    const ids = meta.segments.map((s) => {
        const id = s.segment_id.replace(/-/g, '');
        if (!/^[0-9a-f]{32}$/.test(id))
            throw new IntegrityError(`meta.json lists a segment with a malformed id ${JSON.stringify(s.segment_id)}`);
        return id;
    });
    // One schema, one set of component files per segment: a segment missing one that others have
    // is being garbage-collected under us, and the snapshot is taken again from a fresh meta.json.
    const components = COMPONENTS.filter((c) => ids.some((id) => names.has(`${id}.${c}`)));
    for (const [i, s] of meta.segments.entries()) {
        const id = ids[i];
        const missing = components.find((c) => !names.has(`${id}.${c}`));
        if (missing)
            throw new ChangedError(`segment file ${id}.${missing} listed through meta.json vanished`, {
                details: { path: `${id}.${missing}`, vanished: true },
            });
        for (const c of components)
            files.set(`${id}.${c}`, 0);
        if (s.deletes) {
            const del = `${id}.${s.deletes.opstamp}.del`;
            if (!names.has(del))
                throw new ChangedError(`${del} listed in meta.json is missing`, { details: { path: del, vanished: true } });
            files.set(del, 0);
        }
        const live = s.max_doc - (s.deletes?.num_deleted_docs ?? 0);
        docs += live;
        segments.push({ id, docs: live });
    }
    files.set('meta.json', 0);
    // The stored meta.json is the very one read here, not a newer commit's that may list other segments.
    return {
        format: 'tantivy',
        facts: { opstamp: meta.opstamp, docs, segments },
        files,
        last: ['meta.json'],
        pinned: new Map([['meta.json', meta.bytes]]),
        exclude: (rel, type) => excludeTantivy(files, rel, type),
    };
}
