/**
 * The walk's stat helper: lstat's the names of a big directory alongside the walk (stat-rows.ts),
 * a message per directory. Started by stat-helper.ts.
 */
import { parentPort } from 'node:worker_threads';
import { statClaims, type StatBatch } from './stat-rows.js';

parentPort!.on('message', (m: { ctrl: SharedArrayBuffer; rows: SharedArrayBuffer; prefix: string; names: string[] }) => {
  const batch: StatBatch = { ctrl: new Int32Array(m.ctrl), rows: new BigInt64Array(m.rows), prefix: m.prefix, names: m.names };
  try {
    statClaims(batch);
  } catch {
    // Whatever is left unclaimed is the walk's to stat: it takes every claim this thread does not.
  }
});
