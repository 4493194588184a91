import type { ManifestDiff } from '../core/manifest-diff.js';
import { formatBytes, formatDuration } from '../core/units.js';

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
  snapshot?: string;
  kind?: string;
  files?: number;
  bytes?: number;
  storedBytes?: number;
  /** Paths a backup left out as transient or as another version of the index. */
  excluded?: number;
  fetchedBytes?: number;
  reusedFiles?: number;
  diff?: ManifestDiff;
  durationMs: number;
  chain: ChainLink[];
  note?: string;
}

const esc = (s: string) => s.replace(/\|/g, '\\|');

/** The job summary: what was stored or restored, how fast, and the chain the snapshot sits in. */
export function renderSummary(d: SummaryData): string {
  const rows: Array<[string, string]> = [];
  if (d.snapshot) rows.push(['snapshot', `\`${d.snapshot}\`${d.kind ? ` (${d.kind})` : ''}`]);
  if (d.diff) rows.push(['files', `${d.files ?? 0}: ${d.diff.added} added, ${d.diff.changed} changed, ${d.diff.removed} removed, ${d.diff.unchanged} unchanged`]);
  else if (d.files !== undefined) rows.push(['files', String(d.files)]);
  if (d.excluded !== undefined) rows.push(['excluded', `${d.excluded} transient or other-version path(s)`]);
  if (d.bytes !== undefined) rows.push(['bytes', formatBytes(d.bytes)]);
  if (d.storedBytes !== undefined) {
    const ratio = d.bytes ? ` (${((d.storedBytes / d.bytes) * 100).toFixed(1)}% of the tree${d.diff && d.diff.changedBytes > 0 ? `, ${((d.storedBytes / d.diff.changedBytes) * 100).toFixed(1)}% of the changed bytes` : ''})` : '';
    rows.push(['stored', `${formatBytes(d.storedBytes)}${ratio}`]);
  }
  if (d.fetchedBytes !== undefined) rows.push(['fetched', `${formatBytes(d.fetchedBytes)}${d.reusedFiles ? `; ${d.reusedFiles} files reused from the directory` : ''}`]);
  rows.push(['time', formatDuration(d.durationMs)]);
  if (d.bytes && d.durationMs > 0) rows.push(['throughput', `${(d.bytes / 1e6 / (d.durationMs / 1000)).toFixed(1)} MB/s`]);
  rows.push(['store', esc(d.store)]);

  const lines = [`### index-vault ${d.mode}: \`${d.series}\``, ''];
  if (d.note) lines.push(d.note, '');
  lines.push('| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`), '');
  if (d.chain.length > 0) {
    lines.push('Chain (newest first):', '', '| snapshot | kind | files | stored | created |', '|---|---|---|---|---|');
    for (const c of d.chain) lines.push(`| \`${c.id}\` | ${c.kind} | ${c.files} | ${formatBytes(c.storedBytes)} | ${c.createdAt} |`);
    lines.push('');
  }
  return lines.join('\n');
}
