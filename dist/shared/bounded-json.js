import { IntegrityError } from './errors.js';
/** Nesting no object index-vault writes comes near; deeper input is refused. */
export const MAX_JSON_DEPTH = 64;
/**
 * JSON.parse for bytes read from a store or a shared directory, refusing input larger than
 * `maxBytes` or nested deeper than MAX_JSON_DEPTH with E_INTEGRITY naming `what`, so nothing that
 * later walks the value recursively (canonical JSON, checks, JSON.stringify) can overflow the
 * stack. V8's JSON.parse does not recurse, so the value is parsed first and its depth measured
 * on the value (a walk of its containers only); the text is scanned only when that walk cannot
 * show the bound, which for valid JSON is exactly when the text breaks it.
 */
export function parseBoundedJson(input, what, maxBytes) {
    const text = decodeBoundedJson(input, what, maxBytes);
    const value = parseJsonText(text, what);
    if (!depthWithin(value, MAX_JSON_DEPTH))
        assertJsonDepth(text, what);
    return value;
}
/** Whether a parsed value nests at most `limit` arrays and objects deep (the depth jsonDepth finds in its text). */
export function depthWithin(value, limit) {
    if (value === null || typeof value !== 'object')
        return true;
    if (limit <= 0)
        return false;
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
            const v = value[i];
            if (v !== null && typeof v === 'object' && !depthWithin(v, limit - 1))
                return false;
        }
        return true;
    }
    for (const k in value) {
        const v = value[k];
        if (v !== null && typeof v === 'object' && !depthWithin(v, limit - 1))
            return false;
    }
    return true;
}
/**
 * The first step of parseBoundedJson: refuses input larger than `maxBytes`; decodes bytes as UTF-8.
 */
export function decodeBoundedJson(input, what, maxBytes) {
    const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
    if (size > maxBytes)
        throw new IntegrityError(`${what} is larger than ${maxBytes} bytes`, {
            hint: 'the stored object is damaged or was not written by index-vault',
        });
    return typeof input === 'string' ? input : input.toString('utf8');
}
/** Refuses a text nested deeper than MAX_JSON_DEPTH, as parseBoundedJson does. */
export function assertJsonDepth(text, what) {
    if (jsonDepth(text) > MAX_JSON_DEPTH)
        throw new IntegrityError(`${what} is nested more than ${MAX_JSON_DEPTH} levels deep`, {
            hint: 'the stored object is damaged or was not written by index-vault',
        });
}
/**
 * JSON.parse with parseBoundedJson's errors, for a caller that proves the depth bound on the
 * value it walks anyway: V8's JSON.parse does not recurse, so parsing first is safe, and text
 * that does not parse is measured here, so a too-deep one is refused as too deep, as before.
 */
export function parseJsonText(text, what) {
    try {
        return JSON.parse(text);
    }
    catch (err) {
        assertJsonDepth(text, what);
        throw new IntegrityError(`${what} is not valid JSON`, { cause: err, hint: 'the stored object is damaged; restore an older snapshot' });
    }
}
/** Deepest nesting of `[` and `{` outside strings; stops counting once past the limit. */
export function jsonDepth(text) {
    let depth = 0;
    let deepest = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x22) {
            // Skip the string, escapes included.
            for (i++; i < text.length; i++) {
                const d = text.charCodeAt(i);
                if (d === 0x5c)
                    i++;
                else if (d === 0x22)
                    break;
            }
        }
        else if (c === 0x5b || c === 0x7b) {
            if (++depth > deepest)
                deepest = depth;
            if (deepest > MAX_JSON_DEPTH)
                return deepest;
        }
        else if (c === 0x5d || c === 0x7d)
            depth--;
    }
    return deepest;
}
