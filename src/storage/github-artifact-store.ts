import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseBoundedJson } from '../core/bounded-json.js';
import { IntegrityError, isIndexVaultError, NotFoundError, StorageError, UnsupportedError, ValidationError } from '../core/errors.js';
import { silentLogger, type Logger } from '../core/logger.js';
import { spoolToFile, streamCopy } from './file-object.js';
import { isValidKey, type GetOptions, type LocalCopy, type PutOptions, type Store, type StoreObject } from './store.js';

type ArtifactClient = import('@actions/artifact').ArtifactClient;

export interface GitHubArtifactStoreOptions {
  /** Days GitHub keeps uploaded artifacts (default: the repository's setting). */
  retentionDays?: number;
  /** A token with `actions: read`, to read artifacts of other workflow runs. */
  token?: string;
  /** Read snapshots from this workflow run as well as the current one. */
  runId?: number;
  /** With a token and no runId: how many recent runs of this workflow on this branch to search (default 30). */
  lookbackRuns?: number;
  env?: Record<string, string | undefined>;
  logger?: Logger;
}

interface Located {
  id: number;
  /** The run that holds it; undefined for the current run. */
  run?: number;
  size: number;
  digest?: string;
  created?: Date;
}

/** Artifact names cannot hold `/`; store keys never hold `+`, so the mapping is reversible. */
export function artifactNameOf(key: string): string {
  return key.replaceAll('/', '+');
}

