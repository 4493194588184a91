import { type IndexFormat } from '../formats/selection.js';
import { type PortabilityMode } from '../core/portability.js';
export declare const MODES: readonly ["backup", "restore", "verify"];
export declare const BACKENDS: readonly ["cache", "artifact", "local", "s3", "azure"];
export declare const INCREMENTAL: readonly ["auto", "true", "false"];
export interface ActionInputs {
    mode: (typeof MODES)[number];
    /** The index directory, resolved against the workspace. */
    path: string;
    name: string;
    backend: (typeof BACKENDS)[number];
    /** Directory of the local store (backend `local`). */
    store?: string;
    snapshot?: string;
    incremental: (typeof INCREMENTAL)[number];
    compressionLevel?: number;
    format: IndexFormat;
    portability: PortabilityMode;
    retentionDays?: number;
    githubToken?: string;
    runId?: number;
    failOnMiss: boolean;
    lookupOnly: boolean;
    verify: boolean;
    deepVerify: boolean;
    /** Keep file hashes in the runner's local hash cache (backup and restore). */
    hashCache: boolean;
    s3Endpoint?: string;
    s3Region?: string;
    s3PathStyle?: boolean;
}
/** Reads one input by name; returns '' when it is not set (as `@actions/core.getInput` does). */
export type InputReader = (name: string) => string;
/**
 * Parses and validates the action's inputs. Names that mean the same as in actions/cache or
 * upload-artifact are accepted too (`fail-on-cache-miss`, `lookup-only`, `retention-days`), so
 * workflows can switch with their habits intact.
 */
export declare function readInputs(get: InputReader, workspace: string): ActionInputs;
