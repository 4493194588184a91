import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Loads an optional peer dependency such as `@lancedb/lancedb` (≈190 MB native, never bundled):
 * first as index-vault's own dependency would resolve, then from the current directory, where a
 * workflow's project has it when index-vault runs as a bundled action. The specifier is a
 * variable so bundlers leave the import alone instead of hoisting it into a static one.
 */
export async function importOptional<T>(name: string): Promise<T> {
  const specifier: string = name;
  try {
    return (await import(/* webpackIgnore: true */ specifier)) as T;
  } catch (first) {
    try {
      const resolved = createRequire(path.join(process.cwd(), 'package.json')).resolve(specifier);
      return (await import(/* webpackIgnore: true */ pathToFileURL(resolved).href)) as T;
    } catch {
      throw first;
    }
  }
}
