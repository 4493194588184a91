import type { IndexSelection, LanceVersionMode } from './selection.js';
export interface LanceTableFacts {
    table: string;
    /** The newest stored version: a restored table opens at it. */
    version: number;
    rows: number;
    /** Every stored version, newest first, with its live row count. */
    versions?: Array<{
        version: number;
        rows: number;
    }>;
    /** Tags kept, by name, with the version each names. */
    tags?: Record<string, number>;
}
/** A LanceDB database directory (tables `*.lance` inside) or a single table directory. */
export declare function detectLance(dir: string): Promise<string[] | undefined>;
/**
 * Selects the files of the versions `mode` keeps of every table, and checks their sizes against
 * the manifests. Files outside the tables, and files in a table that LanceDB never writes, are
 * the user's and are stored as they are.
 */
export declare function selectLance(root: string, tables: string[], mode?: LanceVersionMode): Promise<IndexSelection>;
