import './require-node.js';
import fs from 'node:fs';
import * as core from '@actions/core';
import { exitOnSignals } from '../shared/exit-on-signal.js';
import { isIndexVaultError } from '../shared/errors.js';
import { isStopping } from '../shared/interrupt.js';
import type { Progress } from '../shared/logger.js';
import { formatBytes } from '../shared/units.js';
import { actionHint } from './hints.js';
import { cacheDirFromEnv } from '../fs-safety/hash-cache.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { openStore } from './open-store.js';
import { runAction } from './run-action.js';
import { renderFailure } from './summary.js';
import { signingSecrets } from '../snapshot/signature.js';

/** The state key the main step leaves for its post step (`STATE_index-vault-save`). */
export const SAVE_STATE = 'index-vault-save';
/** Read by post-if in action.yml: the post step's inputs are not visible there. */
export const SAVE_ON_VARIABLE = 'INDEX_VAULT_SAVE_ON';
/** Set by every main step: the runner runs the post step of every step, asked for or not. */
const RAN_STATE = 'index-vault-ran';

/** One progress line every 10 s: a CI log has no terminal to redraw. */
function progressLogger(): (p: Progress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 10_000 || isStopping()) return;
    last = now;
    core.info(`${p.phase}: ${p.filesDone}/${p.filesTotal} files, ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`);
  };
}

/** Appends to the job summary; a summary that cannot be written costs a warning, never the step. */
async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  try {
    await core.summary.addRaw(markdown, true).write();
  } catch (err) {
    core.summary.emptyBuffer();
    core.warning(`could not write the job summary (${(err as Error).message}); the step itself is not affected`);
  }
}

/**
 * The action's entry point, for the step and for its post step (the runner runs the same file
 * again at the end of the job, with the state the step saved): the only place that calls setFailed.
 */
export async function main(): Promise<void> {
  const post = core.getState(RAN_STATE) === 'true';
  if (post && core.getState(SAVE_STATE) === '') return;
  if (!post) core.saveState(RAN_STATE, 'true');
  let inputs: ActionInputs | undefined;
  let storeDescription: string | undefined;
  try {
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
    // Masked before anything can print them: the runner masks the secret as given, not its parts.
    for (const secret of signingSecrets(core.getInput('signing-key'))) core.setSecret(secret);
    inputs = readInputs((name) => core.getInput(name), workspace);
    if (inputs.githubToken) core.setSecret(inputs.githubToken);
    if (post) {
      // The post step saves what the step restored into: a backup of the same path and series.
      inputs = { ...inputs, mode: 'backup' };
      if (!fs.existsSync(inputs.path)) {
        core.warning(`nothing to save: ${inputs.path} does not exist at the end of the job`);
        return;
      }
      core.info(`saving ${inputs.path} as series ${inputs.name} at the end of the job (save: post, save-on: ${inputs.saveOn})`);
    }
    // Work being undone after a cancel fails on the way out: it must not say so.
    const logger = {
      debug: (m: string) => void (isStopping() || core.debug(m)),
      info: (m: string) => void (isStopping() || core.info(m)),
      warn: (m: string) => void (isStopping() || core.warning(m)),
    };
    const store = await openStore(inputs, process.env, logger);
    storeDescription = store.description;
    await runAction(inputs, store, {
      logger,
      setOutput: (name, value) => core.setOutput(name, value),
      summary: writeSummary,
      onProgress: progressLogger(),
      cacheDir: cacheDirFromEnv(process.env),
    });
    if (!post && inputs.save === 'post') {
      core.saveState(SAVE_STATE, JSON.stringify({ series: inputs.name, path: inputs.path }));
      // One variable serves every step of the job: it only ever widens, so no step narrows another's.
      const rank = (v: string | undefined) => ['success', 'failure-too', 'always'].indexOf(v ?? 'success');
      if (rank(inputs.saveOn) > rank(process.env[SAVE_ON_VARIABLE])) core.exportVariable(SAVE_ON_VARIABLE, inputs.saveOn);
    }
  } catch (err) {
    if (isStopping()) return; // the signal handler reports the cancel
    const message = isIndexVaultError(err)
      ? `${err.code}: ${err.message}`
      : `unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
    const hint = isIndexVaultError(err) ? actionHint(err) : undefined;
    core.setFailed(`${message}${hint ? ` (${hint})` : ''}`);
    await writeSummary(
      renderFailure({
        mode: post ? 'save (post step)' : (inputs?.mode ?? 'run'),
        series: inputs?.name ?? '(inputs not read)',
        target: inputs?.path ?? core.getInput('path'),
        store: storeDescription,
        error: isIndexVaultError(err) ? message : `unexpected error: ${(err as Error)?.message ?? String(err)}`,
        hint,
      }),
    );
  }
}

// A cancelled job: the runner sends SIGINT, then SIGTERM. What this run had not published goes
// (temporary objects, packs, a restore's staging directory, the lock) and the step fails with one line.
exitOnSignals({ write: (line: string) => core.setFailed(line.trim()) });
void main();
