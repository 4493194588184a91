/**
 * The one tar header parser of the reading side: a 512-byte ustar/pax header block into the
 * fields a restore looks at, and pax extended-header bodies into their attributes. Pure, no I/O.
 */
export const BLOCK = 512;
/** Names of the refused type flags, for messages. */
export const TYPE_NAMES = {
    '1': 'Link',
    '3': 'CharacterDevice',
    '4': 'BlockDevice',
    '6': 'FIFO',
    g: 'GlobalExtendedHeader',
    L: 'NextFileHasLongPath',
    K: 'NextFileHasLongLinkpath',
    V: 'VolumeLabel',
    M: 'MultiVolume',
    S: 'SparseFile',
};
export function memberKind(flag) {
    if (flag === '0' || flag === '\0' || flag === '7')
        return 'file';
    if (flag === '5')
        return 'dir';
    if (flag === '2')
        return 'symlink';
    return undefined;
}
export function isZeroBlock(block) {
    for (let i = 0; i < BLOCK; i++)
        if (block[i] !== 0)
            return false;
    return true;
}
/**
 * A numeric field: octal text, or base-256 as GNU tar writes sizes beyond the octal field. The
 * usual form (spaces, octal digits, spaces, then a NUL or the field's end) is read from the
 * bytes; anything else goes to `numericFieldReference`, which says the same of the usual form.
 */
export function numericField(buf, at, len) {
    if (buf[at] & 0x80)
        return numericFieldReference(buf, at, len);
    const end = at + len;
    let i = at;
    while (i < end && buf[i] === 0x20)
        i++;
    let v = 0;
    const first = i;
    for (let c = buf[i]; i < end && c >= 0x30 && c <= 0x37; c = buf[++i])
        v = v * 8 + (c - 0x30);
    // More than 17 digits could pass 2^53, where parseInt's rounding is the rule.
    if (i - first > 17)
        return numericFieldReference(buf, at, len);
    while (i < end && buf[i] === 0x20)
        i++;
    return i === end || buf[i] === 0 ? v : numericFieldReference(buf, at, len);
}
/** `numericField` by the general route: the text up to the first NUL, trimmed, must be octal digits (or nothing: 0). */
export function numericFieldReference(buf, at, len) {
    if (buf[at] & 0x80) {
        let v = 0;
        for (let i = at + 1; i < at + len; i++)
            v = v * 256 + buf[i];
        return v;
    }
    const s = Buffer.from(buf.buffer, buf.byteOffset + at, len)
        .toString('latin1')
        .replace(/\0.*$/s, '')
        .trim();
    if (s === '')
        return 0;
    if (!/^[0-7]+$/.test(s))
        return NaN;
    return parseInt(s, 8);
}
function textField(buf, at, len) {
    const end = buf.indexOf(0, at);
    return buf.toString('utf8', at, end < 0 || end > at + len ? at + len : end);
}
/** Whether the block's checksum field matches its bytes (the field itself counted as spaces). */
export function checksumValid(block) {
    let sum = 0;
    for (let i = 0; i < BLOCK; i++)
        sum += i >= 148 && i < 156 ? 32 : block[i];
    return sum === numericField(block, 148, 8);
}
/** Parses a header block whose checksum is valid. */
export function parseHeader(block) {
    const buf = Buffer.isBuffer(block) ? block : Buffer.from(block.buffer, block.byteOffset, BLOCK);
    const ustar = buf.toString('latin1', 257, 262) === 'ustar';
    const prefix = ustar ? textField(buf, 345, 155) : '';
    const short = textField(buf, 0, 100);
    return {
        flag: String.fromCharCode(buf[156]),
        name: prefix ? `${prefix}/${short}` : short,
        linkpath: textField(buf, 157, 100),
        size: numericField(buf, 124, 12),
    };
}
/** A header with a pax header's attributes applied (path, linkpath, size). */
export function withPax(h, pax) {
    if (!pax)
        return h;
    return {
        flag: h.flag,
        name: pax.path ?? h.name,
        linkpath: pax.linkpath ?? h.linkpath,
        size: pax.size !== undefined ? Number(pax.size) : h.size,
    };
}
/** Attributes of a pax extended header body, or undefined when a record is malformed. */
export function parsePax(body) {
    const out = Object.create(null);
    let p = 0;
    while (p < body.length) {
        if (body[p] === 0)
            break;
        const sp = body.indexOf(0x20, p);
        const len = sp < 0 ? NaN : Number(body.toString('latin1', p, sp));
        if (!Number.isInteger(len) || len <= sp - p || p + len > body.length || body[p + len - 1] !== 0x0a)
            return undefined;
        const rec = body.toString('utf8', sp + 1, p + len - 1);
        const eq = rec.indexOf('=');
        if (eq > 0)
            out[rec.slice(0, eq)] = rec.slice(eq + 1);
        p += len;
    }
    return out;
}
/** Bytes of padding after a body of `size` bytes, up to the next block. */
export function padding(size) {
    return (BLOCK - (size % BLOCK)) % BLOCK;
}
