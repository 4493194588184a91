import type { Store } from '../storage/store.js';
import type { OptionValues } from './command.js';
/** The series named, or holding `snapshot`, for verify, list and prune: a typo is E_NOT_FOUND, not "0 of 0 verified". */
export declare function oneSeries(store: Store, values: OptionValues, name: string | undefined, snapshot: string | undefined): Promise<string>;
