import fsSync, {} from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { permissionBits, SPECIAL_BITS } from '../../snapshot/entry-mode.js';
import { comparePaths, linkStaysInside, pathProblem } from '../../snapshot/entry-path.js';
import { ChangedError, ioError, NotFoundError, UnsupportedError, ValidationError } from '../../shared/errors.js';
import { StampTable } from '../../fs-safety/stamp-table.js';
import { yieldTurn } from '../../shared/interrupt.js';
import { META_DIR } from '../../snapshot/manifest.js';
import { ScanBuilder } from './scan-entries.js';
import { refuseTree, treeProblems } from '../../snapshot/tree-rules.js';
import { StatHelper } from '../../workers/stat-helper.js';
/**
 * Lists a directory tree for a snapshot: relative NFC paths in byte order, regular files,
 * directories and in-tree symlinks. Whatever a restore could not reproduce exactly (links out of
 * the tree, hard links, sockets, FIFOs, devices, names that are not UTF-8) is refused here, with
 * every offending path named, before a single byte is stored.
 */
export async function scanTree(rootDir, options = {}) {
    const root = path.resolve(rootDir);
    const rootStat = await statRoot(root);
    const walk = new TreeWalk(root, options);
    try {
        await walk.dir(root, '', rootStat, false);
    }
    finally {
        walk.helper?.close();
    }
    if (walk.beyond.length > 0)
        refuseTree(walk.beyond, root);
    checkDirsKept(walk.dirs);
    const entries = await resolveLeavingLinks(root, walk.entries.sorted(), walk, options.followLinks === true);
    refuseUnsupported(walk.refused, root);
    warnSpecialBits(walk.special, options.logger);
    return { root, entries, stamps: walk.stamps, files: walk.files, bytes: walk.bytes };
}
/** Where entry `i` is on disk: its own path, or the root's path joined with its path. */
export function absPathOf(root, entries, i) {
    const own = entries.ownAbsPath(i);
    if (own !== undefined)
        return own;
    const prefix = root.endsWith(path.sep) ? root : root + path.sep;
    const rel = entries.path(i);
    return prefix + (path.sep === '/' ? rel : rel.replaceAll('/', path.sep));
}
/**
 * The walk of one scan and what it found. It runs on this thread, one system call after another
 * (a thread-pool round trip per entry cost more than the call itself), and gives the event loop
 * a turn at each directory and every YIELD_EVERY entries, so a signal still stops it promptly.
 */
