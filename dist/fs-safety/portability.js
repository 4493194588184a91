export const PORTABILITY_MODES = ['error', 'warn', 'off'];
// Windows reserves these device names in every directory, whatever the extension; the
// superscript digits are reserved too (Win32 maps them to the plain digits).
const RESERVED = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³]|conin\$|conout\$)$/i;
const FORBIDDEN = /[<>:"\\|?*]/;
// DEL (127) is allowed by NTFS, so only C0 controls are flagged.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const CONTROL = /[\u0000-\u001f]/;
/**
 * Folds a name the way case-insensitive filesystems compare: NTFS upper-cases, APFS folds
 * case and also treats ß as ss. Lower-casing the NFC form and mapping ß covers both closely enough.
 */
function fold(s) {
    return s.normalize('NFC').toLowerCase().replace(/ß/g, 'ss');
}
/**
 * Lists every path that could not be restored as-is on Windows, macOS or Linux. Paths are POSIX
 * relative paths, as stored in a manifest. One pass; memory is a map of folded paths.
 */
export function checkPortability(paths, options = {}) {
    const maxPath = options.maxPathLength ?? 260;
    const maxComponent = options.maxComponentLength ?? 255;
    const problems = [];
    const byFolded = new Map();
    const byNfc = new Map();
    // Read twice when it can be (a sorted tree's paths made one at a time are not all held at once); an iterator that is its own is read once, into a list.
    const source = paths[Symbol.iterator]() === paths ? [...paths] : paths;
    let inOrder = true;
    // Distinct ASCII paths are distinct in NFC: a tree of them needs no map of its normal forms.
    let allAscii = true;
    let before;
    for (const p of source) {
        if (before !== undefined && !(before <= p))
            inOrder = false;
        if (allAscii && !isAsciiText(p))
            allAscii = false;
        before = p;
    }
    const sorted = inOrder ? source : [...source].sort();
    // The previous path's directory prefixes and what each met in byFolded: paths are sorted, so
    // siblings share them, and the same prefix string always meets the same earlier one.
    let seen = [];
    for (const p of sorted) {
        const ascii = isAsciiText(p);
        let start = 0;
        for (let i = 0; i <= p.length; i++) {
            if (i < p.length && p.charCodeAt(i) !== 0x2f)
                continue;
            if (!ascii || !asciiNameIsPortable(p, start, i, maxComponent))
                componentProblems(p, p.slice(start, i), maxComponent, problems);
            start = i + 1;
        }
        if (p.length > maxPath)
            problems.push({
                path: p,
                rule: 'path-too-long',
                detail: `${p.length} characters; Windows without long-path support allows ${maxPath}`,
            });
        if (!allAscii) {
            const nfc = ascii ? p : p.normalize('NFC');
            const prevNfc = byNfc.get(nfc);
            if (prevNfc !== undefined && prevNfc !== p) {
                problems.push({
                    path: p,
                    rule: 'unicode-collision',
                    detail: `same name as "${prevNfc}" after Unicode normalization (macOS)`,
                    other: prevNfc,
                });
                continue;
            }
            byNfc.set(nfc, p);
        }
        // A path collides with an earlier one if the folded path, or any folded directory prefix, matches.
        let reported = false;
        const met = [];
        for (let i = 0, start = 0; start <= p.length && !reported; i++) {
            let end = p.indexOf('/', start);
            if (end < 0)
                end = p.length;
            start = end + 1;
            const known = seen[i];
            let step;
            // The previous path's prefix (same length, same text) met the same earlier one.
            if (known !== undefined && known.prefix.length === end && p.startsWith(known.prefix))
                step = known;
            else {
                const prefix = p.slice(0, end);
                const folded = ascii ? prefix.toLowerCase() : fold(prefix);
                let prev = byFolded.get(folded);
                if (prev === undefined)
                    byFolded.set(folded, (prev = prefix));
                step = { prefix, prev };
            }
            met.push(step);
            if (step.prev !== step.prefix) {
                problems.push({
                    path: p,
                    rule: 'case-collision',
                    detail: `"${step.prefix}" and "${step.prev}" are the same name on case-insensitive filesystems (Windows, macOS)`,
                    other: step.prev,
                });
                reported = true;
            }
        }
        seen = met;
    }
    return problems;
}
/** The rules for one name of a path, in the order they are reported: the reference for every name. */
function componentProblems(p, comp, maxComponent, problems) {
    const base = comp.split('.')[0].replace(/ +$/, '');
    if (RESERVED.test(base))
        problems.push({ path: p, rule: 'reserved-name', detail: `"${comp}" is a reserved device name on Windows` });
    if (FORBIDDEN.test(comp))
        problems.push({
            path: p,
            rule: 'forbidden-char',
            detail: `"${comp}" contains a character Windows forbids in names (< > : " \\ | ? *)`,
        });
    if (CONTROL.test(comp))
        problems.push({
            path: p,
            rule: 'control-char',
            detail: `"${JSON.stringify(comp).slice(1, -1)}" contains a control character, which Windows forbids`,
        });
    if (/[. ]$/.test(comp))
        problems.push({ path: p, rule: 'trailing-dot-space', detail: `"${comp}" ends in a dot or space, which Windows strips` });
    if (comp.length > maxComponent || Buffer.byteLength(comp) > 255) {
        problems.push({
            path: p,
            rule: 'component-too-long',
            detail: `"${comp.slice(0, 40)}…" is longer than ${maxComponent} characters or 255 bytes`,
        });
    }
}
function isAsciiText(s) {
    for (let i = 0; i < s.length; i++)
        if (s.charCodeAt(i) >= 0x80)
            return false;
    return true;
}
/**
 * Whether the ASCII name `p[start, end)` breaks none of componentProblems' rules, in one pass
 * (one character is one byte; only a base name of a reserved name's length is looked up).
 * False sends the name to componentProblems, which then reports what it breaks.
 */
function asciiNameIsPortable(p, start, end, maxComponent) {
    const length = end - start;
    if (length > maxComponent || length > 255)
        return false;
    let dot = end;
    for (let i = start; i < end; i++) {
        const c = p.charCodeAt(i);
        // < > : " \ | ? * and the C0 controls
        if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x3a || c === 0x22 || c === 0x5c || c === 0x7c || c === 0x3f || c === 0x2a)
            return false;
        if (c === 0x2e && dot === end)
            dot = i;
    }
    if (length > 0) {
        const last = p.charCodeAt(end - 1);
        if (last === 0x2e || last === 0x20)
            return false;
    }
    let baseEnd = dot;
    while (baseEnd > start && p.charCodeAt(baseEnd - 1) === 0x20)
        baseEnd--;
    const baseLength = baseEnd - start;
    // con, prn, aux, nul (3); com1…, lpt1… (4); conin$ (6); conout$ (7): only these lengths can be reserved.
    return !(baseLength === 3 || baseLength === 4 || baseLength === 6 || baseLength === 7) || !RESERVED.test(p.slice(start, baseEnd));
}
/** A short summary for people: counts per rule, then examples. */
export function formatPortabilityProblems(problems, limit = 20) {
    const counts = new Map();
    for (const p of problems)
        counts.set(p.rule, (counts.get(p.rule) ?? 0) + 1);
    const head = [...counts].map(([rule, n]) => `${n} ${rule}`).join(', ');
    const lines = problems.slice(0, limit).map((p) => `  ${p.path}: ${p.detail}`);
    if (problems.length > limit)
        lines.push(`  … and ${problems.length - limit} more`);
    return [`(${head})`, ...lines].join('\n');
}
