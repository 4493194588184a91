import type { Logger } from '../shared/logger.js';
import type { Store } from '../storage/store.js';
import type { OptionValues } from './command.js';
/** `--backend cache|artifact` inside a GitHub Actions job (a run: step with the runtime variables), else the local store. */
export declare function openCliStore(values: OptionValues, env: Record<string, string | undefined>, logger: Logger, mayCreate: boolean): Promise<Store>;
