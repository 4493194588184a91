import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { backup, BACKUP_MODES, type BackupResult } from '../engine/backup/backup.js';
import { parseDuration, prune } from '../engine/prune.js';
import { INDEX_FORMATS, LANCE_VERSION_MODES } from '../formats/selection.js';
import { CODECS } from '../snapshot/codec.js';
import { isIndexVaultError, ValidationError, type ErrorCode } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { PORTABILITY_MODES, type PortabilityMode } from '../fs-safety/portability.js';
import { restore } from '../engine/restore/restore.js';
import { listSeries, listSnapshotIds, loadManifest, resolveSeries } from '../engine/series.js';
import { assertSeriesName, assertSnapshotId, isSnapshotId, seriesNameFor } from '../snapshot/snapshot-id.js';
import { verifySeries, type VerifyReport } from '../engine/restore/verify.js';
import { TOOL_VERSION } from '../shared/version.js';
import { GitHubArtifactStore } from '../storage/github-artifact-store.js';
import { GitHubCacheStore } from '../storage/github-cache-store.js';
import { openStoreUrl } from '../storage/open-store-url.js';
import { LocalStore } from '../storage/local-store.js';
import type { Store } from '../storage/store.js';
import { formatBytes, formatDuration, parseSize } from '../shared/units.js';
import { createProgressReporter } from './progress.js';
import { assertStrategy, defaultBackupDir } from '../guard/backup-manager.js';
import { runGuard } from './guard.js';
import { didYouMean } from './did-you-mean.js';
import { plural } from './plural.js';
import { commandHelp } from './help.js';
import { assertLocalStoreDir } from './store-location.js';
import { cliSigning, SIGNING_OPTIONS } from './signing.js';
import { diffText, runDiff } from './diff.js';

/** Exit codes by error code: scripts can tell "nothing to restore" from "the store is damaged". */
export const EXIT_CODES: Record<ErrorCode, number> = {
  E_VALIDATION: 2,
  E_NOT_FOUND: 3,
  E_INTEGRITY: 4,
  E_UNSAFE_ENTRY: 4,
  E_LOCKED: 5,
  E_IO: 6,
  E_PORTABILITY: 7,
  E_STORAGE: 8,
  E_CHANGED: 9,
  E_TARGET_NOT_EMPTY: 10,
  E_UNSUPPORTED: 11,
  E_ROLLBACK: 12,
  E_LANCE: 13,
  E_SIGNATURE: 14,
};

export interface CliIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  env: Record<string, string | undefined>;
}

