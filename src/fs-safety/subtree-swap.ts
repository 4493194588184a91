import fs from 'node:fs/promises';
import path from 'node:path';
import { ioError, TargetNotEmptyError, UnsafeEntryError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { journalPath, oldName, removeTree, renameRetry } from './swap.js';

const at = (root: string, rel: string) => path.join(root, ...rel.split('/'));

async function lstatOrUndefined(p: string) {
  try {
    return await fs.lstat(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw ioError(err, 'cannot inspect', p);
  }
}

/**
 * Refuses, before anything is written, what a partial restore must not replace: a subtree of the
 * target that is not empty (unless `force`), or one reached through something that is not a
 * directory (a symlink there would carry the swap outside the target).
 */
export async function checkSubtrees(target: string, roots: readonly string[], force: boolean): Promise<void> {
  for (const root of roots) {
    const parts = root.split('/');
    for (let i = 1; i < parts.length; i++) {
      const st = await lstatOrUndefined(at(target, parts.slice(0, i).join('/')));
      if (st === undefined) break;
      if (!st.isDirectory()) {
        throw new UnsafeEntryError(`cannot restore ${root}: ${parts.slice(0, i).join('/')} in ${target} is not a directory`, {
          hint: 'restore its parent instead, or remove it',
          details: { path: root },
        });
      }
    }
    const st = await lstatOrUndefined(at(target, root));
    if (st === undefined || force) continue;
    const empty =
      st.isDirectory() &&
      (
        await fs.readdir(at(target, root)).catch((err) => {
          throw ioError(err, 'cannot list', at(target, root));
        })
      ).length === 0;
    if (!empty) {
      throw new TargetNotEmptyError(
        `${at(target, root)} exists${st.isDirectory() ? ' and is not empty' : ''}; restoring would replace it`,
        {
          hint: "allow the restore to replace the selected paths with the snapshot's (files there not in the snapshot are removed)",
          details: { remedy: 'force', path: root },
        },
      );
    }
  }
}

/**
 * Moves each selected subtree of a complete, checked staging tree into the target, the current
 * one first moved aside; a failure puts back every subtree already moved, so the target is as it
 * was. Nothing outside the subtrees is touched (missing parent directories are created).
 */
export async function swapSubtreesIntoPlace(staging: string, target: string, roots: readonly string[], logger: Logger): Promise<void> {
  const old = path.join(path.dirname(target), oldName(target));
  await fs.mkdir(old, { mode: 0o700 }).catch((err) => {
    throw ioError(err, 'cannot create', old);
  });
  const done: Array<{ root: string; aside?: string; placed: boolean; made?: string }> = [];
  // Killed half way, the next run (holding the same lock) moves in what staging still holds: see recoverInterruptedRestore.
  const journal = journalPath(target);
  await fs
    .writeFile(journal, JSON.stringify({ staging: path.basename(staging), old: path.basename(old), roots }), { flag: 'w' })
    .catch((err) => {
      throw ioError(err, 'cannot write', journal);
    });
  try {
    for (const [i, root] of roots.entries()) {
      const dest = at(target, root);
      const step: (typeof done)[number] = { root, placed: false };
      done.push(step);
      step.made = await fs.mkdir(path.dirname(dest), { recursive: true }).catch((err) => {
        throw ioError(err, 'cannot create', path.dirname(dest));
      });
      if ((await lstatOrUndefined(dest)) !== undefined) {
        step.aside = path.join(old, String(i));
        await renameRetry(dest, step.aside);
      }
      await renameRetry(at(staging, root), dest);
      step.placed = true;
    }
  } catch (err) {
    for (const step of done.reverse()) {
      const dest = at(target, step.root);
      if (step.placed) await fs.rename(dest, at(staging, step.root)).catch(() => {});
      if (step.aside) await fs.rename(step.aside, dest).catch(() => {});
      if (step.made) await fs.rm(step.made, { recursive: true }).catch(() => {});
    }
    await fs.rm(journal, { force: true });
    await removeTree(old).catch(() => {});
    throw err;
  }
  await fs.rm(journal, { force: true });
  await removeTree(old).catch((err) => {
    logger.warn(`restored, but could not remove the previous files at ${old}: ${(err as Error).message}`);
  });
}
