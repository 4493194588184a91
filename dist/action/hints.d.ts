import type { IndexVaultError } from '../shared/errors.js';
/**
 * What to do about an error, in the action's inputs. The core's errors name a remedy
 * (`details.remedy`) or say what happened in their code and `details`; this says it in the words
 * of action.yml.
 */
export declare function actionHint(err: IndexVaultError): string | undefined;
