import { parseManifest } from '../snapshot/manifest.js';
import { startWorker } from './worker-url.js';

/** What manifest-check-worker.ts is started with: a copy of the bytes, and what to call them in an error. */
export interface ManifestCheckData {
  bytes: Uint8Array;
  what: string;
}

/**
 * Checks manifest bytes with parseManifest on a worker thread, so the caller can do other work
 * until it awaits the result. Only an acceptance is taken from the worker: for anything else
 * (a refusal, a worker that fails to start or dies) the bytes are parsed again on this thread,
 * which throws the reader's own error or accepts them, so the decision is always parseManifest's.
 */
export function checkManifestAside(bytes: Buffer, what: string): Promise<void> {
  const onThisThread = () => void parseManifest(bytes, what);
  return new Promise<boolean>((resolve) => {
    let worker;
    try {
      worker = startWorker('manifest-check-worker', import.meta.url, { workerData: { bytes, what } satisfies ManifestCheckData });
    } catch {
      return resolve(false);
    }
    worker.once('message', (accepted: unknown) => resolve(accepted === true));
    worker.once('error', () => resolve(false));
    worker.once('exit', () => resolve(false)); // after the answer, this changes nothing
  }).then((accepted) => {
    if (!accepted) onThisThread();
  });
}
