import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { INDEX_FORMATS, LANCE_VERSION_MODES, type FormatChoice, type LanceVersionMode } from '../formats/selection.js';
import { ValidationError } from '../shared/errors.js';
import { PORTABILITY_MODES, type PortabilityMode } from '../fs-safety/portability.js';
import { assertSeriesName, assertSnapshotId, seriesNameFor } from '../snapshot/snapshot-id.js';
import { parseSigningKeys, type SigningOptions } from '../snapshot/signature.js';

export const MODES = ['backup', 'restore', 'verify'] as const;
export const BACKENDS = ['cache', 'artifact', 'local', 's3', 'azure'] as const;
export const INCREMENTAL = ['auto', 'true', 'false'] as const;
export const SAVE = ['none', 'post'] as const;
export const SAVE_ON = ['success', 'failure-too', 'always'] as const;

export interface ActionInputs {
  mode: (typeof MODES)[number];
  /** The index directory, resolved against the workspace (or absolute, or `~/…`). */
  path: string;
  /** As the workflow wrote it, for messages. */
  pathInput: string;
  name: string;
  backend: (typeof BACKENDS)[number];
  /** Directory of the local store (backend `local`). */
  store?: string;
  snapshot?: string;
  incremental: (typeof INCREMENTAL)[number];
  compressionLevel?: number;
  format: FormatChoice;
  lanceVersions: LanceVersionMode;
  portability: PortabilityMode;
  retentionDays?: number;
  githubToken?: string;
  runId?: number;
  failOnMiss: boolean;
  lookupOnly: boolean;
  verify: boolean;
  deepVerify: boolean;
  /** Keep file hashes in the runner's local hash cache (backup and restore). */
  hashCache: boolean;
  /** restore: only these snapshot paths or globs (`only`, one a line); empty: the whole snapshot. */
  only: string[];
  /** restore: directories whose files with the right content are copied instead of fetched (`seed`, one a line), resolved like `path`. */
  seeds: string[];
  s3Endpoint?: string;
  s3Region?: string;
  s3PathStyle?: boolean;
  /** `post`: restore at the step, save at the end of the job (the post step). */
  save: (typeof SAVE)[number];
  saveOn: (typeof SAVE_ON)[number];
  /** From `signing-key` (and `allow-unsigned`); undefined without a key. */
  signing?: SigningOptions;
}

/** Reads one input by name; returns '' when it is not set (as `@actions/core.getInput` does). */
export type InputReader = (name: string) => string;

function choice<T extends string>(get: InputReader, name: string, allowed: readonly T[], fallback: T): T {
  const v = get(name).trim();
  if (v === '') return fallback;
  if (!(allowed as readonly string[]).includes(v)) {
    throw new ValidationError(`invalid input ${name}: ${JSON.stringify(v)}`, { hint: `valid values: ${allowed.join(', ')}` });
  }
  return v as T;
}

function bool(get: InputReader, names: string[], fallback: boolean): boolean {
  for (const name of names) {
    const v = get(name).trim().toLowerCase();
    if (v === '') continue;
    if (['true', 'yes', '1', 'on'].includes(v)) return true;
    if (['false', 'no', '0', 'off'].includes(v)) return false;
    throw new ValidationError(`invalid input ${name}: ${JSON.stringify(v)}`, { hint: 'valid values: true, false' });
  }
  return fallback;
}

/**
 * One setting with two names (ours and the actions/cache one). Neither name has a default in
 * action.yml: the runner would fill the default in and shadow the other name.
 */
function aliased(get: InputReader, names: [string, string], fallback: boolean): boolean {
  const [a, b] = names.map((n) => (get(n).trim() === '' ? undefined : bool(get, [n], fallback)));
  if (a !== undefined && b !== undefined && a !== b) {
    throw new ValidationError(`inputs ${names[0]} and ${names[1]} disagree (${a} and ${b})`, {
      hint: `they are the same setting: set only one of them`,
    });
  }
  return a ?? b ?? fallback;
}

function int(get: InputReader, name: string, min: number, max: number): number | undefined {
  const v = get(name).trim();
  if (v === '') return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new ValidationError(`invalid input ${name}: ${JSON.stringify(v)}`, { hint: `give a whole number from ${min} to ${max}` });
  }
  return Number(v);
}

/**
 * Parses and validates the action's inputs. Names that mean the same as in actions/cache or
 * upload-artifact are accepted too (`fail-on-cache-miss`, `lookup-only`, `retention-days`), so
 * workflows can switch with their habits intact.
 */
