/** Which files of a directory make a consistent snapshot of the index in it. */
export interface IndexSelection {
  format: 'lancedb' | 'tantivy';
  /** Recorded in the manifest: what was pinned (versions, row counts, segments). */
  facts: Record<string, unknown>;
  /** Relative POSIX paths to store, with the size the index's own metadata records (0 = unknown). */
  files: Map<string, number>;
  /** Paths to store after all others (Tantivy's meta.json), in this order. */
  last: string[];
  /** Files whose content the selection was made from (path → bytes as read): stored as read, never re-read. */
  pinned: Map<string, Buffer>;
}

export const INDEX_FORMATS = ['auto', 'lancedb', 'tantivy', 'dir'] as const;
export type IndexFormat = (typeof INDEX_FORMATS)[number];
