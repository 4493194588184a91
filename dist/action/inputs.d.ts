import { type FormatChoice, type LanceVersionMode } from '../formats/selection.js';
import { type PortabilityMode } from '../fs-safety/portability.js';
import { type SigningOptions } from '../snapshot/signature.js';
export declare const MODES: readonly ["backup", "restore", "verify"];
export declare const BACKENDS: readonly ["cache", "artifact", "local", "s3", "azure"];
export declare const INCREMENTAL: readonly ["auto", "true", "false"];
export declare const SAVE: readonly ["none", "post"];
export declare const SAVE_ON: readonly ["success", "failure-too", "always"];
export interface ActionInputs {
    mode: (typeof MODES)[number];
    /** The index directory, resolved against the workspace (or absolute, or `~/…`). */
    path: string;
    /** As the workflow wrote it, for messages. */
    pathInput: string;
    name: string;
    backend: (typeof BACKENDS)[number];
    /** Directory of the local store (backend `local`). */
    store?: string;
    snapshot?: string;
    incremental: (typeof INCREMENTAL)[number];
    compressionLevel?: number;
    format: FormatChoice;
    lanceVersions: LanceVersionMode;
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
    /** restore: only these snapshot paths or globs (`only`, one a line); empty: the whole snapshot. */
    only: string[];
    /** restore: directories whose files with the right content are copied instead of fetched (`seed`, one a line), resolved like `path`. */
    seeds: string[];
    s3Endpoint?: string;
    s3Region?: string;
    s3PathStyle?: boolean;
    /** `post`: restore at the step, save at the end of the job (the post step). */
    save: (typeof SAVE)[number];
    saveOn: (typeof SAVE_ON)[number];
    /** From `signing-key` (and `allow-unsigned`); undefined without a key. */
    signing?: SigningOptions;
}
/** Reads one input by name; returns '' when it is not set (as `@actions/core.getInput` does). */
export type InputReader = (name: string) => string;
/**
 * Parses and validates the action's inputs. Names that mean the same as in actions/cache or
 * upload-artifact are accepted too (`fail-on-cache-miss`, `lookup-only`, `retention-days`), so
 * workflows can switch with their habits intact.
 */
export declare function readInputs(get: InputReader, workspace: string): ActionInputs;
/**
 * The index directory: relative to the workspace, absolute, or `~/…` (outside the workspace is
 * fine, e.g. runner.temp). The workspace itself and its ancestors are refused: a restore replaces
 * the directory, so it would delete the checkout and everything beside it.
 */
export declare function resolveIndexPath(p: string, workspace: string): string;
