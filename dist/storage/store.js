const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Checks a store key's shape, so no backend ever sees `..`, separators or odd characters. */
export function isValidKey(key) {
    return key.length > 0 && key.length <= 512 && key.split('/').every((s) => SEGMENT.test(s) && !s.includes('..'));
}
