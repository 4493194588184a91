import { createHash } from 'node:crypto';
import { DEFAULT_LANCE_VERSIONS } from '../formats/selection.js';
import { TOOL } from '../shared/version.js';
/**
 * A digest of every option that decides what the scan holds and how it is checked, and of this
 * version (whose rules the recorded tree passed): another value, and a record of the last
 * snapshot (last-snapshot.ts) is not used.
 */
export function recordOptionsOf(o) {
    const decisive = [
        TOOL,
        o.formatChoice,
        o.formats.map((f) => f.name),
        // Options as they take effect: left out and given as the default are the same backup (the CLI leaves it out, the action gives it).
        o.lanceVersions ?? DEFAULT_LANCE_VERSIONS,
        o.portability ?? 'error',
        o.followLinks === true,
    ];
    return createHash('sha256').update(JSON.stringify(decisive)).digest('hex');
}
