// `node bench/floor-read.mjs <series dir of a local store> <snapshot id> [--write DIR]`
//
// The least work a verify of a local snapshot can do in Node.js, timed beside verify by
// `npm run bench -- --files`: every pack's sha256 on one thread, and on one thread per pack
// (the system shares them over the cores) every zstd frame decoded on the engine's own decoder
// and every file's bytes hashed with sha256. Nothing is checked against anything, no manifest
// entry is parsed (its bytes are read and hashed only: the floor of any manifest format), no
// progress is kept. With --write it also writes each file under DIR with its mode and mtime (as
// tar -x does; no staging, no swap, no directory times): the floor of a restore.
// What verify does beyond this — its manifest read, its checks of every header, name, size and
// digest, its bookkeeping — is the difference between the two rows.
import { createHash, hash as hashOnce } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { FrameDecoder } from '../dist/workers/frame-decoder.js';
import { FrameWalker } from '../dist/snapshot/zstd-frames.js';

const BLOCK = 512;

/** Decodes one pack's frames and hashes (and with `out`, writes) each file in its tar stream. */
function decodePack(file, out) {
  const decoder = new FrameDecoder('zstd', 256 * 1024);
  const head = Buffer.alloc(BLOCK);
  let headLen = 0;
  let left = 0;
  let pad = 0;
  let at = 0;
  let state = 'head';
  let hash;
  let fd = -1;
  let files = 0;
  let madeDir = '';
  let mtime = 0;
  const onRaw = (raw) => {
    let off = 0;
    while (off < raw.length) {
      if (state === 'head') {
        const k = Math.min(BLOCK - headLen, raw.length - off);
        raw.copy(head, headLen, off, off + k);
        headLen += k;
        off += k;
        if (headLen < BLOCK) continue;
        headLen = 0;
        if (head[0] === 0) {
          state = 'end';
          continue;
        }
        left = octal(head, 124, 12);
        pad = (BLOCK - (left % BLOCK)) % BLOCK;
        const flag = head[156];
        // A pax header, a directory or a link: its body (if any) is passed over.
        if (flag !== 0x30 && flag !== 0) {
          if (out && flag === 0x35) fs.mkdirSync(path.join(out, name(head)), { recursive: true });
          pad += left;
          left = 0;
          state = pad ? 'pad' : 'head';
          continue;
        }
        at = 0;
        hash = undefined;
        if (out) {
          const file = path.join(out, name(head));
          if (path.dirname(file) !== madeDir) fs.mkdirSync((madeDir = path.dirname(file)), { recursive: true });
          fd = fs.openSync(file, 'w', octal(head, 100, 8) & 0o777);
          mtime = octal(head, 136, 12);
        }
        state = 'body';
        if (left === 0) finish(hashOnce('sha256', '', 'hex'));
      } else if (state === 'body') {
        const k = Math.min(left, raw.length - off);
        const piece = raw.subarray(off, off + k);
        if (out) fs.writeSync(fd, piece);
        left -= k;
        off += k;
        if (at === 0 && left === 0) finish(hashOnce('sha256', piece, 'hex'));
        else {
          (hash ??= createHash('sha256')).update(piece);
          at += k;
          if (left === 0) finish(hash.digest('hex'));
        }
      } else if (state === 'pad') {
        const k = Math.min(pad, raw.length - off);
        pad -= k;
        off += k;
        if (pad === 0) state = 'head';
      } else off = raw.length;
    }
  };
  // The digest is what verify would compare with the manifest's: made here, compared with nothing.
  const finish = (_sha256) => {
    files++;
    if (out) {
      fs.futimesSync(fd, mtime, mtime);
      fs.closeSync(fd);
    }
    state = pad ? 'pad' : 'head';
  };
  const src = fs.openSync(file, 'r');
  const size = fs.fstatSync(src).size;
  const buf = Buffer.allocUnsafe(4 * 1024 * 1024);
  const walker = new FrameWalker();
  let base = 0;
  let start = 0;
  let end = 0;
  let scanned = 0;
  while (base + start < size) {
    let stop = walker.scan(buf, scanned, end);
    while (stop < 0) {
      scanned = end;
      if (end === buf.length) {
        // index-vault's frames compress to a little over 1 MiB at most: one larger than the buffer is not its pack.
        if (start === 0) throw new Error(`${file}: a zstd frame larger than ${buf.length} bytes, not one index-vault writes`);
        buf.copy(buf, 0, start, end);
        [base, end, scanned, start] = [base + start, end - start, scanned - start, 0];
      }
      const n = fs.readSync(src, buf, end, Math.min(buf.length - end, size - (base + end)), base + end);
      if (n === 0) throw new Error(`${file} ends inside a frame`);
      end += n;
      stop = walker.scan(buf, scanned, end);
    }
    decoder.decodeZstdSync(buf.subarray(start, stop), 64 * 1024 * 1024, onRaw);
    start = scanned = stop;
  }
  fs.closeSync(src);
  return files;
}

/** A plain octal field of a ustar header (the data set's sizes, modes and times all fit one). */
const octal = (h, from, len) =>
  parseInt(
    h
      .toString('latin1', from, from + len)
      .replace(/\0.*$/s, '')
      .trim() || '0',
    8,
  );

// Names this writer's own tar headers hold: the ustar prefix, then the name (no pax path needed for the data set).
const name = (h) => {
  const field = (from, len) => h.toString('utf8', from, from + len).replace(/\0.*$/s, '');
  const prefix = field(345, 155);
  return prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
};

function digestPacks(files) {
  const buf = Buffer.allocUnsafe(1024 * 1024);
  return files.map((file) => {
    const hash = createHash('sha256');
    const fd = fs.openSync(file, 'r');
    for (let at = 0, n; (n = fs.readSync(fd, buf, 0, buf.length, at)) > 0; at += n) hash.update(buf.subarray(0, n));
    fs.closeSync(fd);
    return hash.digest('hex');
  });
}

const run = (data) =>
  new Promise((resolve, reject) => {
    const w = new Worker(new URL(import.meta.url), { workerData: data });
    w.once('message', resolve);
    w.once('error', reject);
    w.once('exit', (code) => reject(new Error(`a floor thread exited with code ${code} before it answered`)));
  });

if (!isMainThread) {
  const { job, files, out } = workerData;
  parentPort.postMessage(job === 'digests' ? digestPacks(files) : decodePack(files[0], out));
} else {
  const [dir, id, flag, out] = process.argv.slice(2);
  if (!dir || !id || (flag !== undefined && (flag !== '--write' || !out))) {
    console.error('usage: node bench/floor-read.mjs <series dir> <snapshot id> [--write DIR]');
    process.exit(2);
  }
  const packs = fs
    .readdirSync(path.join(dir, 'packs'))
    .filter((n) => n.startsWith(`${id}-`) && n.endsWith('.tar.zst'))
    .sort()
    .map((n) => path.join(dir, 'packs', n));
  if (packs.length === 0) throw new Error(`no zstd packs of ${id} in ${dir}`);
  if (out) fs.mkdirSync(out, { recursive: true });
  const digests = run({ job: 'digests', files: packs });
  const decoded = packs.map((p) => run({ job: 'decode', files: [p], out }));
  createHash('sha256').update(fs.readFileSync(path.join(dir, 'snapshots', `${id}.json`)));
  const files = (await Promise.all(decoded)).reduce((a, b) => a + b, 0);
  await digests;
  console.log(JSON.stringify({ packs: packs.length, files }));
}
