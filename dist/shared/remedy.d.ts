import type { IndexVaultError } from './errors.js';
/**
 * What a user can do about an error, named by the engine in `details.remedy` and phrased by each
 * caller in its own words: the CLI as flags (`src/cli/hints.ts`), the action as inputs
 * (`src/action/hints.ts`), a library caller as options. The error's own `hint` says the same in
 * neutral terms.
 */
export declare const REMEDIES: readonly ["force", "full-snapshot", "verify", "portability", "follow-links", "series", "store", "format-auto", "format-dir", "format-aware", "lock-wait", "no-deep-verify"];
export type Remedy = (typeof REMEDIES)[number];
/** The remedy an error names, if it names one this version knows. */
export declare function remedyOf(err: IndexVaultError): Remedy | undefined;
