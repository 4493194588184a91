import { StorageError } from '../shared/errors.js';

/** A conditional write lost to another writer: the object `where` names was stored first. */
export function alreadyExists(where: string, key: string): StorageError {
  return new StorageError(`${where} already exists`, { hint: 'another writer stored it first', details: { key, exists: true } });
}
