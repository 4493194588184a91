import type { IndexSelection } from './selection.js';
interface TantivyMeta {
    segments: Array<{
        segment_id: string;
        max_doc: number;
        deletes: {
            num_deleted_docs: number;
            opstamp: number;
        } | null;
    }>;
    opstamp: number;
}
/** The files a restored index's `.managed.json` lists: meta.json and the segment files, never the user's own files. */
export declare function tantivyManagedFiles(paths: string[]): string[];
export declare function readTantivyMeta(dir: string): Promise<(TantivyMeta & {
    bytes: Buffer;
}) | undefined>;
/**
 * Reads meta.json once and selects exactly the segment files it lists; meta.json itself goes
 * last. Other files are stored as they are, except what `excludeTantivy` leaves out.
 */
export declare function selectTantivy(dir: string, meta: TantivyMeta & {
    bytes: Buffer;
}): Promise<IndexSelection>;
export {};
