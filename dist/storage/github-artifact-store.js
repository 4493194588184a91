import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseBoundedJson } from '../shared/bounded-json.js';
import { IntegrityError, isIndexVaultError, NotFoundError, StorageError, UnsupportedError, ValidationError } from '../shared/errors.js';
import { silentLogger } from '../shared/logger.js';
import { spoolToFile, streamCopy } from './file-object.js';
import { isValidKey } from './store.js';
import { loadOptional } from './optional-sdk.js';
/** Artifact names cannot hold `/`; store keys never hold `+`, so the mapping is reversible. */
export function artifactNameOf(key) {
    return key.replaceAll('/', '+');
}
export function keyOfArtifactName(name) {
    const key = name.replaceAll('+', '/');
    return isValidKey(key) && !name.includes('/') ? key : undefined;
}
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
export class GitHubArtifactStore {
    description;
    env;
    logger;
    options;
    client;
    index;
    owner;
    repo;
    searchedRuns = [];
    expired = 0;
    constructor(options = {}) {
        this.options = options;
        this.env = options.env ?? process.env;
        this.logger = options.logger ?? silentLogger;
        const repository = this.env.GITHUB_REPOSITORY ?? '';
        [this.owner = '', this.repo = ''] = repository.split('/');
        if ((options.token || options.runId) && (!this.owner || !this.repo)) {
            throw new ValidationError('reading artifacts of other runs needs GITHUB_REPOSITORY (owner/name)', {
                hint: 'run inside a GitHub Actions job',
            });
        }
        if (options.runId !== undefined && !options.token) {
            throw new ValidationError('run-id needs github-token', {
                hint: 'pass github-token: ${{ secrets.GITHUB_TOKEN }} (with actions: read permission) to read another run',
            });
        }
        this.description = `github-artifact:${options.runId ? `run ${options.runId}` : 'this run'}${options.token && !options.runId ? ' and earlier runs' : ''}`;
    }
    async artifacts() {
        if (!this.env.ACTIONS_RUNTIME_TOKEN || !this.env.ACTIONS_RESULTS_URL) {
            throw new UnsupportedError('GitHub artifacts are not available here (no ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL)', {
                hint: 'run inside a GitHub Actions job (the action has them; a run: step needs them passed through), or use a local store',
            });
        }
        if (!this.client) {
            const mod = await loadOptional('artifact', () => import('@actions/artifact'));
            this.client = new mod.DefaultArtifactClient();
        }
        return this.client;
    }
    findBy(run) {
        return { findBy: { token: this.options.token, workflowRunId: run, repositoryOwner: this.owner, repositoryName: this.repo } };
    }
    /**
     * One GitHub REST call, retried with backoff when rate-limited (429, or 403 with no quota left)
     * or failing with 5xx or a network error; anything else is returned. Bounded: after the last
     * try it fails, rather than quietly searching fewer runs.
     */
    async api(pathAndQuery) {
        const base = this.env.GITHUB_API_URL || 'https://api.github.com';
        const tries = this.options.apiRetries ?? 5;
        const delay = this.options.apiRetryDelayMs ?? Number(this.env.INDEX_VAULT_API_RETRY_MS || 1000);
        let last = '';
        for (let i = 0; i < tries; i++) {
            if (i > 0)
                await new Promise((r) => setTimeout(r, Math.min(delay * 2 ** (i - 1), 30_000)));
            let res;
            try {
                res = await fetch(`${base}${pathAndQuery}`, {
                    headers: {
                        authorization: `Bearer ${this.options.token}`,
                        accept: 'application/vnd.github+json',
                        'x-github-api-version': '2022-11-28',
                    },
                });
            }
            catch (err) {
                last = err.message;
                continue;
            }
            const limited = res.status === 429 || (res.status === 403 && res.headers.get('x-ratelimit-remaining') === '0');
            if (!limited && res.status < 500)
                return res;
            last = `HTTP ${res.status}`;
            const after = Number(res.headers.get('retry-after'));
            if (after > 0 && after * 1000 > delay)
                await new Promise((r) => setTimeout(r, Math.min(after * 1000, 60_000)));
        }
        throw new StorageError(`the GitHub API did not answer ${pathAndQuery.split('?')[0]} after ${tries} tries (${last})`, {
            hint: 'the API is rate-limited or failing; run the job again later',
        });
    }
    async json(pathAndQuery) {
        const res = await this.api(pathAndQuery);
        if (res.status === 404)
            return undefined;
        if (!res.ok) {
            throw new StorageError(`the GitHub API refused ${pathAndQuery.split('?')[0]}: HTTP ${res.status}`, {
                hint: res.status === 401 || res.status === 403
                    ? 'the token needs actions: read on this repository (permissions: actions: read)'
                    : 'run the job again',
            });
        }
        // Bounded like everything read from outside: a huge or deeply nested answer is refused, not parsed.
        return parseBoundedJson(await res.text(), `GitHub API answer for ${pathAndQuery.split('?')[0]}`, 16 * 1024 * 1024);
    }
    /**
     * Completed runs to search, newest first (failed runs may still hold good snapshots): with
     * runId, that run and the runs of its branch before it (paging back as far as needed); else
     * the newest runs of this branch, then, for a pull request, of its base branch.
     */
    async runsToSearch() {
        const workflow = /\/\.github\/workflows\/([^@]+)@/.exec(this.env.GITHUB_WORKFLOW_REF ?? '')?.[1];
        const lookback = this.options.lookbackRuns ?? 30;
        const repo = `/repos/${this.owner}/${this.repo}`;
        const named = this.options.runId;
        let branches = [this.env.GITHUB_HEAD_REF || this.env.GITHUB_REF_NAME, this.env.GITHUB_BASE_REF].filter((b) => !!b);
        const out = [];
        if (named) {
            const run = await this.json(`${repo}/actions/runs/${named}`);
            out.push({ id: named, branch: run?.head_branch ?? '?' });
            if (run?.head_branch)
                branches = [run.head_branch];
        }
        if (!workflow)
            return out;
        for (const branch of [...new Set(branches)]) {
            let found = 0;
            for (let page = 1; page <= 50 && found < lookback; page++) {
                const q = `branch=${encodeURIComponent(branch)}&status=completed&per_page=100&page=${page}`;
                const body = await this.json(`${repo}/actions/workflows/${encodeURIComponent(workflow)}/runs?${q}`);
                const runs = body?.workflow_runs ?? [];
                for (const r of runs) {
                    if (found >= lookback)
                        break;
                    // Run ids grow with time: the runs before a named run are its possible ancestors.
                    if (named && r.id >= named)
                        continue;
                    if (!out.some((o) => o.id === r.id))
                        out.push({ id: r.id, branch });
                    found++;
                }
                if (runs.length < 100)
                    break;
            }
        }
        return out;
    }
    /** A run's artifacts through REST, every page; expired ones are listed by GitHub but cannot be downloaded, so they are left out. */
    async runArtifacts(run) {
        const out = [];
        const now = Date.now();
        for (let page = 1; page <= 100; page++) {
            const body = await this.json(`/repos/${this.owner}/${this.repo}/actions/runs/${run}/artifacts?per_page=100&page=${page}`);
            const list = body?.artifacts ?? [];
            for (const a of list) {
                if (a.expired || (a.expires_at && Date.parse(a.expires_at) <= now)) {
                    this.expired++;
                    continue;
                }
                out.push({
                    name: a.name,
                    id: a.id,
                    size: a.size_in_bytes,
                    digest: a.digest ?? undefined,
                    createdAt: a.created_at ? new Date(a.created_at) : undefined,
                });
            }
            if (list.length < 100)
                break;
        }
        return out;
    }
    /** The runs whose artifacts were searched (for the job summary). */
    searched() {
        return this.searchedRuns;
    }
    async located() {
        if (this.index)
            return this.index;
        const client = await this.artifacts();
        const index = new Map();
        const add = (list, run) => {
            for (const a of list) {
                const key = keyOfArtifactName(a.name);
                if (key && !index.has(key))
                    index.set(key, { id: a.id, run, size: a.size, digest: a.digest, created: a.createdAt });
            }
        };
        try {
            add((await client.listArtifacts({ latest: true })).artifacts);
            this.searchedRuns = ['this run'];
            if (this.options.token) {
                const current = Number(this.env.GITHUB_RUN_ID);
                // A named run comes first; earlier runs follow, since its snapshot may build on their packs.
                for (const run of await this.runsToSearch()) {
                    if (run.id === current)
                        continue;
                    add(await this.runArtifacts(run.id), run.id);
                    this.searchedRuns.push(`${run.id} (${run.branch})`);
                }
                if (this.expired > 0)
                    this.logger.info(`${this.expired} expired artifact(s) of earlier runs left out: they can no longer be downloaded`);
            }
        }
        catch (err) {
            throw this.failure('list artifacts', err);
        }
        this.index = index;
        return index;
    }
    failure(what, err) {
        if (isIndexVaultError(err))
            return err;
        const msg = err.message ?? String(err);
        const auth = /\b(401|403)\b|Resource not accessible/i.test(msg);
        return new StorageError(`cannot ${what}: ${msg}`, {
            cause: err,
            hint: auth
                ? 'the token needs actions: read on this repository (permissions: actions: read)'
                : 'a transient service failure is retried by the client; run the job again if it persists',
        });
    }
    async put(key, body, options = {}) {
        if (!isValidKey(key))
            throw new ValidationError(`invalid store key ${JSON.stringify(key)}`);
        const client = await this.artifacts();
        const index = await this.located();
        const name = artifactNameOf(key);
        const dir = await fs.mkdtemp(path.join(this.env.RUNNER_TEMP || os.tmpdir(), 'iv-artifact-'));
        try {
            // With skipArchive the artifact takes the file's name.
            const file = path.join(dir, name);
            const { size, sha256 } = await spoolToFile(body, file);
            const digest = `sha256:${sha256}`;
            const existing = index.get(key);
            if (existing) {
                if (options.ifNoneMatch || existing.digest !== digest) {
                    throw new StorageError(`artifact ${name} already exists${existing.digest === digest ? '' : ' with different content'}`, {
                        hint: 'artifact names are unique per run; use another series name or snapshot',
                        details: { key, exists: true },
                    });
                }
                return { key, size };
            }
            let uploaded;
            try {
                uploaded = await client.uploadArtifact(name, [file], dir, { skipArchive: true, retentionDays: this.options.retentionDays });
            }
            catch (err) {
                // A 409: another job of this run uploaded the same name. Identical content is fine.
                if (/409|already exists|Conflict/i.test(err.message)) {
                    this.index = undefined;
                    const now = (await this.located()).get(key);
                    if (now?.digest === digest && !options.ifNoneMatch)
                        return { key, size };
                    throw new StorageError(`artifact ${name} already exists in this run${now?.digest === digest ? '' : ' with different content'}`, {
                        cause: err,
                        details: { key, exists: true },
                    });
                }
                throw this.failure(`upload artifact ${name}`, err);
            }
            if (!uploaded.id)
                throw new StorageError(`the artifact service did not confirm ${name}`, { hint: 'run the job again' });
            index.set(key, { id: uploaded.id, size, digest: uploaded.digest ? `sha256:${uploaded.digest.replace(/^sha256:/, '')}` : digest });
            return { key, size };
        }
        finally {
            await fs.rm(dir, { recursive: true, force: true });
        }
    }
    async get(key, options = {}) {
        return streamCopy(await this.download(key), options);
    }
    async download(key) {
        const client = await this.artifacts();
        const at = (await this.located()).get(key);
        if (!at) {
            throw new NotFoundError(`no artifact ${artifactNameOf(key)} in ${this.description}`, {
                hint: this.options.token
                    ? 'check the series name, and that the run that made it is among the runs searched'
                    : 'to restore from another run, pass github-token (and run-id)',
                details: { key },
            });
        }
        const dir = await fs.mkdtemp(path.join(this.env.RUNNER_TEMP || os.tmpdir(), 'iv-artifact-'));
        try {
            const res = await client.downloadArtifact(at.id, {
                path: dir,
                skipDecompress: true,
                expectedHash: at.digest,
                ...(at.run ? this.findBy(at.run) : {}),
            });
            if (res.digestMismatch) {
                throw new IntegrityError(`artifact ${artifactNameOf(key)} does not match the digest recorded at upload`, {
                    hint: 'the stored object is damaged; take a new full backup (incremental: false)',
                    details: { key },
                });
            }
            const [file] = await fs.readdir(dir);
            if (!file)
                throw new StorageError(`artifact ${artifactNameOf(key)} downloaded as nothing`, { hint: 'run the job again' });
            return { path: path.join(dir, file), release: () => fs.rm(dir, { recursive: true, force: true }) };
        }
        catch (err) {
            await fs.rm(dir, { recursive: true, force: true });
            if (isIndexVaultError(err))
                throw err;
            const status = err.status;
            if (status === 404 || status === 410 || /\b(404|410)\b|Not Found|Gone|expired/i.test(err.message ?? '')) {
                throw new NotFoundError(`artifact ${artifactNameOf(key)}${at.run ? ` of run ${at.run}` : ''} can no longer be downloaded (expired or deleted)`, {
                    hint: 'the chain is broken: take a full snapshot',
                    cause: err,
                    details: { key },
                });
            }
            throw this.failure(`download artifact ${artifactNameOf(key)}`, err);
        }
    }
    async list(prefix) {
        const out = [];
        for (const [key, at] of await this.located())
            if (key.startsWith(prefix))
                out.push({ key, size: at.size, modified: at.created });
        return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    }
    async exists(key) {
        return (await this.located()).has(key);
    }
    async delete(key) {
        const client = await this.artifacts();
        const index = await this.located();
        const at = index.get(key);
        if (!at)
            return;
        try {
            await client.deleteArtifact(artifactNameOf(key), at.run ? this.findBy(at.run) : undefined);
        }
        catch (err) {
            throw this.failure(`delete artifact ${artifactNameOf(key)}`, err);
        }
        index.delete(key);
    }
}
