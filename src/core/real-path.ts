import fs from 'node:fs';
import path from 'node:path';

/**
 * The path with every symlink resolved: the realpath of `p`, or, for a path that does not exist
 * yet, the realpath of its nearest existing ancestor joined with the rest. Two spellings of one
 * directory (`real` and `alias -> real`) give the same answer, so they share one lock.
 */
export function resolvedPath(p: string): string {
  const abs = path.resolve(p);
  const rest: string[] = [];
  for (let at = abs; ; at = path.dirname(at)) {
    try {
      return path.join(fs.realpathSync.native(at), ...rest.reverse());
    } catch {
      if (path.dirname(at) === at) return abs;
      rest.push(path.basename(at));
    }
  }
}
