import { ValidationError } from '../shared/errors.js';
import { didYouMean } from './did-you-mean.js';
/** parseArgs' own messages name Node internals; say what is wrong in our words, with a guess. */
export function argumentError(err, options, command) {
    const message = err.message;
    const hint = `see index-vault ${command} --help`;
    const unknown = /Unknown option '(-{1,2})([^'=]+)/.exec(message);
    if (unknown) {
        const guess = unknown[1] === '--' ? didYouMean(unknown[2], Object.keys(options)) : undefined;
        return new ValidationError(`unknown option ${unknown[1]}${unknown[2]}${guess ? ` (did you mean --${guess}?)` : ''}`, { hint });
    }
    const missing = /Option '(-\S+?)(?:, (--\S+))?(?: <value>)?' argument missing/.exec(message);
    if (missing)
        return new ValidationError(`option ${missing[2] ?? missing[1]} needs a value`, { hint });
    const noValue = /Option '(-\S+?)(?:, (--\S+))?' does not take an argument/.exec(message);
    if (noValue)
        return new ValidationError(`option ${noValue[2] ?? noValue[1]} takes no value`, { hint });
    return new ValidationError(message.split('\n')[0], { hint });
}
