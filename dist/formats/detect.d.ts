import type { FormatOptions, IndexFormat } from './index-format.js';
import type { IndexSelection } from './selection.js';
/** `auto` detects one of `formats`; `dir` stores every file; any other value names a format. */
export declare function checkFormatChoice(choice: string, formats?: readonly IndexFormat[]): void;
/**
 * Decides what to store for a directory: the selection of the format asked for, or of the first
 * of `formats` that recognizes it (`auto`) — or undefined (`dir`, or `auto` when none does):
 * then every file is stored.
 */
export declare function selectIndexFiles(dir: string, choice: string, options?: FormatOptions, formats?: readonly IndexFormat[]): Promise<IndexSelection | undefined>;
/** Every format's check of the options, before anything is locked or read. */
export declare function checkFormatOptions(options: FormatOptions, formats?: readonly IndexFormat[]): void;
