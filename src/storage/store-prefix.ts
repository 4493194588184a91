import { ValidationError } from '../shared/errors.js';

/** A key prefix inside a bucket or container: no leading `/`, a trailing one, no `..`. */
export function normalizePrefix(prefix: string | undefined): string {
  const p = (prefix ?? '').replace(/^\/+/, '');
  if (p === '') return '';
  if (p.split('/').some((s) => s === '..'))
    throw new ValidationError(`invalid prefix ${JSON.stringify(prefix)}`, { hint: 'use plain folder names' });
  return p.endsWith('/') ? p : `${p}/`;
}
