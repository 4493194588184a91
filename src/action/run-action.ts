import { backup, type BackupMode } from '../core/backup.js';
import { IntegrityError, isIndexVaultError, NotFoundError } from '../core/errors.js';
import type { Logger, ProgressCallback } from '../core/logger.js';
import type { Manifest } from '../core/manifest.js';
import { assertApart } from '../core/placement.js';
import { diffManifests } from '../core/manifest-diff.js';
import { restore } from '../core/restore.js';
import { loadManifest, resolveSnapshotId } from '../core/series.js';
import { verifySeries } from '../core/verify.js';
import type { Store } from '../storage/store.js';
import type { ActionInputs } from './inputs.js';
import { renderSummary, type ChainLink } from './summary.js';

export interface ActionContext {
  logger: Logger;
  setOutput(name: string, value: string): void;
  /** Appends markdown to the job summary. */
  summary(markdown: string): Promise<void>;
  onProgress?: ProgressCallback;
}

const MODE: Record<ActionInputs['incremental'], BackupMode> = { auto: 'auto', true: 'incremental', false: 'full' };

/** Runs one backup, restore or verify as the inputs say; reports through outputs and the summary. */
export async function runAction(inputs: ActionInputs, store: Store, ctx: ActionContext): Promise<void> {
  const out = (values: Record<string, string | number | boolean>) => {
    for (const [k, v] of Object.entries(values)) ctx.setOutput(k, String(v));
  };
  // Refused before anything is looked up, so a miss cannot hide it until the first hit.
  if (inputs.mode !== 'verify' && store.localRoot !== undefined) {
    assertApart({ path: inputs.path, role: inputs.mode === 'backup' ? 'the source directory' : 'the target directory' }, { path: store.localRoot, role: 'the store' });
  }
  if (inputs.mode === 'backup') {
    const previous = await latestManifest(store, inputs.name, ctx.logger);
    const r = await backup({
      source: inputs.path,
      store,
      series: inputs.name,
      mode: MODE[inputs.incremental],
      format: inputs.format,
      lanceVersions: inputs.lanceVersions,
      level: inputs.compressionLevel,
      portability: inputs.portability,
      verify: inputs.verify,
      hashCache: inputs.hashCache,
      logger: ctx.logger,
      onProgress: ctx.onProgress,
    });
    out({ 'snapshot-id': r.id, kind: r.kind, files: r.files, bytes: r.bytes, 'stored-bytes': r.storedBytes, restored: false, matched: '' });
    const diff = r.kind === 'unchanged' ? diffManifests(r.manifest, r.manifest) : diffManifests(previous, r.manifest);
    await ctx.summary(
      renderSummary({
        mode: 'backup',
        series: r.series,
        store: store.description,
        snapshot: r.id,
        kind: r.kind,
        files: r.files,
        bytes: r.bytes,
        storedBytes: r.storedBytes,
        excluded: r.excluded.length,
        diff,
        durationMs: r.durationMs,
        chain: await chainOf(store, r.manifest, ctx.logger),
        note: r.kind === 'unchanged' ? 'Nothing changed since the newest snapshot: nothing was stored.' : undefined,
      }),
    );
    ctx.logger.info(`snapshot ${r.id} (${r.kind}): ${r.files} files, ${r.bytes} bytes, ${r.storedBytes} bytes stored`);
    return;
  }

  if (inputs.mode === 'restore') {
    let id: string;
    try {
      id = await resolveSnapshotId(store, inputs.name, inputs.snapshot);
      if (inputs.snapshot) await loadManifest(store, inputs.name, id);
    } catch (err) {
      if (!isIndexVaultError(err, 'E_NOT_FOUND')) throw err;
      out({ restored: false, 'cache-hit': false, matched: '', 'snapshot-id': '' });
      const what = `no snapshot ${inputs.snapshot ?? ''}${inputs.snapshot ? ' ' : ''}of series ${inputs.name} in ${store.description}`.replace('  ', ' ');
      if (inputs.failOnMiss) throw new NotFoundError(what, { hint: 'check name/backend (and run-id for another run), or set fail-on-miss: false to go on without it', cause: err });
      ctx.logger.warn(`${what}; nothing restored (fail-on-miss is false)`);
      await ctx.summary(renderSummary({ mode: 'restore', series: inputs.name, store: store.description, durationMs: 0, chain: [], note: `Nothing restored: ${what}.` }));
      return;
    }
    if (inputs.lookupOnly) {
      out({ restored: false, 'cache-hit': true, matched: id, 'snapshot-id': id });
      ctx.logger.info(`snapshot ${id} of ${inputs.name} exists (lookup-only: nothing restored)`);
      return;
    }
    const r = await restore({ target: inputs.path, store, series: inputs.name, snapshot: id, force: true, deepVerify: inputs.deepVerify, hashCache: inputs.hashCache, logger: ctx.logger, onProgress: ctx.onProgress });
    out({ restored: true, 'cache-hit': true, matched: r.id, 'snapshot-id': r.id, kind: r.kind, files: r.files, bytes: r.bytes });
    const manifest = await loadManifest(store, inputs.name, r.id);
    await ctx.summary(
      renderSummary({
        mode: 'restore',
        series: r.series,
        store: store.description,
        snapshot: r.id,
        kind: r.kind,
        files: r.files,
        bytes: r.bytes,
        fetchedBytes: r.fetchedBytes,
        reusedFiles: r.reusedFiles,
        durationMs: r.durationMs,
        chain: await chainOf(store, manifest, ctx.logger),
      }),
    );
    return;
  }

  const started = Date.now();
  const reports = await verifySeries(store, inputs.name, inputs.snapshot, { logger: ctx.logger, onProgress: ctx.onProgress });
  if (reports.length === 0) throw new NotFoundError(`no snapshots of series ${inputs.name} in ${store.description}`, { hint: 'check name and backend' });
  const bad = reports.filter((r) => !r.ok);
  const newest = reports[reports.length - 1]!;
  out({ 'snapshot-id': newest.id, files: newest.files, bytes: newest.bytes, restored: false, matched: newest.id });
  await ctx.summary(
    renderSummary({
      mode: 'verify',
      series: inputs.name,
      store: store.description,
      snapshot: newest.id,
      files: newest.files,
      bytes: newest.bytes,
      durationMs: Date.now() - started,
      chain: [],
      note: `${reports.length - bad.length} of ${reports.length} snapshot(s) verified${bad.length ? `; failed: ${bad.map((b) => `\`${b.id}\` (${b.error?.code})`).join(', ')}` : ''}.`,
    }),
  );
  if (bad.length > 0) throw new IntegrityError(`${bad.length} of ${reports.length} snapshot(s) of ${inputs.name} failed verification: ${bad.map((b) => `${b.id}: ${b.error?.message}`).join('; ')}`, { hint: 'take a new full backup (incremental: false); do not restore the failed snapshots' });
}

async function latestManifest(store: Store, series: string, logger: Logger): Promise<Manifest | undefined> {
  try {
    return await loadManifest(store, series, await resolveSnapshotId(store, series));
  } catch (err) {
    if (!isIndexVaultError(err, 'E_NOT_FOUND')) logger.warn(`could not read the newest snapshot of ${series} for the summary: ${(err as Error).message}`);
    return undefined;
  }
}

/** The snapshot and its ancestors back to the full one, newest first (for the summary). */
async function chainOf(store: Store, manifest: Manifest, logger: Logger): Promise<ChainLink[]> {
  const chain: ChainLink[] = [];
  let m: Manifest | undefined = manifest;
  while (m && chain.length < 50) {
    chain.push({ id: m.id, kind: m.kind, files: m.totals.files, storedBytes: m.totals.storedBytes, createdAt: m.createdAt });
    if (!m.parent) break;
    try {
      m = await loadManifest(store, m.series, m.parent.id);
    } catch (err) {
      logger.debug(`chain stops at ${m.id}: ${(err as Error).message}`);
      m = undefined;
    }
  }
  return chain;
}
