import path from 'node:path';
import { INDEX_FORMATS } from '../formats/selection.js';
import { ValidationError } from '../core/errors.js';
import { PORTABILITY_MODES } from '../core/portability.js';
import { assertSeriesName, assertSnapshotId, seriesNameFor } from '../core/snapshot-id.js';
export const MODES = ['backup', 'restore', 'verify'];
export const BACKENDS = ['cache', 'artifact', 'local', 's3', 'azure'];
export const INCREMENTAL = ['auto', 'true', 'false'];
function choice(get, name, allowed, fallback) {
    const v = get(name).trim();
    if (v === '')
        return fallback;
    if (!allowed.includes(v)) {
        throw new ValidationError(`invalid input ${name}: ${JSON.stringify(v)}`, { hint: `valid values: ${allowed.join(', ')}` });
    }
    return v;
}
function bool(get, names, fallback) {
    for (const name of names) {
        const v = get(name).trim().toLowerCase();
        if (v === '')
            continue;
        if (['true', 'yes', '1', 'on'].includes(v))
            return true;
        if (['false', 'no', '0', 'off'].includes(v))
            return false;
        throw new ValidationError(`invalid input ${name}: ${JSON.stringify(v)}`, { hint: 'valid values: true, false' });
    }
    return fallback;
}
function int(get, name, min, max) {
    const v = get(name).trim();
    if (v === '')
        return undefined;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
        throw new ValidationError(`invalid input ${name}: ${JSON.stringify(v)}`, { hint: `give a whole number from ${min} to ${max}` });
    }
    return Number(v);
}
/**
 * Parses and validates the action's inputs. Names that mean the same as in actions/cache or
 * upload-artifact are accepted too (`fail-on-cache-miss`, `lookup-only`, `retention-days`), so
 * workflows can switch with their habits intact.
 */
export function readInputs(get, workspace) {
    const mode = choice(get, 'mode', MODES, 'backup');
    const rel = get('path').trim();
    if (rel === '')
        throw new ValidationError('input path is required', { hint: 'set path: to the index directory, relative to the workspace' });
    const resolved = resolveInWorkspace(rel, workspace);
    const nameInput = get('name').trim();
    const name = nameInput === '' ? seriesNameFor(rel.replace(/[\\/]+$/, '').split(/[\\/]/).filter(Boolean).join('-') || 'index') : assertSeriesName(nameInput);
    const backend = choice(get, 'backend', BACKENDS, 'cache');
    const store = get('store').trim() || undefined;
    if (backend === 'local' && !store)
        throw new ValidationError('backend local needs the store input', { hint: 'set store: to a directory, e.g. ${{ runner.temp }}/vault' });
    if (backend === 's3' && !store?.startsWith('s3://'))
        throw new ValidationError('backend s3 needs store: s3://bucket/prefix', { hint: 'credentials come from the AWS chain, e.g. aws-actions/configure-aws-credentials' });
    if (backend === 'azure' && !store?.startsWith('azure://'))
        throw new ValidationError('backend azure needs store: azure://container/prefix', { hint: 'credentials come from AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_SAS_URL in env' });
    const snapshotInput = get('snapshot').trim();
    const runIdInput = get('run-id').trim();
    if (runIdInput !== '' && !/^\d+$/.test(runIdInput))
        throw new ValidationError(`invalid input run-id: ${JSON.stringify(runIdInput)}`, { hint: 'give the numeric id of a workflow run (github.run_id of that run)' });
    return {
        mode,
        path: resolved,
        name,
        backend,
        store: store === undefined ? undefined : backend === 's3' || backend === 'azure' ? store : resolveInWorkspace(store, workspace, true),
        snapshot: snapshotInput === '' || snapshotInput === 'latest' ? undefined : assertSnapshotId(snapshotInput),
        incremental: choice(get, 'incremental', INCREMENTAL, 'auto'),
        compressionLevel: int(get, 'compression-level', 1, 19),
        format: choice(get, 'format', INDEX_FORMATS, 'auto'),
        portability: choice(get, 'portability', PORTABILITY_MODES, 'error'),
        retentionDays: int(get, 'retention-days', 1, 400),
        githubToken: get('github-token').trim() || undefined,
        runId: runIdInput === '' ? undefined : Number(runIdInput),
        failOnMiss: bool(get, ['fail-on-miss', 'fail-on-cache-miss'], true),
        lookupOnly: bool(get, ['lookup-only'], false),
        verify: bool(get, ['verify'], true),
        deepVerify: bool(get, ['deep-verify'], false),
        hashCache: bool(get, ['hash-cache'], true),
        s3Endpoint: get('s3-endpoint').trim() || undefined,
        s3Region: get('s3-region').trim() || undefined,
        s3PathStyle: get('s3-path-style').trim() === '' ? undefined : bool(get, ['s3-path-style'], false),
    };
}
/** A relative path is taken from the workspace; only `store` may point outside it (e.g. runner.temp). */
function resolveInWorkspace(p, workspace, allowOutside = false) {
    const resolved = path.resolve(workspace, p);
    const rel = path.relative(workspace, resolved);
    if (!allowOutside && (path.isAbsolute(p) || rel.startsWith('..') || path.isAbsolute(rel))) {
        throw new ValidationError(`input path must be a directory inside the workspace, got ${JSON.stringify(p)}`, { hint: 'give the index directory relative to the repository checkout' });
    }
    return resolved;
}
