import type { SnapshotDiff } from '../engine/diff.js';
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
/** The job summary: what was stored or restored, how fast, and the chain the snapshot sits in. */
export declare function renderSummary(d: SummaryData): string;
export interface FailureData {
    mode: string;
    series: string;
    target: string;
    store?: string;
    error: string;
    hint?: string;
}
/** The summary of a step that failed: what it tried, the error, and what to do. */
export declare function renderFailure(d: FailureData): string;
