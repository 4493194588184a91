import { Worker, type WorkerOptions } from 'node:worker_threads';
/**
 * Starts the worker module `name` that sits beside the module whose `import.meta.url` is `base`.
 * Built (dist/, and the action bundle, where each worker is its own bundle beside index.js) it
 * is `name.js`. Run from source (the tests) there is only `name.ts`: it and the modules it
 * imports are stripped of their types once into a temporary directory, so each worker then
 * starts from plain JavaScript as fast as a built one. The name is a variable, so no bundler
 * rewrites or inlines the worker's address.
 */
export declare function startWorker(name: string, base: string, options?: WorkerOptions): Worker;
