// A deterministic small-file data set: text files of 1–16 KiB (1–4 KiB from a million files on,
// to stay within disk) in folders of 250, two levels deep, like the files beside an index.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from './dataset.mjs';

export const FILES_PER_FOLDER = 250;

/** `10k`, `100k`, `1m`, `2k`, `3000`: a file count. */
export function parseCount(s) {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(String(s).trim());
  const n = m ? Math.round(Number(m[1]) * { '': 1, k: 1e3, m: 1e6 }[m[2].toLowerCase()]) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > 20e6) throw new Error(`--files: a file count such as 2k, 10k, 100k or 1m (got ${s})`);
  return n;
}

/** File sizes are uniform in [min, max]: a mean of 8.5 KiB (≈ 830 MiB per 100,000 files), 2.5 KiB at a million. */
export const sizeRange = (count) => (count >= 1e6 ? [1024, 4096] : [1024, 16384]);

/** Relative path of file `i`: `d017/s04/f000123.txt`, 250 files per folder. */
export function filePath(i, count) {
  const folders = Math.ceil(count / FILES_PER_FOLDER);
  const fanout = Math.ceil(Math.sqrt(folders));
  const folder = Math.floor(i / FILES_PER_FOLDER);
  return `d${String(Math.floor(folder / fanout)).padStart(3, '0')}/s${String(folder % fanout).padStart(3, '0')}/f${String(i).padStart(7, '0')}.txt`;
}

// 4,096 made-up words, drawn with a skew (a few common, most rare) so the text compresses like prose.
const WORDS = (() => {
  const r = randomBytes('words', 4096 * 12);
  const letters = 'etaoinshrdlcumwfgypbvkjxqz';
  return Array.from({ length: 4096 }, (_, w) => {
    const len = 2 + (r[w * 12] % 9);
    let s = '';
    for (let k = 0; k < len; k++) s += letters[Math.floor((r[w * 12 + 1 + k] / 256) ** 2 * 26)];
    return Buffer.from(s);
  });
})();

/** `bytes` of text (words, spaces, a newline every dozen words) from `seed`. */
export function text(seed, bytes) {
  const out = Buffer.allocUnsafe(bytes + 16);
  const r = randomBytes(seed, Math.ceil(bytes / 2) * 2 + 64);
  const head = Buffer.from(`# ${seed}\n`);
  let o = head.copy(out, 0);
  for (let j = 0; o < bytes; j += 2) {
    const u = r.readUInt16LE(j % (r.length - 1)) / 65536;
    const w = WORDS[Math.floor(u * u * 4096)];
    o += w.copy(out, o);
    out[o++] = j % 24 === 22 ? 10 : 32;
  }
  return out.subarray(0, bytes);
}

/** Size of file `i` (deterministic). */
export function fileSize(i, count, round = 0) {
  const [min, max] = sizeRange(count);
  return min + (randomBytes(`size:${i}:${round}`, 4).readUInt32LE(0) % (max - min + 1));
}

export function writeFilesDataSet(dir, count) {
  fs.rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  let lastDir = '';
  for (let i = 0; i < count; i++) {
    const p = path.join(dir, ...filePath(i, count).split('/'));
    if (path.dirname(p) !== lastDir) fs.mkdirSync((lastDir = path.dirname(p)), { recursive: true });
    const n = fileSize(i, count);
    fs.writeFileSync(p, text(`file ${i}`, n));
    bytes += n;
  }
  return bytes;
}

/** The "1% change": every 100th file rewritten with new content (replaced, never edited in place). */
export function changeFiles(dir, count, round = 1) {
  let changed = 0;
  for (let i = 37 % Math.min(count, 100); i < count; i += 100) {
    const p = path.join(dir, ...filePath(i, count).split('/'));
    fs.rmSync(p, { force: true });
    fs.writeFileSync(p, text(`file ${i} round ${round}`, fileSize(i, count, round)));
    changed++;
  }
  return changed;
}
