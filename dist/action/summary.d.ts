import type { ManifestDiff } from '../core/manifest-diff.js';
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
    fetchedBytes?: number;
    reusedFiles?: number;
    diff?: ManifestDiff;
    durationMs: number;
    chain: ChainLink[];
    note?: string;
}
/** The job summary: what was stored or restored, how fast, and the chain the snapshot sits in. */
export declare function renderSummary(d: SummaryData): string;
