import os from 'node:os';
import { ioError } from '../shared/errors.js';
import type { HashReply, HashRequest } from './hash-protocol.js';
import { startWorker } from './worker-url.js';

/**
 * Hashes files on worker threads, one per core: sha256 is synchronous, so on the main thread it
 * runs on one core however many there are. Worth it for an incremental backup, which must hash
 * every file before it knows what is new. Results come back in input order.
 */
export async function hashFilesInWorkers(
  files: readonly string[],
  onBytes?: (n: number) => void,
  threads = Math.max(1, Math.min(4, os.availableParallelism?.() ?? os.cpus().length)),
): Promise<Array<{ sha256: string; size: number }>> {
  const out = new Array<{ sha256: string; size: number }>(files.length);
  if (files.length === 0) return out;
  const workers = Array.from({ length: Math.min(threads, files.length) }, () => startWorker('hash-worker', import.meta.url));
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= files.length) return resolve();
              const id = next++;
              w.postMessage({ op: 'file', id, file: files[id]! } satisfies HashRequest);
            };
            w.on('message', (r: HashReply) => {
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
