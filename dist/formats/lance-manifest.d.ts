/** What a Lance version needs on disk, read from its manifest (lance `protos/table.proto`). */
export interface LanceVersionFiles {
    version: number;
    /** Live rows: physical rows minus deleted rows, over all fragments. */
    rows: number;
    /** Files relative to the table directory, with the size the manifest records (0 = unknown). */
    files: Map<string, number>;
    /** Index directories relative to the table directory (`_indices/<uuid>`), copied whole. */
    indexDirs: string[];
}
/** Version number of a `_versions/` file name: `{u64::MAX - v}.manifest` (V2 naming) or `{v}.manifest`. */
export declare function versionOfManifestName(name: string): number | undefined;
/**
 * Reads a Lance manifest file: `[u32 len][Manifest]` at the position the footer
 * `[i64 pos][u16 major][u16 minor]"LANC"` names, and the index section it points to.
 */
export declare function readLanceManifest(file: string, versionFile: string): Promise<LanceVersionFiles>;
