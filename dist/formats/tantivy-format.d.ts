import type { IndexFormat } from './index-format.js';
/** A Tantivy index directory: meta.json and the segment files it lists. */
export declare const tantivyFormat: IndexFormat;