class TreeWalk {
    root;
    options;
    entries = new ScanBuilder();
    stamps = new StampTable();
    refused = [];
    /** setuid, setgid and sticky bits are not kept: named once, after the walk. */
    special = [];
    /** Paths past the limits are not even looked at (a path too long may not reach the OS). */
    beyond = [];
    /**
     * A directory is known by device and inode: one lookup, where a realpath per directory made
     * the walk cost grow with the cube of the depth.
     */
    visitedDirs = new Set();
    /** Every directory walked: its path on disk, and its device and inode then. */
    dirs = [];
    bytes = 0;
    files = 0;
    sinceYield = 0;
    /** A second thread for the lstat calls of big directories (off: `statHelper: false`). */
    helper;
    constructor(root, options) {
        this.root = root;
        this.options = options;
        this.helper = options.statHelper === false ? undefined : new StatHelper();
    }
    /** Walks a directory; `renamed`: its path on disk is not the root's joined with `relDir` (a name above is not NFC). */
    async dir(absDir, relDir, st, renamed) {
        const { options, refused } = this;
        const id = `${st.dev}:${st.ino}`;
        if (this.visitedDirs.has(id)) {
            refused.push(`${relDir || '.'}: directory loop through a followed link`);
            return;
        }
        this.visitedDirs.add(id);
        this.dirs.push({ abs: absDir, rel: relDir, id });
        await yieldTurn();
        this.sinceYield = 0;
        const { names, raw } = listNames(absDir);
        // Names that are all ASCII are their own NFC, and no two of them can share one: no normalizing, no map.
        const seen = names.every(isAscii) ? undefined : new Map();
        const absPrefix = absDir.endsWith(path.sep) ? absDir : absDir + path.sep;
        // Each name's stat taken on two threads: the same lstat the visit would make, a moment earlier.
        const stats = this.helper?.statNames(absPrefix, names);
        for (let i = 0; i < names.length; i++) {
            const name = names[i];
            if (raw && !isUtf8Name(name, raw[i])) {
                refused.push(`${relDir ? relDir + '/' : ''}${name}: file name is not valid UTF-8`);
                continue;
            }
            const nfc = seen ? name.normalize('NFC') : name;
            const rel = relDir ? `${relDir}/${nfc}` : nfc;
            if (seen?.has(nfc)) {
                refused.push(`${rel}: two names in one directory differ only in Unicode normalization (${JSON.stringify(seen.get(nfc))} and ${JSON.stringify(name)})`);
                continue;
            }
            seen?.set(nfc, name);
            if (relDir === '' && nfc === META_DIR) {
                options.logger?.warn(`leaving out ${META_DIR}/: it holds pack metadata from an extracted snapshot`);
                continue;
            }
            const bad = pathProblem(rel);
            if (bad && options.exclude?.(rel, 'file') && options.exclude(rel, 'dir'))
                continue;
            if (bad) {
                this.beyond.push({ path: rel, rule: 'path', why: bad.why, portable: bad.portable });
                continue;
            }
            // A name is one path component: joined as text, where path.join would normalize every path again.
            const abs = absPrefix + name;
            const subRenamed = renamed || nfc !== name;
            const sub = this.visit(abs, rel, false, subRenamed, stats?.get(i));
            if (sub)
                await this.dir(abs, rel, sub, subRenamed);
            else if (++this.sinceYield >= YIELD_EVERY) {
                await yieldTurn();
                this.sinceYield = 0;
            }
        }
        stats?.release();
    }
    /** A link that leaves the tree, stored as what it points to (followLinks). */
    async followed(abs, rel, renamed) {
        const sub = this.visit(abs, rel, true, renamed);
        if (sub)
            await this.dir(abs, rel, sub, renamed);
    }
    /**
     * Adds the entry at `abs` (or refuses it); a directory to descend into is returned, with its
     * stat. `pre`: its lstat already taken (`null`: gone), else it is taken here.
     */
    visit(abs, rel, follow, renamed, pre) {
        const { options, refused } = this;
        const ownAbs = renamed ? abs : undefined;
        if (pre === null)
            return undefined; // removed since listed: not part of the tree
        // bigint: nanosecond times and exact inode numbers, which the hash cache compares.
        let st = pre;
        try {
            st ??= fsSync.lstatSync(abs, { bigint: true });
        }
        catch (err) {
            if (err.code === 'ENOENT')
                return undefined; // removed since listed: not part of the tree
            throw ioError(err, 'cannot stat', abs);
        }
        if (st.isSymbolicLink()) {
            let target;
            try {
                target = fsSync.readlinkSync(abs);
            }
            catch (err) {
                throw ioError(err, 'cannot read link', abs);
            }
            const posixTarget = process.platform === 'win32' ? target.replace(/\\/g, '/') : target;
            // Read as text here; resolved through the tree's other links once the whole tree is known.
            if (!follow && linkStaysInside(rel, posixTarget)) {
                if (!options.exclude?.(rel, 'symlink'))
                    this.entries.symlink(rel, ownAbs, posixTarget, Number(st.mtimeMs));
                return undefined;
            }
            if (!options.followLinks) {
                refused.push(`${rel}: symlink to ${target} points outside the tree`);
                return undefined;
            }
            try {
                st = fsSync.statSync(abs, { bigint: true });
            }
            catch {
                refused.push(`${rel}: symlink to ${target} is dangling`);
                return undefined;
            }
        }
        const isDir = st.isDirectory();
        if (hasSpecialBits(st) && !options.exclude?.(rel, isDir ? 'dir' : 'file'))
            this.special.push(rel);
        if (isDir) {
            if (options.exclude?.(rel, 'dir'))
                return undefined;
            this.entries.dir(rel, ownAbs, Number(st.mtimeMs), permissionBits(st.mode));
            return st;
        }
        if (st.isFile()) {
            if (st.nlink > 1n && !options.followLinks) {
                refused.push(`${rel}: hard link (${st.nlink} names for one file)`);
                return undefined;
            }
            if (options.exclude?.(rel, 'file'))
                return undefined;
            // A bigint's mtimeMs is whole milliseconds rounded down, as Math.floor of the number form.
            const stamp = this.stamps.add(st.size, st.mtimeNs, st.ctimeNs, st.ino);
            this.entries.file(rel, ownAbs, Number(st.mtimeMs), permissionBits(st.mode), stamp, Number(st.size));
            this.files++;
            this.bytes += Number(st.size);
            return undefined;
        }
        refused.push(`${rel}: ${specialKind(st)}`);
        return undefined;
    }
}
/**
 * Names are looked up by path (Node.js has no `openat`), so a directory swapped for a link while
 * the walk was inside it would have had what the link points to listed and stat'ed in its place:
 * once the walk is done, each directory's path must still lead to the directory entered (same
 * device and inode; through a link is fine: the root's, a followed one's, or one to that very
 * directory). One stat per directory.
 */
function checkDirsKept(dirs) {
    for (const d of dirs) {
        let st;
        try {
            st = fsSync.statSync(d.abs, { bigint: true });
        }
        catch {
            st = undefined;
        }
        if (st?.isDirectory() && `${st.dev}:${st.ino}` === d.id)
            continue;
        throw new ChangedError(`${d.rel || '.'} was replaced or removed while the directory was scanned: what it listed may not be its own`, {
            hint: 'run the backup again once nothing moves directories in the tree',
            details: { path: d.rel || '.', replaced: true },
        });
    }
}
/** Entries the walk stats in a row before it gives the event loop a turn. */
const YIELD_EVERY = 2048;
/**
 * Names as the OS returns them, decoded; with their bytes (`raw`, in the same order) when one may
 * not be UTF-8 and must be seen as such. Decoding turns every byte that is not part of valid UTF-8
 * into U+FFFD, so a listing without one needs no bytes (and no Buffer per name).
 */
