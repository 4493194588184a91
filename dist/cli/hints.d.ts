import type { IndexVaultError } from '../shared/errors.js';
/** What to do about an error, in the CLI's flags; the error's own neutral hint where it names no remedy. */
export declare function cliHint(err: IndexVaultError): string | undefined;