const COMMON = {
  store: { type: 'string' },
  backend: { type: 'string' },
  'github-token': { type: 'string' },
  'run-id': { type: 'string' },
  'retention-days': { type: 'string' },
  's3-endpoint': { type: 'string' },
  's3-region': { type: 'string' },
  's3-path-style': { type: 'boolean' },
  name: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

const COMMANDS = {
  backup: {
    usage:
      'index-vault backup <dir> --store <dir> [--name N] [--format auto|lancedb|tantivy|dir] [--lance-versions latest|tagged|all] [--mode auto|full|incremental] [--max-chain N] [--trust-mtime] [--compression zstd|gzip] [--level N] [--portability error|warn|off] [--follow-links] [--no-verify] [--no-hash-cache] [--pack-size SIZE] [--wait SECONDS] [--signing-key [ID:]SECRET] [--allow-unsigned] [--json] [--verbose]',
    about: 'Take a verified snapshot of a directory: full, or incremental (only new content) on top of the newest one.',
    options: {
      ...COMMON,
      mode: { type: 'string' },
      format: { type: 'string' },
      'lance-versions': { type: 'string' },
      'max-chain': { type: 'string' },
      'trust-mtime': { type: 'boolean' },
      compression: { type: 'string' },
      level: { type: 'string' },
      portability: { type: 'string' },
      'follow-links': { type: 'boolean' },
      'no-verify': { type: 'boolean' },
      'no-hash-cache': { type: 'boolean' },
      'pack-size': { type: 'string' },
      wait: { type: 'string' },
      ...SIGNING_OPTIONS,
    },
    positionals: 1,
  },
  restore: {
    usage: 'index-vault restore <dir> --store <dir> [--name N] [--snapshot ID] [--force] [--deep-verify] [--no-reuse] [--no-hash-cache] [--wait SECONDS] [--signing-key [ID:]SECRET] [--allow-unsigned] [--json]',
    about: 'Make a directory exactly a stored snapshot (the newest by default), or leave it as it was.',
    options: { ...COMMON, snapshot: { type: 'string' }, force: { type: 'boolean', short: 'f' }, 'deep-verify': { type: 'boolean' }, 'no-reuse': { type: 'boolean' }, 'no-hash-cache': { type: 'boolean' }, wait: { type: 'string' }, ...SIGNING_OPTIONS },
    positionals: 1,
  },
  verify: {
    usage: 'index-vault verify --store <dir> [--name N] [--snapshot ID] [--signing-key [ID:]SECRET] [--allow-unsigned] [--json]',
    about: 'Read every pack of a snapshot (all snapshots by default) and check every digest.',
    options: { ...COMMON, snapshot: { type: 'string' }, ...SIGNING_OPTIONS },
    positionals: 0,
  },
  prune: {
    usage: 'index-vault prune --store <dir> [--name N] --keep-last K [--keep-within DURATION] [--dry-run] [--json]',
    about: 'Delete old snapshots and the packs only they needed; every kept snapshot stays restorable.',
    options: { ...COMMON, 'keep-last': { type: 'string' }, 'keep-within': { type: 'string' }, 'dry-run': { type: 'boolean' } },
    positionals: 0,
  },
  guard: {
    usage: 'index-vault guard <dir> [--strategy directory-copy|lance-version] [--backup-dir DIR] -- <command> [args…]',
    about: 'Back up a directory, run a command, and roll the directory back if the command fails.',
    options: { quiet: COMMON.quiet, verbose: COMMON.verbose, help: COMMON.help, strategy: { type: 'string' }, 'backup-dir': { type: 'string' } },
    positionals: 1,
  },
  list: {
    usage: 'index-vault list --store <dir> [--name N] [--json]',
    about: 'List the snapshots in a store.',
    options: { ...COMMON },
    positionals: 0,
  },
  diff: {
    usage: 'index-vault diff [A] [B] --store <dir> [--name N] [--signing-key [ID:]SECRET] [--allow-unsigned] [--json]',
    about: 'Show what changed between two snapshots (ids, latest, latest~N; default: the newest and its parent).',
    options: { ...COMMON, ...SIGNING_OPTIONS },
    positionals: 2,
  },
} as const satisfies Record<string, { usage: string; about: string; options: ParseArgsConfig['options']; positionals: number }>;

type Command = keyof typeof COMMANDS;

function mainHelp(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.about}`);
  return [
    `index-vault ${TOOL_VERSION} — verified full snapshots of search indexes and other directories`,
    '',
    'Usage: index-vault <command> [options]   (index-vault <command> --help for its options)',
    '',
    'Commands:',
    ...lines,
    '',
    'Common options: --store <dir|s3://bucket/prefix|azure://container/prefix> (or INDEX_VAULT_STORE),',
    '  --s3-endpoint URL, --s3-region R, --s3-path-style (S3-compatible services), --name <series>,',
    '  --backend local|cache|artifact (cache and artifact inside a GitHub Actions job; artifact also takes',
    '  --github-token, --run-id, --retention-days),',
    '  --json (one JSON object on stdout), --quiet, --verbose, --help',
    '',
    `Exit codes: 0 ok, ${Object.entries(EXIT_CODES)
      .map(([c, n]) => `${n} ${c}`)
      .join(', ')}, 1 other.`,
  ].join('\n');
}

/** Runs the CLI and returns its exit code; all output goes through `io`. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    io.stdout.write(`${mainHelp()}\n`);
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-V') {
    io.stdout.write(`${TOOL_VERSION}\n`);
    return 0;
  }
  let json = rest.includes('--json');
  try {
    if (!(first in COMMANDS)) {
      const guess = didYouMean(first, Object.keys(COMMANDS));
      throw new ValidationError(`unknown command ${JSON.stringify(first)}${guess ? ` (did you mean ${guess}?)` : ''}`, { hint: `use one of: ${Object.keys(COMMANDS).join(', ')}` });
    }
    const command = first as Command;
    const spec = COMMANDS[command];
    // Everything after `--` belongs to the guarded command, not to us.
    const dashes = rest.indexOf('--');
    const ownArgs = command === 'guard' && dashes >= 0 ? rest.slice(0, dashes) : rest;
    const guarded = command === 'guard' && dashes >= 0 ? rest.slice(dashes + 1) : [];
    let parsed;
    try {
      parsed = parseArgs({ args: ownArgs, options: spec.options, allowPositionals: true, strict: true });
    } catch (err) {
      throw argumentError(err, spec.options, command);
    }
    const values = parsed.values as Record<string, string | boolean | undefined>;
    json = values.json === true;
    if (values.help) {
      io.stdout.write(commandHelp(command, spec.about, spec.usage, spec.options));
      return 0;
    }
    // diff takes up to two snapshots; every other command exactly its count.
    if (command === 'diff' ? parsed.positionals.length > spec.positionals : parsed.positionals.length !== spec.positionals) {
      throw new ValidationError(command === 'diff' ? 'diff takes at most two snapshots' : spec.positionals === 1 ? `${command} needs one directory argument` : `${command} takes no positional arguments`, {
        hint: `usage: ${spec.usage}`,
      });
    }
    const logger: Logger = {
      debug: (m) => void (values.verbose && !json ? io.stderr.write(`${m}\n`) : undefined),
      info: (m) => void (values.quiet ? undefined : values.verbose ? io.stderr.write(`${m}\n`) : undefined),
      warn: (m) => void io.stderr.write(`warning: ${m}\n`),
      error: (m) => void io.stderr.write(`error: ${m}\n`),
    };
    if (command === 'guard') {
      const strategy = values.strategy === undefined ? undefined : assertStrategy(values.strategy as string);
      // guard speaks for itself; what backup and restore log inside it is detail, for --verbose.
      const guardLogger = { ...logger, info: (m: string) => void (values.quiet ? undefined : m.startsWith('index-vault guard:') || values.verbose ? io.stderr.write(`${m}\n`) : undefined) };
      return await runGuard({ dir: parsed.positionals[0]!, command: guarded, strategy, backupDir: (values['backup-dir'] as string | undefined) ?? defaultBackupDir(io.env), logger: guardLogger });
    }
    const progress = values.quiet ? undefined : createProgressReporter(io.stderr);
    const name = values.name === undefined ? undefined : assertSeriesName(values.name as string);
    const snapshot = values.snapshot === undefined ? undefined : assertSnapshotId(values.snapshot as string);
    const waitMs = values.wait === undefined ? undefined : seconds(values.wait as string, '--wait') * 1000;
    const signing = 'signing-key' in spec.options ? cliSigning(values, io.env) : undefined;
    // Arguments first: a bad flag is reported as such, whatever the store.
    const store = await openCliStore(values, io.env, logger, command === 'backup');
    const out = (obj: unknown, text: string) => io.stdout.write(json ? `${JSON.stringify(obj)}\n` : `${text}\n`);

    try {
      switch (command) {
        case 'backup': {
          const dir = parsed.positionals[0]!;
          const codec = oneOf(values.compression as string | undefined, CODECS, '--compression') ?? 'zstd';
          const result = await backup({
            source: dir,
            store,
            series: name,
            mode: oneOf(values.mode as string | undefined, BACKUP_MODES, '--mode'),
            format: oneOf(values.format as string | undefined, INDEX_FORMATS, '--format'),
            lanceVersions: oneOf(values['lance-versions'] as string | undefined, LANCE_VERSION_MODES, '--lance-versions'),
            maxChain: values['max-chain'] === undefined ? undefined : integer(values['max-chain'] as string, '--max-chain'),
            trustMtime: values['trust-mtime'] === true,
            codec,
            level: values.level === undefined ? undefined : integer(values.level as string, '--level'),
            portability: oneOf(values.portability as string | undefined, PORTABILITY_MODES, '--portability') as PortabilityMode | undefined,
            followLinks: values['follow-links'] === true,
            verify: values['no-verify'] !== true,
            hashCache: values['no-hash-cache'] !== true,
            packBytes: values['pack-size'] === undefined ? undefined : size(values['pack-size'] as string, '--pack-size'),
            lockWaitMs: waitMs,
            signing,
            logger,
            onProgress: progress?.report,
          });
          progress?.done(true);
          out(backupJson(result, values.verbose === true), backupText(result));
          return 0;
        }
        case 'restore': {
          const dir = parsed.positionals[0]!;
          const result = await restore({
            target: dir,
            store,
            series: await restoreSeries(store, values, name, snapshot, seriesNameFor(path.basename(path.resolve(dir)))),
            snapshot,
            force: values.force === true,
            deepVerify: values['deep-verify'] === true,
            reuse: values['no-reuse'] !== true,
            hashCache: values['no-hash-cache'] !== true,
            lockWaitMs: waitMs,
            signing,
            logger,
            onProgress: progress?.report,
          });
          progress?.done(true);
          out(
            { ok: true, ...result },
            `restored snapshot ${result.id} of ${result.series} into ${path.resolve(dir)}: ${plural(result.files, 'file')}, ${formatBytes(result.bytes)}` +
              `${result.reusedFiles ? ` (${plural(result.reusedFiles, 'file')} reused)` : ''} in ${formatDuration(result.durationMs)}`,
          );
          return 0;
        }
        case 'verify': {
          const seriesList = name || snapshot ? [await oneSeries(store, values, name, snapshot)] : await listSeries(store);
          if (seriesList.length === 0) throw notFoundInStore(store.description);
          const reports: VerifyReport[] = [];
          // Each failure is a line of the report below: the library's warning about it would say it twice.
          const verifyLogger = { ...logger, warn: logger.debug };
          for (const s of seriesList) reports.push(...(await verifySeries(store, s, snapshot, { logger: verifyLogger, onProgress: progress?.report, signing })));
          progress?.done(true);
          const bad = reports.filter((r) => !r.ok);
          out(
            { ok: bad.length === 0, snapshots: reports },
            reports.map((r) => `${r.ok ? 'ok  ' : 'FAIL'} ${r.series} ${r.id}${r.ok ? ` ${plural(r.files, 'file')}, ${formatBytes(r.bytes)}` : ` ${r.error?.code}: ${r.error?.message}`}`).join('\n') +
              `\n${reports.length - bad.length} of ${plural(reports.length, 'snapshot')} verified`,
          );
          if (bad.length > 0) {
            // Only signatures failed: exit as E_SIGNATURE, so scripts can tell an untrusted store from a damaged one.
            if (bad.every((r) => r.error?.code === 'E_SIGNATURE')) {
              io.stderr.write(`index-vault: E_SIGNATURE: ${bad.length} of ${plural(reports.length, 'snapshot')} not signed with a configured key (first: ${bad[0]!.series} ${bad[0]!.id}; see the report on stdout)\n`);
              return EXIT_CODES.E_SIGNATURE;
            }
            io.stderr.write(`index-vault: E_INTEGRITY: ${bad.length} of ${plural(reports.length, 'snapshot')} failed verification (first: ${bad[0]!.series} ${bad[0]!.id}; see the report on stdout)\n`);
            return EXIT_CODES.E_INTEGRITY;
          }
          return 0;
        }
        case 'prune': {
          if (values['keep-last'] === undefined) throw new ValidationError('prune needs --keep-last K', { hint: `usage: ${spec.usage}` });
          const keepLast = integer(values['keep-last'] as string, '--keep-last');
          let keepWithinMs: number | undefined;
          if (values['keep-within'] !== undefined) {
            keepWithinMs = parseDuration(values['keep-within'] as string);
            if (keepWithinMs === undefined) throw new ValidationError(`invalid --keep-within ${JSON.stringify(values['keep-within'])}`, { hint: 'give a duration such as 30m, 12h, 7d or 2w' });
          }
          const seriesList = name ? [await oneSeries(store, values, name, undefined)] : await listSeries(store);
          const results = [];
          for (const s of seriesList) results.push(await prune({ store, series: s, keepLast, keepWithinMs, dryRun: values['dry-run'] === true, logger }));
          const verb = values['dry-run'] ? 'would delete' : 'deleted';
          out(
            { ok: true, dryRun: values['dry-run'] === true, series: results },
            results
              .map((r) => `${r.series}: ${verb} ${plural(r.deleted.length, 'snapshot')} and ${plural(r.packsDeleted.length, 'pack')}, ${formatBytes(r.bytesFreed)}; kept ${r.kept.length}${r.deleted.length ? `\n  ${r.deleted.join('\n  ')}` : ''}`)
              .join('\n') || `no snapshots in ${store.description}`,
          );
          return 0;
        }
        case 'diff': {
          const refs = parsed.positionals;
          const series = await oneSeries(store, values, name, name === undefined ? refs.find((r) => isSnapshotId(r)) : undefined);
          const d = await runDiff(store, series, refs, signing, logger);
          out({ ok: true, ...d }, diffText(d));
          return 0;
        }
        case 'list': {
          const seriesList = name ? [await oneSeries(store, values, name, undefined)] : await listSeries(store);
          const rows = [];
          for (const s of seriesList) {
            for (const sid of await listSnapshotIds(store, s)) {
              try {
                const m = await loadManifest(store, s, sid);
                rows.push({ series: s, id: sid, kind: m.kind, parent: m.parent?.id ?? null, files: m.totals.files, bytes: m.totals.bytes, storedBytes: m.totals.storedBytes, createdAt: m.createdAt });
              } catch (err) {
                rows.push({ series: s, id: sid, error: isIndexVaultError(err) ? err.code : 'E_INTEGRITY' });
              }
            }
          }
          const text = [
            ['SERIES', 'ID', 'KIND', 'PARENT', 'FILES', 'BYTES', 'STORED', 'CREATED'].join('\t'),
            ...rows.map((r) =>
              'error' in r
                ? `${r.series}\t${r.id}\tunreadable (${r.error})`
                : [r.series, r.id, r.kind, r.parent ?? '-', r.files, formatBytes(r.bytes), formatBytes(r.storedBytes), r.createdAt].join('\t'),
            ),
          ].join('\n');
          out({ ok: true, store: store.description, snapshots: rows }, rows.length === 0 ? `no snapshots in ${store.description}` : text);
          return 0;
        }
      }
      return 1;
    } finally {
      progress?.done();
    }
  } catch (err) {
    return reportError(err, io, json);
  }
}

const CLI_BACKENDS = ['local', 'cache', 'artifact'] as const;

/** `--backend cache|artifact` inside a GitHub Actions job (a run: step with the runtime variables), else the local store. */
async function openCliStore(values: Record<string, string | boolean | undefined>, env: Record<string, string | undefined>, logger: Logger, mayCreate: boolean): Promise<Store> {
  const backend = oneOf(values.backend as string | undefined, CLI_BACKENDS, '--backend') ?? 'local';
  if (backend === 'cache') return new GitHubCacheStore({ env, logger });
  if (backend === 'artifact') {
    const token = (values['github-token'] as string | undefined) ?? env.GITHUB_TOKEN;
    return new GitHubArtifactStore({
      env,
      logger,
      token,
      runId: values['run-id'] === undefined ? undefined : integer(values['run-id'] as string, '--run-id'),
      retentionDays: values['retention-days'] === undefined ? undefined : integer(values['retention-days'] as string, '--retention-days'),
    });
  }
  const storeDir = (values.store as string | undefined) ?? env.INDEX_VAULT_STORE;
  if (!storeDir) throw new ValidationError('no store given', { hint: 'pass --store <dir|s3://bucket/prefix|azure://container/prefix> (or set INDEX_VAULT_STORE), or --backend cache|artifact inside a GitHub Actions job' });
  const store = await openStoreUrl(storeDir, {
    env,
    logger,
    s3Endpoint: values['s3-endpoint'] as string | undefined,
    s3Region: values['s3-region'] as string | undefined,
    s3PathStyle: values['s3-path-style'] === true ? true : undefined,
  });
  if (store instanceof LocalStore) await assertLocalStoreDir(storeDir, mayCreate);
  return store;
}

/**
 * GitHub's cache and artifact backends find objects by key prefix and cannot list a store whole,
 * so there the series is --name or the directory's; elsewhere it is resolved from the store.
 */
async function restoreSeries(store: Store, values: Record<string, string | boolean | undefined>, name: string | undefined, snapshot: string | undefined, fromTarget: string): Promise<string> {
  if (values.backend === 'cache' || values.backend === 'artifact') return name ?? fromTarget;
  return resolveSeries(store, { name, snapshot, fromTarget });
}

/** The series named, or holding `snapshot`, for verify, list and prune: a typo is E_NOT_FOUND, not "0 of 0 verified". */
async function oneSeries(store: Store, values: Record<string, string | boolean | undefined>, name: string | undefined, snapshot: string | undefined): Promise<string> {
  if (name !== undefined && (values.backend === 'cache' || values.backend === 'artifact')) return name;
  return resolveSeries(store, { name, snapshot });
}

/** parseArgs' own messages name Node internals; say what is wrong in our words, with a guess. */
function argumentError(err: unknown, options: Record<string, unknown>, command: string): ValidationError {
  const message = (err as Error).message;
  const hint = `see index-vault ${command} --help`;
  const unknown = /Unknown option '(-{1,2})([^'=]+)/.exec(message);
  if (unknown) {
    const guess = unknown[1] === '--' ? didYouMean(unknown[2]!, Object.keys(options)) : undefined;
    return new ValidationError(`unknown option ${unknown[1]}${unknown[2]}${guess ? ` (did you mean --${guess}?)` : ''}`, { hint });
  }
  const missing = /Option '(-\S+?)(?:, (--\S+))?(?: <value>)?' argument missing/.exec(message);
  if (missing) return new ValidationError(`option ${missing[2] ?? missing[1]} needs a value`, { hint });
  const noValue = /Option '(-\S+?)(?:, (--\S+))?' does not take an argument/.exec(message);
  if (noValue) return new ValidationError(`option ${noValue[2] ?? noValue[1]} takes no value`, { hint });
  return new ValidationError(message.split('\n')[0]!, { hint });
}

function reportError(err: unknown, io: CliIo, json: boolean): number {
  if (isIndexVaultError(err)) {
    const [firstLine, ...more] = err.message.split('\n');
    io.stderr.write(`index-vault: ${err.code}: ${firstLine}${err.hint ? ` (${err.hint})` : ''}\n`);
    if (more.length > 0 && !json) io.stderr.write(`${more.join('\n')}\n`);
    if (json) io.stdout.write(`${JSON.stringify({ ok: false, error: { code: err.code, message: err.message, hint: err.hint ?? null } })}\n`);
    return EXIT_CODES[err.code] ?? 1;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(`index-vault: unexpected error: ${message.split('\n')[0]} (please report it with the command you ran)\n`);
  if (json) io.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'E_INTERNAL', message } })}\n`);
  return 1;
}

