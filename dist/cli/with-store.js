import { assertSeriesName, assertSnapshotId } from '../snapshot/snapshot-id.js';
import { openCliStore } from './open-store.js';
import { seconds } from './option-values.js';
import { createProgressReporter } from './progress.js';
import { cliSigning } from './signing.js';
/** Checks the options every store command shares, opens the store, and runs `body` on it. */
export async function withStore(inv, body, mayCreate = false, signs = false) {
    const { values, io, json } = inv;
    const progress = values.quiet ? undefined : createProgressReporter(io.stderr);
    const name = values.name === undefined ? undefined : assertSeriesName(values.name);
    const snapshot = values.snapshot === undefined ? undefined : assertSnapshotId(values.snapshot);
    const waitMs = values.wait === undefined ? undefined : seconds(values.wait, '--wait') * 1000;
    const signing = signs ? cliSigning(values, io.env) : undefined;
    // Arguments first: a bad flag is reported as such, whatever the store.
    const store = await openCliStore(values, io.env, inv.logger, mayCreate);
    const out = (obj, text) => io.stdout.write(json ? `${JSON.stringify(obj)}\n` : `${text}\n`);
    try {
        return await body({ ...inv, store, progress, name, snapshot, waitMs, signing, out });
    }
    finally {
        progress?.done();
    }
}
