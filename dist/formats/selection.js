export const INDEX_FORMATS = ['auto', 'lancedb', 'tantivy', 'dir'];
/** Which versions of a LanceDB table a snapshot keeps: the newest, the newest and every tagged one, or every committed one. */
export const LANCE_VERSION_MODES = ['latest', 'tagged', 'all'];
