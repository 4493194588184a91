import type { LanceTableFacts } from './lancedb.js';
/**
 * Opens every restored table with LanceDB itself and checks it is at the pinned version with the
 * pinned row count, that every older version stored opens with its row count, and the tags. `@lancedb/lancedb` is an optional peer dependency, loaded only here.
 */
export declare function deepVerifyLance(dir: string, tables: LanceTableFacts[], singleTableName?: string): Promise<void>;
