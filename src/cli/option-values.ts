import { ValidationError } from '../shared/errors.js';
import { parseSize } from '../shared/units.js';

/** Option values as the commands take them: a bad one is E_VALIDATION naming the flag. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ValidationError(`invalid ${flag} ${JSON.stringify(value)}`, { hint: `valid values: ${allowed.join(', ')}` });
  }
  return value as T;
}

export function integer(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) throw new ValidationError(`invalid ${flag} ${JSON.stringify(value)}`, { hint: 'give a whole number' });
  return Number(value);
}

export function seconds(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new ValidationError(`invalid ${flag} ${JSON.stringify(value)}`, { hint: 'give a number of seconds' });
  return n;
}

export function size(value: string, flag: string): number {
  const n = parseSize(value);
  if (n === undefined) throw new ValidationError(`invalid ${flag} ${JSON.stringify(value)}`, { hint: 'give a size such as 512M or 2G' });
  return n;
}
