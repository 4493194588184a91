import type { IndexSelection } from './selection.js';
export interface LanceTableFacts {
    table: string;
    version: number;
    rows: number;
}
/** A LanceDB database directory (tables `*.lance` inside) or a single table directory. */
export declare function detectLance(dir: string): Promise<string[] | undefined>;
/** Selects the files of every table at its newest committed version, and checks their sizes against the manifests. */
export declare function selectLance(root: string, tables: string[]): Promise<IndexSelection>;
/** Whether a failed snapshot attempt should simply be taken again: a file it pinned vanished. */
export declare function isVanished(err: unknown): boolean;
