import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { ioError } from '../shared/errors.js';

/**
 * Runs in each worker: reads a file in 4 MiB chunks and returns its sha256. Plain CommonJS
 * source evaluated by the Worker, so it needs no file of its own beside a bundle.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const { createHash } = require('node:crypto');
const buf = Buffer.allocUnsafe(4 * 1024 * 1024);
parentPort.on('message', ({ id, file }) => {
  let fd;
  try {
    fd = fs.openSync(file, 'r');
    const h = createHash('sha256');
    let size = 0;
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; size += n) h.update(buf.subarray(0, n));
    parentPort.postMessage({ id, sha256: h.digest('hex'), size });
  } catch (err) {
    parentPort.postMessage({ id, error: { code: err.code, message: err.message, syscall: err.syscall } });
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
});
`;

interface Reply {
  id: number;
  sha256?: string;
  size?: number;
  error?: { code?: string; message: string; syscall?: string };
}

/**
 * Hashes files on worker threads, one per core: sha256 is synchronous, so on the main thread it
 * runs on one core however many there are. Worth it for an incremental backup, which must hash
 * every file before it knows what is new. Results come back in input order.
 */
export async function hashFilesInWorkers(files: readonly string[], onBytes?: (n: number) => void, threads = Math.max(1, Math.min(4, os.availableParallelism?.() ?? os.cpus().length))): Promise<Array<{ sha256: string; size: number }>> {
  const out = new Array<{ sha256: string; size: number }>(files.length);
  if (files.length === 0) return out;
  const workers = Array.from({ length: Math.min(threads, files.length) }, () => new Worker(WORKER_SOURCE, { eval: true }));
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= files.length) return resolve();
              const id = next++;
              w.postMessage({ id, file: files[id] });
            };
            w.on('message', (r: Reply) => {
              if (r.error) {
                const e = Object.assign(new Error(r.error.message), { code: r.error.code, syscall: r.error.syscall });
                return reject(ioError(e, 'cannot read', files[r.id]!));
              }
              out[r.id] = { sha256: r.sha256!, size: r.size! };
              onBytes?.(r.size!);
              send();
            });
            w.once('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}
