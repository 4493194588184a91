import { ValidationError } from '../shared/errors.js';
/** parseArgs' own messages name Node internals; say what is wrong in our words, with a guess. */
export declare function argumentError(err: unknown, options: Record<string, unknown>, command: string): ValidationError;
