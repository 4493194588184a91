/**
 * Reads a new manifest's bytes as every reader will (parseManifest), on a thread of its own, so
 * the writer does the rest of its closing work meanwhile. Started by manifest-check.ts with the
 * bytes as its data; answers once, whether the reader accepts them, and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseManifest } from '../snapshot/manifest.js';
import type { ManifestCheckData } from './manifest-check.js';

const { bytes, what } = workerData as ManifestCheckData;
let accepted = false;
try {
  parseManifest(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), what);
  accepted = true;
} catch {
  // The main thread reads the bytes again and throws the reader's own error.
}
parentPort!.postMessage(accepted);
