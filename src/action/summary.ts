import type { SnapshotDiff } from '../engine/diff.js';
import type { ManifestDiff } from '../snapshot/manifest-diff.js';
import { renderDiff } from './summary-diff.js';
import { formatBytes, formatDuration } from '../shared/units.js';

export interface ChainLink {
  id: string;
  kind: string;
  files: number;
  storedBytes: number;
  createdAt: string;
}

export interface SummaryData {
  mode: 'backup' | 'restore' | 'verify';
  series: string;
  store: string;
  /** The directory restored into (or backed up). */
  target?: string;
  /** Workflow runs whose artifacts were searched, when more than the current one. */
  searched?: string[];
  snapshot?: string;
  kind?: string;
  files?: number;
  bytes?: number;
  storedBytes?: number;
  /** Paths a backup left out as transient or as another version of the index. */
  excluded?: number;
  fetchedBytes?: number;
  reusedFiles?: number;
  reusedBytes?: number;
  /** The paths a partial restore replaced (input `only`). */
  restoredPaths?: string[];
  /** Against the snapshot before (backup: the previous newest; restore: the restored one's parent). */
  diff?: SnapshotDiff;
  durationMs: number;
  chain: ChainLink[];
  note?: string;
}

const esc = (s: string) => s.replace(/\|/g, '\\|');

/** The job summary: what was stored or restored, how fast, and the chain the snapshot sits in. */
export function renderSummary(d: SummaryData): string {
  const rows: Array<[string, string]> = [];
  if (d.snapshot) rows.push(['snapshot', `\`${d.snapshot}\`${d.kind ? ` (${d.kind})` : ''}`]);
  if (d.diff)
    rows.push([
      'files',
      `${d.files ?? 0}: ${d.diff.added} added, ${d.diff.changed} changed, ${d.diff.removed} removed${d.diff.renamed ? `, ${d.diff.renamed} renamed` : ''}, ${d.diff.unchanged} unchanged`,
    ]);
  else if (d.files !== undefined) rows.push(['files', String(d.files)]);
  if (d.excluded !== undefined) rows.push(['excluded', `${d.excluded} transient or other-version path(s)`]);
  if (d.bytes !== undefined) rows.push(['bytes', formatBytes(d.bytes)]);
  if (d.storedBytes !== undefined) rows.push(['stored', storedText(d.storedBytes, d.bytes, d.diff)]);
  if (d.fetchedBytes !== undefined) {
    const reused = d.reusedFiles ? `; ${formatBytes(d.reusedBytes ?? 0)} (${d.reusedFiles} files) reused from the directory or seeds` : '';
    rows.push(['fetched', `${formatBytes(d.fetchedBytes)}${reused}`]);
  }
  if (d.restoredPaths) rows.push(['only', esc(d.restoredPaths.map((p) => `\`${p}\``).join(', '))]);
  rows.push(['time', formatDuration(d.durationMs)]);
  if (d.bytes && d.durationMs > 0) rows.push(['throughput', `${(d.bytes / 1e6 / (d.durationMs / 1000)).toFixed(1)} MB/s`]);
  if (d.target) rows.push([d.mode === 'restore' ? 'restored into' : 'directory', `\`${esc(d.target)}\``]);
  rows.push(['store', esc(d.store)]);
  if (d.searched && d.searched.length > 0) rows.push(['runs searched', esc(d.searched.join(', '))]);

  const lines = [`### index-vault ${d.mode}: \`${d.series}\``, ''];
  if (d.note) lines.push(d.note, '');
  lines.push('| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`), '');
  if (d.diff) lines.push(...renderDiff(d.diff));
  if (d.chain.length > 0) {
    lines.push('Chain (newest first):', '', '| snapshot | kind | files | stored | created |', '|---|---|---|---|---|');
    for (const c of d.chain) lines.push(`| \`${c.id}\` | ${c.kind} | ${c.files} | ${formatBytes(c.storedBytes)} | ${c.createdAt} |`);
    lines.push('');
  }
  return lines.join('\n');
}

/** What was stored, compared with what it stands for, in words: never a percentage above 100. */
function storedText(stored: number, bytes: number | undefined, diff: ManifestDiff | undefined): string {
  const parts = [formatBytes(stored)];
  if (diff && diff.changedBytes > 0 && diff.changedBytes < (bytes ?? 0))
    parts.push(`for ${formatBytes(diff.changedBytes)} of new or changed files`);
  else if (bytes) parts.push(`for a ${formatBytes(bytes)} tree`);
  if (bytes && stored > 0) {
    const base = diff && diff.changedBytes > 0 && diff.changedBytes < bytes ? diff.changedBytes : bytes;
    parts.push(
      stored <= base
        ? `(compressed to ${((stored / base) * 100).toFixed(0)}%)`
        : '(compression saved nothing: the data was already compressed or small)',
    );
  }
  return parts.join(' ');
}

export interface FailureData {
  mode: string;
  series: string;
  target: string;
  store?: string;
  error: string;
  hint?: string;
}

/** The summary of a step that failed: what it tried, the error, and what to do. */
export function renderFailure(d: FailureData): string {
  const lines = [
    `### index-vault ${d.mode} failed: \`${d.series}\``,
    '',
    `Tried to ${d.mode} \`${esc(d.target)}\`${d.store ? ` with ${esc(d.store)}` : ''}.`,
    '',
    `**Error:** ${esc(d.error)}`,
    '',
  ];
  if (d.hint) lines.push(`**What to do:** ${esc(d.hint)}`, '');
  return lines.join('\n');
}
