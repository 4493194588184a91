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
export declare function readTantivyMeta(dir: string): Promise<(TantivyMeta & {
    bytes: Buffer;
}) | undefined>;
/**
 * Reads meta.json once and selects exactly the segment files it lists; meta.json itself goes
 * last, and lock files and .managed.json are never stored (a restore writes its own).
 */
export declare function selectTantivy(dir: string, meta: TantivyMeta & {
    bytes: Buffer;
}): Promise<IndexSelection>;
export {};
