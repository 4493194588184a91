import { type Logger } from '../shared/logger.js';
import { type GetOptions, type LocalCopy, type PutOptions, type Store, type StoreObject } from './store.js';
export interface GitHubArtifactStoreOptions {
    /** Days GitHub keeps uploaded artifacts (default: the repository's setting). */
    retentionDays?: number;
    /** A token with `actions: read`, to read artifacts of other workflow runs. */
    token?: string;
    /** Read snapshots from this workflow run as well as the current one. */
    runId?: number;
    /** With a token: how many runs of this workflow to search per branch, before runId if one is given (default 30). */
    lookbackRuns?: number;
    /** Tries and first delay of a REST call that is rate-limited or fails with 5xx (default 5 tries from 1 s). */
    apiRetries?: number;
    apiRetryDelayMs?: number;
    env?: Record<string, string | undefined>;
    logger?: Logger;
}
/** Artifact names cannot hold `/`; store keys never hold `+`, so the mapping is reversible. */
export declare function artifactNameOf(key: string): string;
export declare function keyOfArtifactName(name: string): string | undefined;
/**
 * Snapshots as workflow artifacts: one artifact per store object, uploaded raw (packs are
 * compressed already, so no zip around them) and checked against the digest GitHub recorded at
 * upload when downloaded back.
 *
 * A store spans the current run and, given a token, earlier runs: `runId`, or the newest
 * `lookbackRuns` completed runs of the same workflow on the same branch. That is what lets an
 * incremental snapshot in this run reuse packs an earlier run uploaded, and a later job, run or
 * OS restore it. Objects of the current run shadow those of older runs.
 */
export declare class GitHubArtifactStore implements Store {
    readonly description: string;
    private readonly env;
    private readonly logger;
    private readonly options;
    private client?;
    private index?;
    private readonly owner;
    private readonly repo;
    private searchedRuns;
    private expired;
    constructor(options?: GitHubArtifactStoreOptions);
    private artifacts;
    private findBy;
    /**
     * One GitHub REST call, retried with backoff when rate-limited (429, or 403 with no quota left)
     * or failing with 5xx or a network error; anything else is returned. Bounded: after the last
     * try it fails, rather than quietly searching fewer runs.
     */
    private api;
    private json;
    /**
     * Completed runs to search, newest first (failed runs may still hold good snapshots): with
     * runId, that run and the runs of its branch before it (paging back as far as needed); else
     * the newest runs of this branch, then, for a pull request, of its base branch.
     */
    private runsToSearch;
    /** A run's artifacts through REST, every page; expired ones are listed by GitHub but cannot be downloaded, so they are left out. */
    private runArtifacts;
    /** The runs whose artifacts were searched (for the job summary). */
    searched(): string[];
    private located;
    private failure;
    put(key: string, body: AsyncIterable<Uint8Array>, options?: PutOptions): Promise<StoreObject>;
    get(key: string, options?: GetOptions): Promise<AsyncIterable<Buffer>>;
    download(key: string): Promise<LocalCopy>;
    list(prefix: string): Promise<StoreObject[]>;
    exists(key: string): Promise<boolean>;
    delete(key: string): Promise<void>;
}