export function readInputs(get: InputReader, workspace: string): ActionInputs {
  const mode = choice(get, 'mode', MODES, 'backup');
  const rel = get('path').trim();
  if (rel === '')
    throw new ValidationError('input path is required', { hint: 'set path: to the index directory, relative to the workspace' });
  const resolved = resolveIndexPath(rel, workspace);
  const nameInput = get('name').trim();
  const name =
    nameInput === ''
      ? seriesNameFor(
          rel
            .replace(/[\\/]+$/, '')
            .split(/[\\/]/)
            .filter(Boolean)
            .join('-') || 'index',
        )
      : assertSeriesName(nameInput);
  const backend = choice(get, 'backend', BACKENDS, 'cache');
  const store = get('store').trim() || undefined;
  if (backend === 'local' && !store)
    throw new ValidationError('backend local needs the store input', { hint: 'set store: to a directory, e.g. ${{ runner.temp }}/vault' });
  if (backend === 's3' && !store?.startsWith('s3://'))
    throw new ValidationError('backend s3 needs store: s3://bucket/prefix', {
      hint: 'credentials come from the AWS chain, e.g. aws-actions/configure-aws-credentials',
    });
  if (backend === 'azure' && !store?.startsWith('azure://'))
    throw new ValidationError('backend azure needs store: azure://container/prefix', {
      hint: 'credentials come from AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_SAS_URL in env',
    });
  const snapshotInput = get('snapshot').trim();
  const runIdInput = get('run-id').trim();
  const save = choice(get, 'save', SAVE, 'none');
  if (save === 'post' && mode !== 'restore')
    throw new ValidationError(`save: post needs mode: restore, got mode: ${mode}`, {
      hint: 'save: post restores at this step and saves when the job ends; drop mode or set mode: restore',
    });
  if (runIdInput !== '' && !/^\d+$/.test(runIdInput))
    throw new ValidationError(`invalid input run-id: ${JSON.stringify(runIdInput)}`, {
      hint: 'give the numeric id of a workflow run (github.run_id of that run)',
    });
  return {
    mode,
    path: resolved,
    pathInput: rel,
    name,
    backend,
    store: store === undefined ? undefined : backend === 's3' || backend === 'azure' ? store : path.resolve(workspace, expandHome(store)),
    snapshot: snapshotInput === '' || snapshotInput === 'latest' ? undefined : assertSnapshotId(snapshotInput),
    incremental: choice(get, 'incremental', INCREMENTAL, 'auto'),
    compressionLevel: int(get, 'compression-level', 1, 19),
    format: choice(get, 'format', INDEX_FORMATS, 'auto'),
    lanceVersions: choice(get, 'lance-versions', LANCE_VERSION_MODES, 'tagged'),
    portability: choice(get, 'portability', PORTABILITY_MODES, 'error'),
    retentionDays: int(get, 'retention-days', 1, 400),
    githubToken: get('github-token').trim() || undefined,
    runId: runIdInput === '' ? undefined : Number(runIdInput),
    // One step that restores and saves at the end starts from nothing the first time, as actions/cache does.
    failOnMiss: aliased(get, ['fail-on-miss', 'fail-on-cache-miss'], save !== 'post'),
    lookupOnly: bool(get, ['lookup-only'], false),
    verify: bool(get, ['verify'], true),
    deepVerify: bool(get, ['deep-verify'], false),
    hashCache: bool(get, ['hash-cache'], true),
    only: lines(get('only')),
    seeds: lines(get('seed')).map((s) => path.resolve(workspace, expandHome(s))),
    s3Endpoint: get('s3-endpoint').trim() || undefined,
    s3Region: get('s3-region').trim() || undefined,
    s3PathStyle: get('s3-path-style').trim() === '' ? undefined : bool(get, ['s3-path-style'], false),
    save,
    saveOn: choice(get, 'save-on', SAVE_ON, 'success'),
    signing: signingInput(get),
  };
}

/** `signing-key`: one key or a list (commas or lines) of `id:secret`; the caller has masked every secret already. */
function signingInput(get: InputReader): SigningOptions | undefined {
  const allowUnsigned = bool(get, ['allow-unsigned'], false);
  const keys = parseSigningKeys([get('signing-key')], 'input signing-key');
  return keys.length === 0 ? undefined : { keys, allowUnsigned };
}

/** A multi-line input: one value a line, blank lines and surrounding spaces dropped. */
function lines(v: string): string[] {
  return v
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** `~` and `~/x` name the runner's home, as actions/cache expands them. */
function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') || p.startsWith('~\\') ? path.join(os.homedir(), p.slice(1)) : p;
}

function real(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return p;
  }
}

/** True when `dir` is `of` or one of its ancestors (case-insensitively where the platform is). */
function containsOrIs(dir: string, of: string): boolean {
  const rel = path.relative(dir, of);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The index directory: relative to the workspace, absolute, or `~/…` (outside the workspace is
 * fine, e.g. runner.temp). The workspace itself and its ancestors are refused: a restore replaces
 * the directory, so it would delete the checkout and everything beside it.
 */
export function resolveIndexPath(p: string, workspace: string): string {
  const resolved = path.resolve(workspace, expandHome(p));
  const ws = path.resolve(workspace);
  if (containsOrIs(resolved, ws) || containsOrIs(real(resolved), real(ws))) {
    throw new ValidationError(
      `input path ${JSON.stringify(p)} is ${path.relative(resolved, ws) === '' ? 'the workspace itself' : 'an ancestor of the workspace'} (${ws})`,
      {
        hint: 'a restore replaces the whole directory: name the index directory inside it, e.g. path: data/index',
        details: { path: resolved, workspace: ws },
      },
    );
  }
  return resolved;
}
