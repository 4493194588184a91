import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BlobSASPermissions, BlobServiceClient, generateBlobSASQueryParameters, StorageSharedKeyCredential } from '@azure/storage-blob';
import { DEV_ACCOUNT, DEV_KEY, type Azurite } from './azurite.js';

/**
 * A loopback test double of GitHub's results service, as the real `@actions/cache` and
 * `@actions/artifact` clients talk to it: Twirp JSON for the cache and artifact services, the REST
 * endpoints for cross-run artifact access, and signed URLs into a real blob store (Azurite).
 */

interface CacheEntry {
  key: string;
  version: string;
  blob: string;
  size: number;
  finalized: boolean;
  created: number;
}

interface ArtifactRecord {
  id: number;
  run: number;
  name: string;
  blob: string;
  size: number;
  digest?: string;
  finalized: boolean;
  created: string;
  expiresAt?: string;
  /** GitHub keeps listing an expired artifact (`expired: true`) but no longer serves it. */
  expired?: boolean;
}

export interface RunEnvOptions {
  run: number;
  workspace: string;
  temp: string;
  token?: string;
}

const CONTAINER = 'results';
export const REPO = 'acme/search';

class TwirpError extends Error {
  constructor(
    readonly status: number,
    readonly twirpCode: string,
    message: string,
  ) {
    super(message);
  }
}

/** Reads a field the clients may send in proto (snake) or JSON (camel) naming. */
function field<T>(body: Record<string, unknown>, snake: string): T | undefined {
  const camel = snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return (body[snake] ?? body[camel]) as T | undefined;
}

export class ResultsService {
  readonly cache: CacheEntry[] = [];
  readonly artifacts: ArtifactRecord[] = [];
  /** Calls per method, e.g. `CreateCacheEntry` or `REST list-artifacts`. */
  readonly calls = new Map<string, number>();
  /** Every key a cache lookup (GetCacheEntryDownloadURL, the step before each download) asked for, in order. */
  readonly lookups: string[] = [];
  /** Workflow runs the REST API lists, newest first (see `runs`). */
  readonly runs: Array<{ id: number; branch: string; status: string; conclusion: string; workflow: string }> = [];
  /** Query strings the REST API was called with, e.g. `list-runs branch=main&page=2`. */
  readonly restLog: string[] = [];
  /** When set, uploads go through this service, which flips one byte of every block on its way to the blob store. */
  tamperUploads = false;
  private faults = new Map<string, { count: number; status: number }>();
  private nextArtifactId = 1000;
  private server?: http.Server;
  private blobs: BlobServiceClient;
  private credential = new StorageSharedKeyCredential(DEV_ACCOUNT, DEV_KEY);
  url = '';

  constructor(private readonly azurite: Azurite) {
    this.blobs = new BlobServiceClient(azurite.url, this.credential);
  }

  async start(): Promise<void> {
    await this.blobs.getContainerClient(CONTAINER).createIfNotExists();
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }

  /** Makes the next `count` calls of `method` fail with `status` (the clients retry 5xx). */
  failNext(method: string, count: number, status = 503): void {
    this.faults.set(method, { count, status });
  }

  /** The environment the runner gives a job of `run`: what the clients read. */
  env(o: RunEnvOptions): Record<string, string> {
    const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
    return {
      ACTIONS_RESULTS_URL: `${this.url}/`,
      ACTIONS_RUNTIME_TOKEN: `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ scp: `Actions.GenericRead Actions.Results:run-${o.run}:job-${o.run}` })}.x`,
      ACTIONS_CACHE_SERVICE_V2: 'true',
      GITHUB_API_URL: this.url,
      GITHUB_REPOSITORY: REPO,
      GITHUB_RUN_ID: String(o.run),
      GITHUB_WORKSPACE: o.workspace,
      RUNNER_TEMP: o.temp,
      GITHUB_REF_NAME: 'main',
      GITHUB_WORKFLOW_REF: `${REPO}/.github/workflows/build.yml@refs/heads/main`,
      ...(o.token ? { GITHUB_TOKEN: o.token } : {}),
    };
  }

