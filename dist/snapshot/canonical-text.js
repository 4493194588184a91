/** Deepest nesting the matcher follows; deeper, it answers "no" and the reference decides. */
const MATCH_DEPTH = 64;
/** What JSON.stringify escapes in a string: `"`, `\`, control characters and (lone) surrogates. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
/**
 * Whether `text` is exactly the canonical JSON of `value` (manifest.ts's `canonicalJson`)
 * followed by one `\n`, found by walking value and text together, without writing the text
 * again: each key and string compared in place, each number against its own shortest form.
 * Undefined for anything else, including values not in canonical shape or nested deeper than
 * MATCH_DEPTH: the caller then decides the long way. `value` is usually JSON.parse(text).
 */
export function matchCanonicalText(text, value) {
    const found = { protoKey: false };
    const end = matchValue(text, 0, value, 0, found);
    return end >= 0 && end === text.length - 1 && text.charCodeAt(end) === 0x0a ? found : undefined;
}
/**
 * Whether `text` is exactly the canonical JSON of `value` where it sits `depth` containers deep
 * in a larger text (a piece of a manifest read as a stream): the same answer as the walk of
 * matchCanonicalText, with the same depth bound counted from the top, and no newline after it.
 * A value already in canonical shape is compared with what JSON.stringify writes of it, which is
 * then its canonical JSON (a third of the walk's time); anything else, or a text that may hold a
 * `__proto__` key, is walked.
 */
export function matchCanonicalPiece(text, value, depth) {
    if (!toJsonInherited() && inCanonicalShape(value, depth, MATCH_DEPTH - 1) && !text.includes(PROTO_KEY))
        return JSON.stringify(value) === text ? { protoKey: false } : undefined;
    const found = { protoKey: false };
    return matchValue(text, 0, value, depth, found) === text.length ? found : undefined;
}
/** How an own `__proto__` key is written in canonical JSON (other text may hold it too: then the walk decides). */
const PROTO_KEY = '"__proto__":';
/** Whether JSON.stringify would call an inherited toJSON (a polluted prototype), which the canonical form never does. */
export function toJsonInherited() {
    return 'toJSON' in Object.prototype || 'toJSON' in Array.prototype;
}
/** Deeper than this, the reference writer decides (and JSON.stringify's native recursion is never asked). */
const SHAPE_DEPTH = 64;
/**
 * Whether JSON.stringify writes `value` exactly as the reference does: only plain objects and
 * arrays (no holes, no undefined element), finite numbers, strings, booleans and null, and every
 * object's defined keys already in code-unit order, with no container deeper than `maxDepth`
 * (counted from `depth`). Anything else answers false, never throws.
 */
export function inCanonicalShape(value, depth, maxDepth = SHAPE_DEPTH) {
    if (value === null)
        return true;
    const t = typeof value;
    if (t === 'string' || t === 'boolean')
        return true;
    if (t === 'number')
        return Number.isFinite(value);
    if (t !== 'object' || depth > maxDepth)
        return false;
    if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype)
            return false;
        for (let i = 0; i < value.length; i++) {
            if (!(i in value) || value[i] === undefined || !inCanonicalShape(value[i], depth + 1, maxDepth))
                return false;
        }
        return true;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null)
        return false;
    const obj = value;
    let last;
    for (const k in obj) {
        if (!Object.prototype.hasOwnProperty.call(obj, k))
            return false;
        const v = obj[k];
        if (v === undefined)
            continue;
        if (last !== undefined && !(last < k))
            return false;
        if (!inCanonicalShape(v, depth + 1, maxDepth))
            return false;
        last = k;
    }
    return true;
}
/** Where the canonical JSON of `v` at `at` ends in `text`, or -1. */
function matchValue(text, at, v, depth, found) {
    if (v === null)
        return text.startsWith('null', at) ? at + 4 : -1;
    switch (typeof v) {
        case 'string':
            return matchString(text, at, v);
        case 'number': {
            if (!Number.isFinite(v))
                return -1;
            const s = String(v);
            return text.startsWith(s, at) ? at + s.length : -1;
        }
        case 'boolean':
            return v ? (text.startsWith('true', at) ? at + 4 : -1) : text.startsWith('false', at) ? at + 5 : -1;
        case 'object':
            if (depth >= MATCH_DEPTH)
                return -1;
            return Array.isArray(v) ? matchArray(text, at, v, depth, found) : matchObject(text, at, v, depth, found);
        default:
            return -1;
    }
}
function matchString(text, at, s) {
    if (NEEDS_ESCAPE.test(s)) {
        const written = JSON.stringify(s);
        return text.startsWith(written, at) ? at + written.length : -1;
    }
    const close = at + 1 + s.length;
    return text.charCodeAt(at) === 0x22 && text.charCodeAt(close) === 0x22 && text.startsWith(s, at + 1) ? close + 1 : -1;
}
function matchArray(text, at, v, depth, found) {
    if (Object.getPrototypeOf(v) !== Array.prototype || text.charCodeAt(at) !== 0x5b)
        return -1;
    at++;
    for (let i = 0; i < v.length; i++) {
        if (i > 0) {
            if (text.charCodeAt(at) !== 0x2c)
                return -1;
            at++;
        }
        // A hole or an undefined element: JSON.stringify would write null, the reference refuses.
        if (!(i in v) || v[i] === undefined)
            return -1;
        at = matchValue(text, at, v[i], depth + 1, found);
        if (at < 0)
            return -1;
    }
    return text.charCodeAt(at) === 0x5d ? at + 1 : -1;
}
function matchObject(text, at, v, depth, found) {
    const proto = Object.getPrototypeOf(v);
    if ((proto !== Object.prototype && proto !== null) || text.charCodeAt(at) !== 0x7b)
        return -1;
    at++;
    const obj = v;
    let last;
    for (const k in obj) {
        if (!Object.prototype.hasOwnProperty.call(obj, k))
            return -1;
        const x = obj[k];
        // An undefined property is left out, as the reference does.
        if (x === undefined)
            continue;
        if (last !== undefined) {
            if (!(last < k) || text.charCodeAt(at) !== 0x2c)
                return -1;
            at++;
        }
        last = k;
        if (k === '__proto__')
            found.protoKey = true;
        const start = at;
        at = matchString(text, at, k);
        if (at < 0 || text.charCodeAt(at) !== 0x3a)
            return -1;
        at = matchValue(text, at + 1, x, depth + 1, found);
        if (at < 0)
            return -1;
        if (depth === 0 && k === 'digest')
            found.digestAt = [start, at];
    }
    return text.charCodeAt(at) === 0x7d ? at + 1 : -1;
}
