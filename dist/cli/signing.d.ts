import { type SigningOptions } from '../snapshot/signature.js';
/** Options of the commands that sign or check signatures. */
export declare const SIGNING_OPTIONS: {
    readonly 'signing-key': {
        readonly type: "string";
        readonly multiple: true;
    };
    readonly 'allow-unsigned': {
        readonly type: "boolean";
    };
};
/**
 * `--signing-key` (repeatable, or a comma-separated list), else INDEX_VAULT_SIGNING_KEY; the
 * environment is the better place for a secret, which a command line shows to every user of the machine.
 */
export declare function cliSigning(values: Record<string, unknown>, env: Record<string, string | undefined>): SigningOptions | undefined;
