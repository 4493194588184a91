import type { Logger, ProgressCallback } from '../shared/logger.js';
import type { Store } from '../storage/store.js';
import type { ActionInputs } from './inputs.js';
export interface ActionContext {
    logger: Logger;
    setOutput(name: string, value: string): void;
    /** Appends markdown to the job summary. */
    summary(markdown: string): Promise<void>;
    onProgress?: ProgressCallback;
    /** Where this machine keeps hash caches (the adapter reads INDEX_VAULT_CACHE_DIR); the library's default when omitted. */
    cacheDir?: string;
}
/** Runs one backup, restore or verify as the inputs say; reports through outputs and the summary. */
export declare function runAction(inputs: ActionInputs, store: Store, ctx: ActionContext): Promise<void>;
