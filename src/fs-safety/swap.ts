import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseBoundedJson } from '../shared/bounded-json.js';
import { ioError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { pathProblem } from '../snapshot/entry-path.js';

/**
 * The last step of a restore replaces the target directory with a complete staging directory.
 * Node has no atomic directory exchange, so it is two renames with a journal written first:
 * a process killed between them leaves the journal, and the next run (which holds the same
 * lock) finishes the swap forward, since the staging tree was already fully checked.
 *
 *   .<name>.index-vault-staging-<rand>   the new tree being built
 *   .<name>.index-vault-old-<rand>       the old tree, moved aside during the swap
 *   .<name>.index-vault-swap.json        the journal: which staging and old directory belong together
 */
export function stagingName(target: string): string {
  return `.${path.basename(target)}.index-vault-staging-${randomBytes(6).toString('hex')}`;
}

export function oldName(target: string): string {
  return `.${path.basename(target)}.index-vault-old-${randomBytes(6).toString('hex')}`;
}

export function journalPath(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.index-vault-swap.json`);
}

async function exists(p: string): Promise<boolean> {
  return fs.lstat(p).then(
    () => true,
    () => false,
  );
}

/** Renames with a few retries: on Windows a scanner or indexer may hold a file open for a moment. */
export async function renameRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (attempt >= 5 || !['EPERM', 'EACCES', 'EBUSY'].includes(code ?? '')) throw ioError(err, `cannot rename ${from} to`, to);
      await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
    }
  }
}

export async function swapIntoPlace(staging: string, target: string, targetExists: boolean, logger: Logger): Promise<void> {
  if (!targetExists) {
    await renameRetry(staging, target);
    return;
  }
  const parent = path.dirname(target);
  const old = path.join(parent, oldName(target));
  const journal = journalPath(target);
  await fs.writeFile(journal, JSON.stringify({ staging: path.basename(staging), old: path.basename(old) }), { flag: 'w' });
  await renameRetry(target, old);
  try {
    await renameRetry(staging, target);
  } catch (err) {
    await fs.rename(old, target).catch(() => {});
    await fs.rm(journal, { force: true });
    throw err;
  }
  await fs.rm(journal, { force: true });
  await removeTree(old).catch((err) => {
    logger.warn(`restored, but could not remove the previous tree at ${old}: ${(err as Error).message}`);
  });
}

/**
 * Puts the target right after a restore that was killed: finishes a half-done swap and removes
 * staging and old trees that no live process owns (the caller holds the target's lock).
 */
export async function recoverInterruptedRestore(target: string, logger: Logger): Promise<void> {
  const parent = path.dirname(target);
  const journal = journalPath(target);
  let record: { staging?: string; old?: string; roots?: unknown } | undefined;
  try {
    record = parseBoundedJson(await fs.readFile(journal), 'restore journal', 1024 * 1024) as {
      staging?: string;
      old?: string;
      roots?: unknown;
    };
  } catch {
    record = undefined;
  }
  const prefix = `.${path.basename(target)}.index-vault-`;
  const safe = (n: unknown): n is string => typeof n === 'string' && n.startsWith(prefix) && !n.includes('/') && !n.includes('\\');
  if (record && safe(record.staging) && safe(record.old)) {
    // The old tree, if still there, is removed with the other leftovers below.
    const staging = path.join(parent, record.staging);
    if (Array.isArray(record.roots)) await finishSubtrees(staging, target, record.roots, logger);
    else if (!(await exists(target)) && (await exists(staging))) {
      logger.warn(`finishing a restore into ${target} that was interrupted during its final rename`);
      await renameRetry(staging, target);
    }
  }
  await fs.rm(journal, { force: true });
  let names: string[];
  try {
    names = await fs.readdir(parent);
  } catch {
    return;
  }
  for (const n of names) {
    if (n.startsWith(`${prefix}staging-`) || n.startsWith(`${prefix}old-`)) {
      logger.info(`removing leftovers of an interrupted restore: ${path.join(parent, n)}`);
      await removeTree(path.join(parent, n)).catch((err) => {
        throw ioError(err, 'cannot remove leftovers at', path.join(parent, n));
      });
    }
  }
}

/**
 * A partial restore killed while moving its checked subtrees in: each one still in staging whose
 * place in the target is empty is moved in (its old version was already moved aside).
 */
async function finishSubtrees(staging: string, target: string, roots: unknown[], logger: Logger): Promise<void> {
  for (const root of roots) {
    if (typeof root !== 'string' || pathProblem(root)) continue;
    const from = path.join(staging, ...root.split('/'));
    const to = path.join(target, ...root.split('/'));
    if ((await exists(from)) && !(await exists(to))) {
      logger.warn(`finishing a restore of ${root} into ${target} that was interrupted while moving it in`);
      await renameRetry(from, to);
    }
  }
}

/**
 * Removes a tree that may hold directories without write or search permission for the owner (a
 * restored 0o500 or 0o000 directory): those are opened up to the owner first, then removed.
 */
export async function removeTree(dir: string): Promise<void> {
  try {
    await fs.rm(dir, { recursive: true, force: true, maxRetries: 3 });
    return;
  } catch (err) {
    if (!['EACCES', 'EPERM'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
  }
  const openUp = async (d: string): Promise<void> => {
    await fs.chmod(d, 0o700).catch(() => {});
    const names = await fs.readdir(d, { withFileTypes: true }).catch(() => []);
    for (const n of names) if (n.isDirectory()) await openUp(path.join(d, n.name));
  };
  await openUp(dir);
  await fs.rm(dir, { recursive: true, force: true, maxRetries: 3 });
}
