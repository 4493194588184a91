import { SIGNING_OPTIONS } from './signing.js';
import { cacheDirFromEnv } from '../fs-safety/hash-cache.js';
import { backup, BACKUP_MODES, type BackupResult } from '../engine/backup/backup.js';
import { INDEX_FORMATS, LANCE_VERSION_MODES } from '../formats/selection.js';
import { CODECS } from '../snapshot/codec.js';
import { PORTABILITY_MODES, type PortabilityMode } from '../fs-safety/portability.js';
import { formatBytes, formatDuration } from '../shared/units.js';
import { COMMON, type CommandSpec } from './command.js';
import { integer, oneOf, size } from './option-values.js';
import { plural } from './plural.js';
import { withStore, type StoreInvocation } from './with-store.js';

export const backupCommand: CommandSpec = {
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
  // The one command that may create a local store's directory.
  run: (inv) => withStore(inv, runBackup, true, true),
};

async function runBackup(inv: StoreInvocation): Promise<number> {
  const { values, positionals, io, store, name, waitMs, signing, logger, progress, out } = inv;
  const dir = positionals[0]!;
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
    cacheDir: cacheDirFromEnv(io.env),
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
  if (r.kind === 'unchanged')
    return `no change since snapshot ${r.id} of ${r.series}: nothing stored (${plural(r.files, 'file')}, ${formatBytes(r.bytes)}${excluded})`;
  return `snapshot ${r.id} of ${r.series}: ${r.kind}${r.parent ? ` on ${r.parent}` : ''}, ${plural(r.files, 'file')}${excluded}, ${formatBytes(r.bytes)} -> ${formatBytes(r.storedBytes)} stored${ratio}, ${r.verified ? 'verified' : 'not verified'}, ${formatDuration(r.durationMs)}`;
}
