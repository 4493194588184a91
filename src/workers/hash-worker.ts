/**
 * A hash worker: sha256 off the main thread, which otherwise runs it on one core however many
 * there are. Hashes whole files, a batch per message (an incremental backup's scan), and ranges
 * read into frames of shared memory (a backup's large files, read once, hashed where they land
 * and compressed from the same place). Started by hash-workers.ts and read-hasher.ts; speaks
 * hash-protocol.ts.
 */
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { HashReply, HashRequest } from './hash-protocol.js';
import { hashWholeFile } from './whole-file-hash.js';

const port = parentPort!;
const buf = Buffer.allocUnsafe(4 * 1024 * 1024);
const hashes = new Map<number, Hash>();
const frames: Buffer[] = [];

/** Whole files, in order, up to the first that fails: a message each way per batch, not per file. */
function hashBatch(m: Extract<HashRequest, { op: 'files' }>): HashReply {
  const sums = { sha256: [] as string[], size: [] as number[], stamps: [] as bigint[] };
  for (let i = 0; i < m.files.length; i++) {
    try {
      const { sha256, size } = hashWholeFile(m.files[i]!, buf, sums.stamps);
      sums.sha256.push(sha256);
      sums.size.push(size);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      return { id: m.id, failed: i, error: { code: e.code, message: e.message, syscall: e.syscall } };
    }
  }
  return { id: m.id, sums };
}

function readInto(m: Extract<HashRequest, { op: 'read' }>): number {
  const into = frames[m.frame]!.subarray(m.offset, m.offset + m.length);
  let got = 0;
  while (got < m.length) {
    const n = fs.readSync(m.fd, into, got, m.length - got, m.position + got);
    if (n === 0) break;
    got += n;
  }
  let h = hashes.get(m.hash);
  if (!h) hashes.set(m.hash, (h = createHash('sha256')));
  h.update(into.subarray(0, got));
  return got;
}

function answer(m: Exclude<HashRequest, { op: 'frame' }>): HashReply {
  if (m.op === 'files') return hashBatch(m);
  if (m.op === 'read') return { id: m.id, got: readInto(m) };
  const h = hashes.get(m.hash) ?? createHash('sha256');
  hashes.delete(m.hash);
  return { id: m.id, sha256: m.op === 'digest' ? h.digest('hex') : '' };
}

port.on('message', (m: HashRequest) => {
  if (m.op === 'frame') {
    frames[m.frame] = Buffer.from(m.sab);
    return;
  }
  let reply: HashReply;
  try {
    reply = answer(m);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    reply = { id: m.id, error: { code: e.code, message: e.message, syscall: e.syscall } };
  }
  port.postMessage(reply);
});