  /** Flips one byte in the middle of every blob whose name starts with `prefix` (`cache/`, `artifacts/`). */
  async corrupt(match: (name: string) => boolean): Promise<number> {
    let n = 0;
    const container = this.blobs.getContainerClient(CONTAINER);
    for await (const b of container.listBlobsFlat()) {
      if (!match(b.name)) continue;
      const client = container.getBlockBlobClient(b.name);
      const data = await client.downloadToBuffer();
      data[Math.floor(data.length / 2)]! ^= 0xff;
      await client.uploadData(data);
      n++;
    }
    return n;
  }

  /** Drops cache entries as GitHub does after 7 days unused or past the repository's budget. */
  evict(match: (key: string) => boolean): number {
    let n = 0;
    for (let i = this.cache.length - 1; i >= 0; i--) {
      if (!match(this.cache[i]!.key)) continue;
      this.cache.splice(i, 1);
      n++;
    }
    return n;
  }

  /** Marks artifacts expired: still listed by REST (`expired: true`), no longer downloadable (410). */
  expire(match: (a: { run: number; name: string }) => boolean): number {
    let n = 0;
    for (const a of this.artifacts) {
      if (!match(a)) continue;
      a.expired = true;
      a.expiresAt = new Date(Date.now() - 86_400_000).toISOString();
      n++;
    }
    return n;
  }

  blobNameOfArtifact(name: string): string | undefined {
    return this.artifacts.find((a) => a.name === name)?.blob;
  }

  private sas(blob: string, permissions: string): string {
    const q = generateBlobSASQueryParameters(
      {
        containerName: CONTAINER,
        blobName: blob,
        permissions: BlobSASPermissions.parse(permissions),
        expiresOn: new Date(Date.now() + 3600_000),
      },
      this.credential,
    ).toString();
    return `${this.azurite.url}/${CONTAINER}/${blob}?${q}`;
  }

  private count(method: string): void {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
  }