export function keyOfArtifactName(name: string): string | undefined {
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
export class GitHubArtifactStore implements Store {
  readonly description: string;
  private readonly env: Record<string, string | undefined>;
  private readonly logger: Logger;
  private readonly options: GitHubArtifactStoreOptions;
  private client?: ArtifactClient;
  private index?: Map<string, Located>;
  private readonly owner: string;
  private readonly repo: string;

  constructor(options: GitHubArtifactStoreOptions = {}) {
    this.options = options;
    this.env = options.env ?? process.env;
    this.logger = options.logger ?? silentLogger;
    const repository = this.env.GITHUB_REPOSITORY ?? '';
    [this.owner = '', this.repo = ''] = repository.split('/');
    if ((options.token || options.runId) && (!this.owner || !this.repo)) {
      throw new ValidationError('reading artifacts of other runs needs GITHUB_REPOSITORY (owner/name)', { hint: 'run inside a GitHub Actions job' });
    }
    if (options.runId !== undefined && !options.token) {
      throw new ValidationError('run-id needs github-token', { hint: 'pass github-token: ${{ secrets.GITHUB_TOKEN }} (with actions: read permission) to read another run' });
    }
    this.description = `github-artifact:${options.runId ? `run ${options.runId}` : 'this run'}${options.token && !options.runId ? ' and earlier runs' : ''}`;
  }

  private async artifacts(): Promise<ArtifactClient> {
    if (!this.env.ACTIONS_RUNTIME_TOKEN || !this.env.ACTIONS_RESULTS_URL) {
      throw new UnsupportedError('GitHub artifacts are not available here (no ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL)', {
        hint: 'run inside a GitHub Actions job (the action has them; a run: step needs them passed through), or use a local store',
      });
    }
    if (!this.client) {
      const mod = await import('@actions/artifact');
      this.client = new mod.DefaultArtifactClient();
    }
    return this.client;
  }

  private findBy(run: number) {
    return { findBy: { token: this.options.token!, workflowRunId: run, repositoryOwner: this.owner, repositoryName: this.repo } };
  }

  /** Completed runs of this workflow on this branch, newest first (failed runs may still hold good snapshots). */
  private async recentRuns(): Promise<number[]> {
    const workflow = /\/\.github\/workflows\/([^@]+)@/.exec(this.env.GITHUB_WORKFLOW_REF ?? '')?.[1];
    const branch = this.env.GITHUB_HEAD_REF || this.env.GITHUB_REF_NAME;
    const api = this.env.GITHUB_API_URL || 'https://api.github.com';
    if (!workflow || !branch) return [];
    const url = `${api}/repos/${this.owner}/${this.repo}/actions/workflows/${encodeURIComponent(workflow)}/runs?branch=${encodeURIComponent(branch)}&status=completed&per_page=${this.options.lookbackRuns ?? 30}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${this.options.token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' } });
    if (!res.ok) {
      this.logger.warn(`cannot list earlier runs of ${workflow} on ${branch}: HTTP ${res.status}; only this run's artifacts are used`);
      return [];
    }
    let body: { workflow_runs?: Array<{ id: number }> };
    try {
      body = parseBoundedJson(await res.text(), 'list of earlier runs', 16 * 1024 * 1024) as typeof body;
    } catch (err) {
      this.logger.warn(`cannot read the list of earlier runs of ${workflow} on ${branch}: ${(err as Error).message}; only this run's artifacts are used`);
      return [];
    }
    return (Array.isArray(body?.workflow_runs) ? body.workflow_runs : []).flatMap((r) => (Number.isSafeInteger(r?.id) ? [r.id] : []));
  }

  private async located(): Promise<Map<string, Located>> {
    if (this.index) return this.index;
    const client = await this.artifacts();
    const index = new Map<string, Located>();
    const add = (list: Array<{ name: string; id: number; size: number; digest?: string; createdAt?: Date }>, run?: number) => {
      for (const a of list) {
        const key = keyOfArtifactName(a.name);
        if (key && !index.has(key)) index.set(key, { id: a.id, run, size: a.size, digest: a.digest, created: a.createdAt });
      }
    };
    try {
      add((await client.listArtifacts({ latest: true })).artifacts);
      if (this.options.token) {
        const current = Number(this.env.GITHUB_RUN_ID);
        // A named run comes first; earlier runs follow, since its snapshot may build on their packs.
        const recent = await this.recentRuns();
        const runs = this.options.runId ? [this.options.runId, ...recent.filter((r) => r < this.options.runId!)] : recent;
        for (const run of runs) if (run !== current) add((await client.listArtifacts({ latest: true, ...this.findBy(run) })).artifacts, run);
      }
    } catch (err) {
      throw this.failure('list artifacts', err);
    }
    this.index = index;
    return index;
  }

  private failure(what: string, err: unknown): Error {
    if (isIndexVaultError(err)) return err;
    const msg = (err as Error).message ?? String(err);
    const auth = /\b(401|403)\b|Resource not accessible/i.test(msg);
    return new StorageError(`cannot ${what}: ${msg}`, {
      cause: err,
      hint: auth ? 'the token needs actions: read on this repository (permissions: actions: read)' : 'a transient service failure is retried by the client; run the job again if it persists',
    });
  }

  async put(key: string, body: AsyncIterable<Uint8Array>, options: PutOptions = {}): Promise<StoreObject> {
    if (!isValidKey(key)) throw new ValidationError(`invalid store key ${JSON.stringify(key)}`);
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
      } catch (err) {
        // A 409: another job of this run uploaded the same name. Identical content is fine.
        if (/409|already exists|Conflict/i.test((err as Error).message)) {
          this.index = undefined;
          const now = (await this.located()).get(key);
          if (now?.digest === digest && !options.ifNoneMatch) return { key, size };
          throw new StorageError(`artifact ${name} already exists in this run${now?.digest === digest ? '' : ' with different content'}`, { cause: err, details: { key, exists: true } });
        }
        throw this.failure(`upload artifact ${name}`, err);
      }
      if (!uploaded.id) throw new StorageError(`the artifact service did not confirm ${name}`, { hint: 'run the job again' });
      index.set(key, { id: uploaded.id, size, digest: uploaded.digest ? `sha256:${uploaded.digest.replace(/^sha256:/, '')}` : digest });
      return { key, size };
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }

  async get(key: string, options: GetOptions = {}): Promise<AsyncIterable<Buffer>> {
    return streamCopy(await this.download(key), options);
  }

  async download(key: string): Promise<LocalCopy> {
    const client = await this.artifacts();
    const at = (await this.located()).get(key);
    if (!at) {
      throw new NotFoundError(`no artifact ${artifactNameOf(key)} in ${this.description}`, {
        hint: this.options.token ? 'check the series name, and that the run that made it is among the runs searched' : 'to restore from another run, pass github-token (and run-id)',
        details: { key },
      });
    }
    const dir = await fs.mkdtemp(path.join(this.env.RUNNER_TEMP || os.tmpdir(), 'iv-artifact-'));
    try {
      const res = await client.downloadArtifact(at.id, { path: dir, skipDecompress: true, expectedHash: at.digest, ...(at.run ? this.findBy(at.run) : {}) });
      if (res.digestMismatch) {
        throw new IntegrityError(`artifact ${artifactNameOf(key)} does not match the digest recorded at upload`, {
          hint: 'the stored object is damaged; take a new full backup (incremental: false)',
          details: { key },
        });
      }
      const [file] = await fs.readdir(dir);
      if (!file) throw new StorageError(`artifact ${artifactNameOf(key)} downloaded as nothing`, { hint: 'run the job again' });
      return { path: path.join(dir, file), release: () => fs.rm(dir, { recursive: true, force: true }) };
    } catch (err) {
      await fs.rm(dir, { recursive: true, force: true });
      throw this.failure(`download artifact ${artifactNameOf(key)}`, err);
    }
  }

  async list(prefix: string): Promise<StoreObject[]> {
    const out: StoreObject[] = [];
    for (const [key, at] of await this.located()) if (key.startsWith(prefix)) out.push({ key, size: at.size, modified: at.created });
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async exists(key: string): Promise<boolean> {
    return (await this.located()).has(key);
  }

  async delete(key: string): Promise<void> {
    const client = await this.artifacts();
    const index = await this.located();
    const at = index.get(key);
    if (!at) return;
    try {
      await client.deleteArtifact(artifactNameOf(key), at.run ? this.findBy(at.run) : undefined);
    } catch (err) {
      throw this.failure(`delete artifact ${artifactNameOf(key)}`, err);
    }
    index.delete(key);
  }
}
