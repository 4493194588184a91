import { isIndexVaultError } from '../shared/errors.js';

/** Which files of a directory make a consistent snapshot of the index in it. */
export interface IndexSelection {
  /** The name of the format that made it (`IndexFormat.name`), recorded as the manifest's `source.format`. */
  format: string;
  /** Recorded in the manifest: what was pinned (versions, row counts, segments). */
  facts: Record<string, unknown>;
  /** Relative POSIX paths to store, with the size the index's own metadata records (0 = unknown). */
  files: Map<string, number>;
  /** Paths to store after all others (Tantivy's meta.json), in this order. */
  last: string[];
  /** Files whose content the selection was made from (path → bytes as read): stored as read, never re-read. */
  pinned: Map<string, Buffer>;
  /**
   * Why a path is left out — it is provably transient, or provably part of another version of the
   * index than the one(s) stored — or undefined: everything else is stored, index file or not.
   */
  exclude: (rel: string, type: 'file' | 'dir' | 'symlink') => string | undefined;
}

/** What a backup may be told the directory holds: `auto` detects a built-in format, `dir` stores every file. */
export const INDEX_FORMATS = ['auto', 'lancedb', 'tantivy', 'dir'] as const;
export type FormatChoice = (typeof INDEX_FORMATS)[number];

/** Which versions of a LanceDB table a snapshot keeps: the newest, the newest and every tagged one, or every committed one. */
export const LANCE_VERSION_MODES = ['latest', 'tagged', 'all'] as const;
export type LanceVersionMode = (typeof LANCE_VERSION_MODES)[number];
/** The versions kept when none are asked for. */
export const DEFAULT_LANCE_VERSIONS: LanceVersionMode = 'tagged';

/** Whether a failed snapshot attempt should simply be taken again: a file the selection pinned vanished. */
export function isVanished(err: unknown): boolean {
  return isIndexVaultError(err) && (err.details.vanished === true || (err.code === 'E_IO' && err.details.errno === 'ENOENT'));
}
