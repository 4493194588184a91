import { StorageError } from '../shared/errors.js';
/** A conditional write lost to another writer: the object `where` names was stored first. */
export declare function alreadyExists(where: string, key: string): StorageError;
