import { formatBytes } from '../shared/units.js';
/** Paths listed per kind of change before the rest is only counted: a summary stays readable. */
const MAX_LISTED = 50;
// Inside backticks a path can end the code span or the table; control characters none of it.
const code = (p) => `\`${p.replace(/`/g, "'").replace(/\p{Cc}/gu, '?')}\``;
const text = (s) => s.replace(/[|<>`]/g, '\\$&').replace(/\p{Cc}/gu, '?');
/** The diff against the snapshot before: the index's own changes, then the paths (folded). */
export function renderDiff(d) {
    const lines = [];
    lines.push(d.from
        ? `Changes from \`${d.from.id}\` (${d.from.kind}) to \`${d.to.id}\`:`
        : `Changes: \`${d.to.id}\` is the first snapshot of the series.`, '');
    if (d.index && d.index.lines.length > 0) {
        for (const l of d.index.lines)
            lines.push(`- ${d.index.format}: ${text(l)}`);
        lines.push('');
    }
    const rows = [];
    const list = (items, mark, line) => {
        for (const x of items.slice(0, MAX_LISTED))
            rows.push(`${mark} ${line(x)}`);
        if (items.length > MAX_LISTED)
            rows.push(`${mark} … and ${items.length - MAX_LISTED} more`);
    };
    list(d.paths.added, 'added', (p) => `${code(p.path)} (${formatBytes(p.size)})`);
    list(d.paths.changed, 'changed', (p) => `${code(p.path)} (${p.size === p.sizeBefore ? formatBytes(p.size) : `${formatBytes(p.sizeBefore)} → ${formatBytes(p.size)}`})`);
    list(d.paths.removed, 'removed', (p) => `${code(p.path)} (${formatBytes(p.size)})`);
    list(d.paths.renamed, 'renamed', (p) => `${code(p.from)} → ${code(p.to)} (${formatBytes(p.size)})`);
    if (rows.length > 0)
        lines.push(`<details><summary>${rows.length} changed path line(s)</summary>`, '', ...rows.map((r) => `- ${r}`), '', '</details>', '');
    return lines;
}
