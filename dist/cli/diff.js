import { diffSnapshots } from '../engine/diff.js';
import { formatBytes } from '../shared/units.js';
import { plural } from './plural.js';
import { isSnapshotId } from '../snapshot/snapshot-id.js';
import { COMMON } from './command.js';
import { oneSeries } from './one-series.js';
import { SIGNING_OPTIONS } from './signing.js';
import { withStore } from './with-store.js';
export const diffCommand = {
    usage: 'index-vault diff [A] [B] --store <dir> [--name N] [--signing-key [ID:]SECRET] [--allow-unsigned] [--json]',
    about: 'Show what changed between two snapshots (ids, latest, latest~N; default: the newest and its parent).',
    options: { ...COMMON, ...SIGNING_OPTIONS },
    positionals: 2,
    minPositionals: 0,
    run: (inv) => withStore(inv, runDiffCommand, false, true),
};
async function runDiffCommand({ values, positionals, store, name, signing, logger, out }) {
    const series = await oneSeries(store, values, name, name === undefined ? positionals.find((r) => isSnapshotId(r)) : undefined);
    const d = await runDiff(store, series, positionals, signing, logger);
    out({ ok: true, ...d }, diffText(d));
    return 0;
}
/**
 * `diff [A] [B]`: no argument compares the newest snapshot with its parent, one compares that
 * snapshot with its parent, two compare A (earlier) with B.
 */
export async function runDiff(store, series, refs, signing, logger) {
    const [a, b] = refs;
    return diffSnapshots({ store, series, from: refs.length === 2 ? a : undefined, to: refs.length === 2 ? b : a, signing, logger });
}
// Paths are the manifest's: one with a control character is quoted, so it cannot fake a line.
const shown = (p) => (/\p{Cc}/u.test(p) ? JSON.stringify(p) : p);
/** The diff for people: a line of counts, then one line per path (`+` added, `~` changed, `-` removed, `>` renamed), then the index's own changes. */
export function diffText(d) {
    const side = (s) => `${s.id} (${s.kind}, ${plural(s.files, 'file')}, ${formatBytes(s.bytes)})`;
    const lines = [
        `${d.series}: ${d.from ? `${side(d.from)} -> ${side(d.to)}` : `${side(d.to)}, nothing before it`}`,
        `${d.added} added, ${d.changed} changed, ${d.removed} removed, ${d.renamed} renamed, ${d.unchanged} unchanged; ${formatBytes(d.changedBytes)} of new or changed files`,
    ];
    for (const p of d.paths.added)
        lines.push(`+ ${shown(p.path)} (${formatBytes(p.size)})`);
    for (const p of d.paths.changed)
        lines.push(`~ ${shown(p.path)} (${p.size === p.sizeBefore ? formatBytes(p.size) : `${formatBytes(p.sizeBefore)} -> ${formatBytes(p.size)}`})`);
    for (const p of d.paths.removed)
        lines.push(`- ${shown(p.path)} (${formatBytes(p.size)})`);
    for (const p of d.paths.renamed)
        lines.push(`> ${shown(p.from)} -> ${shown(p.to)} (${formatBytes(p.size)})`);
    for (const l of d.index?.lines ?? [])
        lines.push(`${d.index.format}: ${l}`);
    return lines.join('\n');
}
