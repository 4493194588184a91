// checkPortability as it was before its ASCII fast paths: the reference the differential test compares with.
import type { PortabilityOptions, PortabilityProblem } from '../../src/fs-safety/portability.js';

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
function fold(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/ß/g, 'ss');
}

/**
 * Lists every path that could not be restored as-is on Windows, macOS or Linux. Paths are POSIX
 * relative paths, as stored in a manifest. One pass; memory is a map of folded paths.
 */
export function referenceCheckPortability(paths: Iterable<string>, options: PortabilityOptions = {}): PortabilityProblem[] {
  const maxPath = options.maxPathLength ?? 260;
  const maxComponent = options.maxComponentLength ?? 255;
  const problems: PortabilityProblem[] = [];
  const byFolded = new Map<string, string>();
  const byNfc = new Map<string, string>();
  const list = [...paths];
  const sorted = list.every((p, i) => i === 0 || list[i - 1]! <= p) ? list : list.sort();
  // The previous path's directory prefixes and what each met in byFolded: paths are sorted, so
  // siblings share them, and the same prefix string always meets the same earlier one.
  let seen: Array<{ prefix: string; prev: string }> = [];

  for (const p of sorted) {
    for (const comp of p.split('/')) {
      const base = comp.split('.')[0]!.replace(/ +$/, '');
      if (RESERVED.test(base)) problems.push({ path: p, rule: 'reserved-name', detail: `"${comp}" is a reserved device name on Windows` });
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
    if (p.length > maxPath)
      problems.push({
        path: p,
        rule: 'path-too-long',
        detail: `${p.length} characters; Windows without long-path support allows ${maxPath}`,
      });

    const nfc = p.normalize('NFC');
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

    // A path collides with an earlier one if the folded path, or any folded directory prefix, matches.
    const parts = p.split('/');
    let prefix = '';
    let reported = false;
    const met: Array<{ prefix: string; prev: string }> = [];
    for (let i = 0; i < parts.length && !reported; i++) {
      prefix = i === 0 ? parts[0]! : `${prefix}/${parts[i]}`;
      let prev = seen[i]?.prefix === prefix ? seen[i]!.prev : undefined;
      if (prev === undefined) {
        const folded = fold(prefix);
        prev = byFolded.get(folded);
        if (prev === undefined) byFolded.set(folded, (prev = prefix));
      }
      met.push({ prefix, prev });
      if (prev !== prefix) {
        problems.push({
          path: p,
          rule: 'case-collision',
          detail: `"${prefix}" and "${prev}" are the same name on case-insensitive filesystems (Windows, macOS)`,
          other: prev,
        });
        reported = true;
      }
    }
    seen = met;
  }
  return problems;
}
