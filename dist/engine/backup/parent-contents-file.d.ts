import type { Logger } from '../../shared/logger.js';
import { type ContentsBinding } from '../contents-index.js';
import { ParentContents, type ScannedPaths } from './parent-contents.js';
/**
 * The contents kept at `file`, if it is an intact index of the snapshot and stored manifest
 * `expected` names; otherwise undefined (and the manifest is read). Read a piece at a time, as
 * a manifest is: no buffer of the whole index.
 */
export declare function readContentsFile(file: string, expected: ContentsBinding, logger: Logger, scanned?: ScannedPaths): Promise<ParentContents | undefined>;
