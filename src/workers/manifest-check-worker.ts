/**
 * Checks a new manifest as a reader would while the backup is still sealing it, on the other
 * core: the pieces come as they are sealed, the digest member as a stand-in (DeferredDigestCheck).
 * Started by manifest-check.ts; speaks manifest-check-protocol.ts.
 */
import { parentPort } from 'node:worker_threads';
import { DeferredDigestCheck } from '../snapshot/manifest-stream.js';
import { FrameDecoder } from './frame-decoder.js';
import type { ManifestCheckReply, ManifestCheckRequest } from './manifest-check-protocol.js';

const port = parentPort!;
let check: DeferredDigestCheck | undefined;
let what = '';
let taken: Int32Array | undefined;
let decoder: FrameDecoder | undefined;
let pieceBytes = 0;
/** Why the text cannot be told here (a piece that did not decode): the writer then checks the finished text. */
let failed: string | undefined;

port.on('message', (m: ManifestCheckRequest) => {
  if (m.op === 'start') {
    ({ what, pieceBytes } = m);
    check = new DeferredDigestCheck(what);
    taken = new Int32Array(m.taken);
    decoder = new FrameDecoder('zstd', pieceBytes);
    return;
  }
  if (m.op === 'end') {
    const reply: ManifestCheckReply = failed !== undefined ? { fallback: failed } : check!.finish(what);
    port.postMessage(reply);
    return;
  }
  try {
    if (failed !== undefined) return;
    if (m.op === 'raw') check!.push(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.length));
    else decoder!.decodeZstdSync(m.bytes, pieceBytes, (raw) => check!.push(raw));
  } catch (err) {
    failed = `a piece did not decode: ${(err as Error).message}`;
  } finally {
    Atomics.add(taken!, 0, 1);
    Atomics.notify(taken!, 0);
  }
});
