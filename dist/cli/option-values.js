import { ValidationError } from '../shared/errors.js';
import { parseSize } from '../shared/units.js';
/** Option values as the commands take them: a bad one is E_VALIDATION naming the flag. */
export function oneOf(value, allowed, flag) {
    if (value === undefined)
        return undefined;
    if (!allowed.includes(value)) {
        throw new ValidationError(`invalid ${flag} ${JSON.stringify(value)}`, { hint: `valid values: ${allowed.join(', ')}` });
    }
    return value;
}
export function integer(value, flag) {
    if (!/^\d+$/.test(value))
        throw new ValidationError(`invalid ${flag} ${JSON.stringify(value)}`, { hint: 'give a whole number' });
    return Number(value);
}
export function seconds(value, flag) {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0)
        throw new ValidationError(`invalid ${flag} ${JSON.stringify(value)}`, { hint: 'give a number of seconds' });
    return n;
}
export function size(value, flag) {
    const n = parseSize(value);
    if (n === undefined)
        throw new ValidationError(`invalid ${flag} ${JSON.stringify(value)}`, { hint: 'give a size such as 512M or 2G' });
    return n;
}
