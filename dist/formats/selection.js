export const INDEX_FORMATS = ['auto', 'lancedb', 'tantivy', 'dir'];
