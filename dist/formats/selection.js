import { isIndexVaultError } from '../shared/errors.js';
/** What a backup may be told the directory holds: `auto` detects a built-in format, `dir` stores every file. */
export const INDEX_FORMATS = ['auto', 'lancedb', 'tantivy', 'dir'];
/** Which versions of a LanceDB table a snapshot keeps: the newest, the newest and every tagged one, or every committed one. */
export const LANCE_VERSION_MODES = ['latest', 'tagged', 'all'];
/** The versions kept when none are asked for. */
export const DEFAULT_LANCE_VERSIONS = 'tagged';
/** Whether a failed snapshot attempt should simply be taken again: a file the selection pinned vanished. */
export function isVanished(err) {
    return isIndexVaultError(err) && (err.details.vanished === true || (err.code === 'E_IO' && err.details.errno === 'ENOENT'));
}
