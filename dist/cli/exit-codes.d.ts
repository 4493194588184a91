import type { ErrorCode } from '../shared/errors.js';
/** Exit codes by error code: scripts can tell "nothing to restore" from "the store is damaged". */
export declare const EXIT_CODES: Record<ErrorCode, number>;
