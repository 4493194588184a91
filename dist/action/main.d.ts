import './require-node.js';
/** The state key the main step leaves for its post step (`STATE_index-vault-save`). */
export declare const SAVE_STATE = "index-vault-save";
/** Read by post-if in action.yml: the post step's inputs are not visible there. */
export declare const SAVE_ON_VARIABLE = "INDEX_VAULT_SAVE_ON";
/**
 * The action's entry point, for the step and for its post step (the runner runs the same file
 * again at the end of the job, with the state the step saved): the only place that calls setFailed.
 */
export declare function main(): Promise<void>;
