/**
 * A `/`-separated glob on snapshot paths as a RegExp: `**` any number of whole segments, `*` any
 * run within one segment, `?` one character within one segment; everything else literal.
 */
export function globRegExp(glob) {
    let re = '';
    for (let i = 0; i < glob.length; i++) {
        const c = glob[i];
        if (c === '*' && glob[i + 1] === '*') {
            const slash = glob[i + 2] === '/';
            re += slash ? '(?:.*/)?' : '.*';
            i += slash ? 2 : 1;
        }
        else if (c === '*')
            re += '[^/]*';
        else if (c === '?')
            re += '[^/]';
        else
            re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
    return new RegExp(`^${re}$`, 'u');
}
export function isGlob(selector) {
    return selector.includes('*') || selector.includes('?');
}