function listNames(absDir) {
    try {
        const names = fsSync.readdirSync(absDir);
        if (!names.some((n) => n.includes('\uFFFD')))
            return { names };
        const raw = fsSync.readdirSync(absDir, { encoding: 'buffer' });
        return { names: raw.map((r) => r.toString('utf8')), raw };
    }
    catch (err) {
        throw ioError(err, 'cannot list', absDir);
    }
}
function isAscii(s) {
    for (let i = 0; i < s.length; i++)
        if (s.charCodeAt(i) >= 0x80)
            return false;
    return true;
}
/**
 * Whether the name's bytes are UTF-8, given their decoding. Decoding turns every byte that is not
 * part of valid UTF-8 into U+FFFD, so a name without one is valid; one with it is re-encoded and
 * compared (it may hold a real U+FFFD).
 */
export function isUtf8Name(decoded, raw) {
    return !decoded.includes('\uFFFD') || Buffer.from(decoded, 'utf8').equals(raw);
}
async function statRoot(root) {
    let rootStat;
    try {
        rootStat = await fs.stat(root, { bigint: true });
    }
    catch (err) {
        if (err.code === 'ENOENT')
            throw new NotFoundError(`source directory ${root} does not exist`, { hint: 'check the path' });
        throw ioError(err, 'cannot read', root);
    }
    if (!rootStat.isDirectory())
        throw new ValidationError(`${root} is not a directory`, { hint: 'point index-vault at the directory that holds the index' });
    return rootStat;
}
/**
 * Links that leave the tree only through its other links: stored as what they point to with
 * followLinks (which can change how other links resolve, hence the rounds), refused otherwise.
 */
async function resolveLeavingLinks(root, sorted, walk, followLinks) {
    let entries = sorted;
    // Only a symlink can leave the tree: without one there is nothing to resolve.
    if (!hasSymlink(entries))
        return entries;
    for (let round = 0; walk.refused.length === 0; round++) {
        const leaving = new Map(treeProblems(entries).flatMap((p) => (p.rule === 'link' ? [[p.path, p.why]] : [])));
        if (leaving.size === 0)
            break;
        const isLeaving = (i) => entries.type(i) === 'symlink' && leaving.has(entries.path(i));
        const links = Array.from({ length: entries.length }, (_, i) => i).filter(isLeaving);
        if (!followLinks || round >= 16) {
            for (const i of links)
                walk.refused.push(`${entries.path(i)}: ${leaving.get(entries.path(i))}`);
            break;
        }
        for (let i = 0; i < entries.length; i++)
            if (!isLeaving(i))
                walk.entries.push(entries.at(i));
        for (const i of links)
            await walk.followed(absPathOf(root, entries, i), entries.path(i), entries.ownAbsPath(i) !== undefined);
        entries = walk.entries.sorted();
    }
    return entries;
}
function hasSymlink(entries) {
    for (let i = 0; i < entries.length; i++)
        if (entries.type(i) === 'symlink')
            return true;
    return false;
}
function refuseUnsupported(refused, root) {
    if (refused.length === 0)
        return;
    const shown = refused
        .slice(0, 20)
        .map((r) => `  ${r}`)
        .join('\n');
    const more = refused.length > 20 ? `\n  … and ${refused.length - 20} more` : '';
    throw new UnsupportedError(`${refused.length} path(s) in ${root} cannot be snapshotted:\n${shown}${more}`, {
        hint: 'remove them, or follow links to store the content that links and hard links point to',
        details: { paths: refused, remedy: 'follow-links' },
    });
}
function warnSpecialBits(special, logger) {
    if (special.length === 0)
        return;
    special.sort(comparePaths);
    const more = special.length > 3 ? ', …' : '';
    logger?.warn(`${special.length} path(s) have setuid, setgid or sticky bits, which a snapshot does not keep (${special.slice(0, 3).join(', ')}${more})`);
}
/** What a path that is neither a file, a directory nor a link is, for the refusal. */
function specialKind(st) {
    if (st.isFIFO())
        return 'FIFO';
    if (st.isSocket())
        return 'socket';
    if (st.isCharacterDevice())
        return 'character device';
    if (st.isBlockDevice())
        return 'block device';
    return 'special file';
}
/** setuid, setgid or sticky on a file or directory: not kept by a snapshot. */
function hasSpecialBits(st) {
    return (st.isDirectory() || st.isFile()) && (Number(st.mode) & SPECIAL_BITS) !== 0;
}
