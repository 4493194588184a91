import './require-node.js';
import * as core from '@actions/core';
import { isIndexVaultError } from '../core/errors.js';
import type { Progress } from '../core/logger.js';
import { formatBytes } from '../core/units.js';
import { readInputs } from './inputs.js';
import { openStore } from './open-store.js';
import { runAction } from './run-action.js';

/** One progress line every 10 s: a CI log has no terminal to redraw. */
function progressLogger(): (p: Progress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 10_000) return;
    last = now;
    core.info(`${p.phase}: ${p.filesDone}/${p.filesTotal} files, ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`);
  };
}

/** The action's entry point: the only place that calls setFailed. */
export async function main(): Promise<void> {
  try {
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
    const inputs = readInputs((name) => core.getInput(name), workspace);
    if (inputs.githubToken) core.setSecret(inputs.githubToken);
    const logger = { debug: (m: string) => core.debug(m), info: (m: string) => core.info(m), warn: (m: string) => core.warning(m) };
    const store = await openStore(inputs, process.env, logger);
    await runAction(inputs, store, {
      logger,
      setOutput: (name, value) => core.setOutput(name, value),
      summary: async (markdown) => {
        if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown, true).write();
      },
      onProgress: progressLogger(),
    });
  } catch (err) {
    if (isIndexVaultError(err)) core.setFailed(`${err.code}: ${err.message}${err.hint ? ` (${err.hint})` : ''}`);
    else core.setFailed(`unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
}

void main();
