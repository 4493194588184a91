/** Tar type flags of the members a pack holds. */
export const TYPEFLAG = { File: 0x30, Directory: 0x35, SymbolicLink: 0x32 };
/** Largest values of an 8- and a 12-byte octal field with its terminating NUL. */
const MAX_OCTAL_8 = 0o7777777;
const MAX_OCTAL_12 = 0o77777777777;
/** The bytes every header of a pack shares (uid, gid and devices 0, no user names, ustar magic), the rest zero. */
const TEMPLATE = (() => {
    const b = Buffer.alloc(512);
    b.write('000000 \0', 108, 'latin1'); // uid
    b.write('000000 \0', 116, 'latin1'); // gid
    b.write('ustar\u000000', 257, 'latin1');
    b.write('000000 \0', 329, 'latin1'); // devmajor
    b.write('000000 \0', 337, 'latin1'); // devminor
    return b;
})();
/**
 * Writes the ustar header block of a member into `block` (512 bytes), byte for byte what
 * node-tar's Header writes for it (pack-writer's `tarHeader`, the reference), without building a
 * Header and a Date per member. Only what fits plain ustar fields is written: an ASCII path of
 * fewer than 100 bytes, an ASCII link target of at most 100, and numbers within their octal
 * fields; for anything else it returns false and writes nothing, and the caller asks the reference.
 */
export function writeUstarHeader(block, path, typeflag, mode, size, mtimeMs, linkpath) {
    if (path.length >= 100 || !isAscii(path))
        return false;
    if (linkpath !== undefined && (linkpath.length > 100 || !isAscii(linkpath)))
        return false;
    if (!fitsOctal(mode, MAX_OCTAL_8) || !fitsOctal(size, MAX_OCTAL_12))
        return false;
    // The reference takes a Date's seconds, fraction and all, to the field (which holds whole ones).
    if (!Number.isInteger(mtimeMs) || mtimeMs < 0 || mtimeMs / 1000 > MAX_OCTAL_12)
        return false;
    const mtime = Math.floor(mtimeMs / 1000);
    TEMPLATE.copy(block, 0, 0, 512);
    writeAscii(block, 0, path);
    writeOctal(block, 100, 8, mode);
    writeOctal(block, 124, 12, size);
    writeOctal(block, 136, 12, mtime);
    block[156] = typeflag;
    if (linkpath !== undefined)
        writeAscii(block, 157, linkpath);
    // The checksum counts its own field as eight spaces.
    let sum = 8 * 0x20;
    for (let i = 0; i < 148; i++)
        sum += block[i];
    for (let i = 156; i < 512; i++)
        sum += block[i];
    writeOctal(block, 148, 8, sum);
    return true;
}
function isAscii(s) {
    for (let i = 0; i < s.length; i++)
        if (s.charCodeAt(i) > 0x7f)
            return false;
    return true;
}
function fitsOctal(n, max) {
    return Number.isInteger(n) && n >= 0 && n <= max;
}
function writeAscii(block, at, s) {
    for (let i = 0; i < s.length; i++)
        block[at + i] = s.charCodeAt(i);
}
/** node-tar's layout: the digits zero-padded to width − 2, a space and a NUL; a number of width − 1 digits just gets the NUL. */
function writeOctal(block, at, width, n) {
    const long = n >= 8 ** (width - 2);
    const digits = long ? width - 1 : width - 2;
    let v = n;
    for (let i = at + digits - 1; i >= at; i--) {
        block[i] = 0x30 + (v % 8);
        v = Math.floor(v / 8);
    }
    if (!long)
        block[at + digits] = 0x20;
    block[at + width - 1] = 0;
}
