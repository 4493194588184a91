import type { Logger } from '../shared/logger.js';
import type { Store } from '../storage/store.js';
import type { ActionInputs } from './inputs.js';
/** The store the inputs name. */
export declare function openStore(inputs: ActionInputs, env: Record<string, string | undefined>, logger: Logger): Promise<Store>;
