import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Resolve hook for a worker started from TypeScript source: `./x.js` imports (as tsc wants them
 * written) load `./x.ts` where no `./x.js` exists.
 */
const HOOK = `export async function resolve(specifier, context, next) {
  try { return await next(specifier, context); } catch (err) {
    if (err?.code === 'ERR_MODULE_NOT_FOUND' && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) return next(specifier.slice(0, -3) + '.ts', context);
    throw err;
  }
}`;
const REGISTER = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOK)}`)});`;

/**
 * Starts the worker module `name` that sits beside the module whose `import.meta.url` is `base`.
 * Built (dist/, and the action bundle, where each worker is its own bundle beside index.js) it
 * is `name.js`; run from source (the tests) it is `name.ts`, which Node.js strips of its types
 * with the hook above in place. The name is a variable, so no bundler rewrites or inlines it.
 */
export function startWorker(name: string, base: string, options: WorkerOptions = {}): Worker {
  const built = new URL(`./${name}.js`, base);
  if (fs.existsSync(fileURLToPath(built))) return new Worker(built, options);
  const source = new URL(`./${name}.ts`, base);
  const execArgv = ['--experimental-transform-types', '--disable-warning=ExperimentalWarning', '--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`];
  return new Worker(source, { ...options, execArgv });
}