function backupJson(r: BackupResult, verbose: boolean) {
  return {
    ok: true,
    id: r.id,
    series: r.series,
    kind: r.kind,
    parent: r.parent,
    files: r.files,
    dirs: r.dirs,
    symlinks: r.symlinks,
    bytes: r.bytes,
    storedBytes: r.storedBytes,
    packs: r.packs,
    verified: r.verified,
    verifiedPacks: r.verifiedPacks,
    hashedFiles: r.hashedFiles,
    cachedHashes: r.cachedHashes,
    excluded: r.excluded.length,
    ...(verbose ? { excludedPaths: r.excluded } : {}),
    durationMs: r.durationMs,
  };
}

function backupText(r: BackupResult): string {
  const ratio = r.bytes > 0 ? ` (${((r.storedBytes / r.bytes) * 100).toFixed(1)}%)` : '';
  const excluded = r.excluded.length > 0 ? `, ${plural(r.excluded.length, 'transient or other-version path')} excluded` : '';
  if (r.kind === 'unchanged') return `no change since snapshot ${r.id} of ${r.series}: nothing stored (${plural(r.files, 'file')}, ${formatBytes(r.bytes)}${excluded})`;
  return `snapshot ${r.id} of ${r.series}: ${r.kind}${r.parent ? ` on ${r.parent}` : ''}, ${plural(r.files, 'file')}${excluded}, ${formatBytes(r.bytes)} -> ${formatBytes(r.storedBytes)} stored${ratio}, ${r.verified ? 'verified' : 'not verified'}, ${formatDuration(r.durationMs)}`;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ValidationError(`invalid ${flag} ${JSON.stringify(value)}`, { hint: `valid values: ${allowed.join(', ')}` });
  }
  return value as T;
}

function integer(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) throw new ValidationError(`invalid ${flag} ${JSON.stringify(value)}`, { hint: 'give a whole number' });
  return Number(value);
}

function seconds(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new ValidationError(`invalid ${flag} ${JSON.stringify(value)}`, { hint: 'give a number of seconds' });
  return n;
}

function size(value: string, flag: string): number {
  const n = parseSize(value);
  if (n === undefined) throw new ValidationError(`invalid ${flag} ${JSON.stringify(value)}`, { hint: 'give a size such as 512M or 2G' });
  return n;
}

function notFoundInStore(where: string) {
  return Object.assign(new ValidationError(`no snapshots in ${where}`, { hint: 'check --store' }), { code: 'E_NOT_FOUND' as const });
}
