import type { Store } from '../storage/store.js';
import type { Invocation } from './command.js';
import { type ProgressReporter } from './progress.js';
import type { SigningOptions } from '../snapshot/signature.js';
/** What a command that works on a store gets besides its command line. */
export interface StoreInvocation extends Invocation {
    store: Store;
    progress: ProgressReporter | undefined;
    name: string | undefined;
    snapshot: string | undefined;
    waitMs: number | undefined;
    /** Keys to sign with or check against (commands that take --signing-key), none: neither. */
    signing: SigningOptions | undefined;
    /** The result: as JSON with --json, else as text. */
    out(obj: unknown, text: string): void;
}
/** Checks the options every store command shares, opens the store, and runs `body` on it. */
export declare function withStore(inv: Invocation, body: (s: StoreInvocation) => Promise<number>, mayCreate?: boolean, signs?: boolean): Promise<number>;
