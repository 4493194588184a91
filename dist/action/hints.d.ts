import type { IndexVaultError } from '../shared/errors.js';
/**
 * What to do about an error, in the action's inputs. The core's hints may name CLI flags
 * (`--force`, `index-vault verify`), which mean nothing in a workflow; the error's code and
 * `details` say what happened, and this says it in the words of action.yml.
 */
export declare function actionHint(err: IndexVaultError): string | undefined;
