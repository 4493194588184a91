// `node bench/floor-backup.mjs <tree> <out dir>`
//
// The least work a full backup of a tree of files can do in Node.js, timed beside the backup by
// `npm run bench -- --files`: the tree listed, and on one thread per core (each a contiguous
// share of the files) every file stat'ed, read whole and hashed with sha256, its tar
// record written into frames of 1 MiB, each frame compressed with zstd -3 (with its checksum,
// on one long-lived context, synchronously) and written to that thread's pack, which is hashed
// as it is written. No manifest, no check of anything, no read-back, no flush to disk.
import { hash as hashOnce, createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { TYPEFLAG, writeUstarHeader } from '../dist/engine/backup/ustar-header.js';

const FRAME = 1024 * 1024;

/** zstd -3 with a checksum per frame, each frame ended on its own, through zlib's handle (as FrameDecoder decodes). */
function frameCompressor() {
  const stream = zlib.createZstdCompress({
    params: { [zlib.constants.ZSTD_c_compressionLevel]: 3, [zlib.constants.ZSTD_c_checksumFlag]: 1 },
  });
  const handle = stream._handle;
  const state = stream._writeState;
  const out = Buffer.allocUnsafe(FRAME + 64 * 1024);
  return (input, onOut) => {
    let inOff = 0;
    let inLen = input.length;
    for (;;) {
      handle.writeSync(zlib.constants.ZSTD_e_end, input, inOff, inLen, out, 0, out.length);
      const have = out.length - state[0];
      if (have > 0) onOut(out.subarray(0, have));
      inOff += inLen - state[1];
      inLen = state[1];
      if (state[0] !== 0 && inLen === 0) return;
    }
  };
}

function packFiles(root, files, packFile) {
  const compress = frameCompressor();
  const pack = fs.openSync(packFile, 'w');
  const packHash = createHash('sha256');
  const frame = Buffer.alloc(FRAME);
  let used = 0;
  const emit = () => {
    compress(frame.subarray(0, used), (part) => {
      packHash.update(part);
      fs.writeSync(pack, part);
    });
    used = 0;
  };
  const put = (bytes) => {
    for (let at = 0; at < bytes.length;) {
      const k = Math.min(FRAME - used, bytes.length - at);
      bytes.copy(frame, used, at, at + k);
      used += k;
      at += k;
      if (used === FRAME) emit();
    }
  };
  const header = Buffer.alloc(512);
  const zeros = Buffer.alloc(512);
  const digests = [];
  for (const rel of files) {
    const abs = path.join(root, rel);
    const st = fs.lstatSync(abs, { bigint: true });
    const data = fs.readFileSync(abs);
    digests.push(hashOnce('sha256', data, 'hex'));
    header.fill(0);
    if (!writeUstarHeader(header, rel, TYPEFLAG.File, Number(st.mode) & 0o7777, data.length, Number(st.mtimeMs)))
      throw new Error(`${rel}: does not fit a plain ustar header`);
    put(header);
    put(data);
    if (data.length % 512) put(zeros.subarray(0, 512 - (data.length % 512)));
  }
  put(Buffer.alloc(1024));
  if (used > 0) emit();
  fs.closeSync(pack);
  packHash.digest('hex');
  return digests.length;
}

/** Every regular file under root, as relative POSIX paths in byte order. */
function listTree(root) {
  const files = [];
  const walk = (rel) => {
    const names = fs
      .readdirSync(path.join(root, rel), { withFileTypes: true })
      .sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
    for (const d of names) {
      const r = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) walk(r);
      else if (d.isFile()) files.push(r);
    }
  };
  walk('');
  return files;
}

if (!isMainThread) {
  const { root, files, packFile } = workerData;
  parentPort.postMessage(packFiles(root, files, packFile));
} else {
  const [root, out] = process.argv.slice(2);
  if (!root || !out) {
    console.error('usage: node bench/floor-backup.mjs <tree> <out dir>');
    process.exit(2);
  }
  fs.mkdirSync(out, { recursive: true });
  const files = listTree(root);
  // One contiguous part of the files per core (by count: the data sets' sizes are spread evenly), each written to a pack of its own.
  const threads = Math.max(2, os.availableParallelism());
  const shares = Array.from({ length: threads }, (_, i) =>
    files.slice(Math.floor((i * files.length) / threads), Math.floor(((i + 1) * files.length) / threads)),
  );
  const packed = await Promise.all(
    shares.map(
      (part, i) =>
        new Promise((resolve, reject) => {
          const w = new Worker(new URL(import.meta.url), {
            workerData: { root, files: part, packFile: path.join(out, `floor-${i}.tar.zst`) },
          });
          w.once('message', resolve);
          w.once('error', reject);
          w.once('exit', (code) => reject(new Error(`a floor thread exited with code ${code} before it answered`)));
        }),
    ),
  );
  console.log(JSON.stringify({ files: packed.reduce((a, b) => a + b, 0), packs: shares.length }));
}
