import fs from 'node:fs';
import path from 'node:path';

/** Links followed before a chain is taken for a loop (Linux's own limit). */
const MAX_LINKS = 40;

/**
 * The path with every symlink resolved: its realpath, or, where the path (or the file a symlink
 * names) does not exist yet, the resolved parent joined with the name. Two spellings of one
 * directory (`real` and `alias -> real`) give the same answer, so they share one lock and one backup.
 */
export function resolvedPath(p: string, links = 0): string {
  const abs = path.resolve(p);
  try {
    return fs.realpathSync.native(abs);
  } catch {
    // Something on the way is missing, or a link dangles: resolve the parent, then this name.
  }
  const parentPath = path.dirname(abs);
  if (parentPath === abs) return abs;
  const at = path.join(resolvedPath(parentPath, links), path.basename(abs));
  try {
    if (links < MAX_LINKS && fs.lstatSync(at).isSymbolicLink())
      return resolvedPath(path.resolve(path.dirname(at), fs.readlinkSync(at)), links + 1);
  } catch {
    // Missing: this is where it would be created.
  }
  return at;
}
