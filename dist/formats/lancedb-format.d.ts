import type { IndexFormat } from './index-format.js';
/** A LanceDB database (tables `*.lance` inside) or a single table directory. */
export declare const lancedbFormat: IndexFormat;