  private fault(method: string): { status: number } | undefined {
    const f = this.faults.get(method);
    if (!f || f.count <= 0) return undefined;
    f.count--;
    return { status: f.status };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', this.url);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    try {
      const twirp = /^\/twirp\/github\.actions\.results\.api\.v1\.(CacheService|ArtifactService)\/(\w+)$/.exec(url.pathname);
      if (twirp && req.method === 'POST') {
        const method = twirp[2]!;
        this.count(method);
        const f = this.fault(method);
        if (f) return send(f.status, { code: 'unavailable', msg: 'injected fault' });
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
        const run = this.runOf(req);
        return send(200, twirp[1] === 'CacheService' ? this.cacheCall(method, body) : this.artifactCall(method, body, run));
      }
      if (url.pathname.startsWith('/blob-proxy/')) return await this.proxyBlob(req, url, Buffer.concat(chunks), res);
      return this.rest(req.method ?? 'GET', url, send, res);
    } catch (err) {
      if (err instanceof TwirpError) return send(err.status, { code: err.twirpCode, msg: err.message });
      return send(500, { code: 'internal', msg: (err as Error).message });
    }
  }

  /** Forwards a blob request to Azurite, with one byte of a staged block flipped (a network that damages data). */
  private async proxyBlob(req: http.IncomingMessage, url: URL, body: Buffer, res: http.ServerResponse): Promise<void> {
    if (url.searchParams.get('comp') === 'block' && body.length > 0) body[Math.floor(body.length / 2)]! ^= 0xff;
    const target = new URL(`${this.azurite.url}${url.pathname.slice('/blob-proxy'.length)}${url.search}`);
    const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
    await new Promise<void>((resolve, reject) => {
      const out = http.request(target, { method: req.method, headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        up.on('end', resolve);
      });
      out.on('error', reject);
      out.end(body);
    });
  }

  private runOf(req: http.IncomingMessage): number {
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString() || '{}') as { scp?: string };
    const m = /Actions\.Results:run-(\d+):/.exec(claims.scp ?? '');
    if (!m) throw new TwirpError(401, 'unauthenticated', 'no Actions.Results scope in token');
    return Number(m[1]);
  }

  private cacheCall(method: string, body: Record<string, unknown>): unknown {
    const key = field<string>(body, 'key') ?? '';
    const version = field<string>(body, 'version') ?? '';
    switch (method) {
      case 'CreateCacheEntry': {
        if (this.cache.some((e) => e.key === key && e.version === version))
          throw new TwirpError(409, 'already_exists', 'cache entry with the same key, version, and scope already exists');
        const blob = `cache/${randomUUID()}`;
        this.cache.push({ key, version, blob, size: 0, finalized: false, created: Date.now() + this.cache.length });
        const signed = this.sas(blob, 'rcw');
        return { ok: true, signed_upload_url: this.tamperUploads ? signed.replace(this.azurite.url, `${this.url}/blob-proxy`) : signed };
      }
      case 'FinalizeCacheEntryUpload': {
        const e = this.cache.find((x) => x.key === key && x.version === version && !x.finalized);
        if (!e) throw new TwirpError(404, 'not_found', 'no reserved entry');
        e.finalized = true;
        e.size = Number(field<string>(body, 'size_bytes') ?? 0);
        return { ok: true, entry_id: String(this.cache.indexOf(e) + 1) };
      }
      case 'GetCacheEntryDownloadURL': {
        this.lookups.push(key);
        const restoreKeys = field<string[]>(body, 'restore_keys') ?? [];
        const done = this.cache.filter((e) => e.finalized && e.version === version).sort((a, b) => b.created - a.created);
        const find = (k: string) => done.find((e) => e.key === k) ?? done.find((e) => e.key.startsWith(k));
        const hit = [key, ...restoreKeys].map(find).find((e) => e !== undefined);
        if (!hit) return { ok: false, signed_download_url: '', matched_key: '' };
        return { ok: true, signed_download_url: this.sas(hit.blob, 'r'), matched_key: hit.key };
      }
    }
    throw new TwirpError(404, 'bad_route', `no method ${method}`);
  }

  private artifactCall(method: string, body: Record<string, unknown>, tokenRun: number): unknown {
    const runId = Number(/run-(\d+)/.exec(field<string>(body, 'workflow_run_backend_id') ?? '')?.[1] ?? tokenRun);
    const name = field<string>(body, 'name') ?? '';
    const inRun = this.artifacts.filter((a) => a.run === runId);
    switch (method) {
      case 'CreateArtifact': {
        if (inRun.some((a) => a.name === name))
          throw new TwirpError(409, 'already_exists', `an artifact with this name already exists on the workflow run`);
        const blob = `artifacts/${randomUUID()}`;
        this.artifacts.push({
          id: this.nextArtifactId++,
          run: runId,
          name,
          blob,
          size: 0,
          finalized: false,
          created: new Date().toISOString(),
          expiresAt: field<string>(body, 'expires_at'),
        });
        return { ok: true, signed_upload_url: this.sas(blob, 'rcw') };
      }
      case 'FinalizeArtifact': {
        const a = inRun.find((x) => x.name === name && !x.finalized);
        if (!a) throw new TwirpError(404, 'not_found', 'artifact not found');
        a.finalized = true;
        a.size = Number(field<string>(body, 'size') ?? 0);
        const hash = field<string | { value: string }>(body, 'hash');
        a.digest = typeof hash === 'string' ? hash : hash?.value;
        return { ok: true, artifact_id: String(a.id) };
      }
      case 'ListArtifacts': {
        const nameFilter = field<string | { value: string }>(body, 'name_filter');
        const nf = typeof nameFilter === 'string' ? nameFilter : nameFilter?.value;
        return {
          artifacts: inRun
            .filter((a) => a.finalized && !a.expired && (!nf || a.name === nf))
            .map((a) => ({
              workflow_run_backend_id: `run-${a.run}`,
              workflow_job_run_backend_id: `job-${a.run}`,
              database_id: String(a.id),
              name: a.name,
              size: String(a.size),
              created_at: a.created,
              digest: a.digest,
            })),
        };
      }
      case 'GetSignedArtifactURL': {
        const a = inRun.find((x) => x.name === name && x.finalized && !x.expired);
        if (!a) throw new TwirpError(404, 'not_found', 'artifact not found');
        return { signed_url: this.sas(a.blob, 'r') };
      }
      case 'DeleteArtifact': {
        const a = inRun.find((x) => x.name === name);
        if (!a) throw new TwirpError(404, 'not_found', 'artifact not found');
        this.artifacts.splice(this.artifacts.indexOf(a), 1);
        return { ok: true, artifact_id: String(a.id) };
      }
    }
    throw new TwirpError(404, 'bad_route', `no method ${method}`);
  }

  private rest(
    method: string,
    url: URL,
    send: (s: number, b: unknown, h?: Record<string, string>) => void,
    res: http.ServerResponse,
  ): void {
    const p = url.pathname;
    let m = /^\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)\/artifacts$/.exec(p);
    if (m && method === 'GET') {
      this.count('REST list-artifacts');
      const f = this.fault('REST list-artifacts');
      if (f) return send(f.status, { message: 'injected fault' });
      const nameFilter = url.searchParams.get('name');
      const list = this.artifacts.filter((a) => a.run === Number(m![3]) && a.finalized && (!nameFilter || a.name === nameFilter));
      return send(200, {
        total_count: list.length,
        artifacts: page(url, list).map((a) => ({
          id: a.id,
          name: a.name,
          size_in_bytes: a.size,
          created_at: a.created,
          expires_at: a.expiresAt ?? null,
          expired: a.expired === true,
          digest: a.digest,
          workflow_run: { id: a.run },
        })),
      });
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/actions\/artifacts\/(\d+)\/zip$/.exec(p);
    if (m && method === 'GET') {
      this.count('REST download-artifact');
      const a = this.artifacts.find((x) => x.id === Number(m![3]) && x.finalized);
      if (!a) return send(404, { message: 'Not Found' });
      if (a.expired) return send(410, { message: 'Artifact has expired' });
      res.writeHead(302, { location: this.sas(a.blob, 'r') });
      res.end();
      return;
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/actions\/artifacts\/(\d+)$/.exec(p);
    if (m && method === 'DELETE') {
      this.count('REST delete-artifact');
      const i = this.artifacts.findIndex((x) => x.id === Number(m![3]));
      if (i < 0) return send(404, { message: 'Not Found' });
      this.artifacts.splice(i, 1);
      return send(204, undefined);
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)$/.exec(p);
    if (m && method === 'GET') {
      this.count('REST get-run');
      const r = this.runs.find((x) => x.id === Number(m![3]));
      if (!r) return send(404, { message: 'Not Found' });
      return send(200, { id: r.id, head_branch: r.branch, status: r.status, conclusion: r.conclusion });
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/actions\/workflows\/([^/]+)\/runs$/.exec(p);
    if (m && method === 'GET') {
      this.count('REST list-runs');
      this.restLog.push(`list-runs ${url.searchParams.toString()}`);
      const f = this.fault('REST list-runs');
      if (f) return send(f.status, { message: 'injected fault' });
      const branch = url.searchParams.get('branch');
      const status = url.searchParams.get('status');
      const runs = this.runs.filter((r) => r.workflow === m![3] && (!branch || r.branch === branch) && (!status || r.status === status));
      return send(200, {
        total_count: runs.length,
        workflow_runs: page(url, runs).map((r) => ({ id: r.id, head_branch: r.branch, status: r.status, conclusion: r.conclusion })),
      });
    }
    send(404, { message: `no route ${method} ${p}` });
  }
}

/** GitHub's REST paging: `per_page` (default 30, at most 100) and `page` from 1. */
function page<T>(url: URL, list: T[]): T[] {
  const per = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100);
  const n = Number(url.searchParams.get('page') ?? 1);
  return list.slice((n - 1) * per, n * per);
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
