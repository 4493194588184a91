// A deterministic index-like data set, shaped like ../docs "baselines": compressible float
// fragments, incompressible blocks, delta-friendly postings, many small version files, index parts.
import { createCipheriv, createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Fast deterministic pseudo-random bytes: AES-CTR keystream from a seed. */
export function randomBytes(seed, n) {
  const key = createHash('sha256').update(`key:${seed}`).digest();
  const iv = createHash('md5').update(`iv:${seed}`).digest();
  return createCipheriv('aes-256-ctr', key, iv).update(Buffer.alloc(n));
}

/** float32 values rounded to 2 decimals: compress somewhat, like real vector data. */
function floats(seed, bytes) {
  const n = Math.floor(bytes / 4);
  const r = randomBytes(seed, n * 2);
  const f = new Float32Array(n);
  for (let i = 0; i < n; i++) f[i] = Math.round((r.readUInt16LE(i * 2) / 65536 - 0.5) * 400) / 100;
  return Buffer.from(f.buffer);
}

/** Sorted uint32 doc ids with small gaps: what postings lists look like. */
function postings(seed, bytes) {
  const n = Math.floor(bytes / 4);
  const r = randomBytes(seed, n);
  const out = Buffer.alloc(n * 4);
  let v = 0;
  for (let i = 0; i < n; i++) {
    v += 1 + (r[i] & 15);
    out.writeUInt32LE(v >>> 0, i * 4);
  }
  return out;
}

/** The files of the data set at `size` bytes: [relative path, generator] pairs. */
export function plan(size) {
  const files = [];
  const frag = Math.max(4096, Math.floor(size / 40));
  // ~35% floats in 14 fragments, ~47% random in 19 blocks, ~14% postings in 6 files.
  for (let i = 0; i < 14; i++) files.push([`vectors.lance/data/frag-${String(i).padStart(3, '0')}.lance`, () => floats(`f${i}`, frag)]);
  for (let i = 0; i < 19; i++) files.push([`blobs/block-${String(i).padStart(3, '0')}.bin`, () => randomBytes(`r${i}`, frag)]);
  for (let i = 0; i < 6; i++) files.push([`postings/seg-${i}.pst`, () => postings(`p${i}`, frag)]);
  for (let v = 1; v <= 120; v++)
    files.push([
      `vectors.lance/_versions/${v}.manifest`,
      () => Buffer.from(JSON.stringify({ version: v, fragments: Array.from({ length: 14 }, (_, k) => ({ id: k, rows: 1000 + v })) })),
    ]);
  for (let i = 0; i < 4; i++)
    files.push([`vectors.lance/_indices/ivf-${i}/part.idx`, () => floats(`i${i}`, Math.max(1024, Math.floor(size / 200)))]);
  files.push(['meta.json', () => Buffer.from(JSON.stringify({ name: 'bench', size }))]);
  return files;
}

/** Rows of a real LanceDB table: 64-d vectors and text, about 2% of the data set. */
function lanceRows(seed, count, from = 0) {
  const r = randomBytes(seed, count * 64 * 2);
  return Array.from({ length: count }, (_, i) => ({
    id: from + i,
    text: `document ${from + i}`,
    vector: Array.from({ length: 64 }, (_, j) => Math.round((r.readUInt16LE((i * 64 + j) * 2) / 65536 - 0.5) * 200) / 100),
  }));
}

async function lancedb() {
  try {
    return await import('@lancedb/lancedb');
  } catch {
    return undefined;
  }
}

/** A real LanceDB table under lancedb/ when @lancedb/lancedb is installed (it is a dev dependency). */
export async function writeLanceTable(dir, size) {
  const lance = await lancedb();
  if (!lance) return false;
  const db = await lance.connect(path.join(dir, 'lancedb'));
  const rows = Math.max(200, Math.floor((size * 0.02) / 300));
  const table = await db.createTable('docs', lanceRows('lance', rows));
  table.close();
  db.close();
  return true;
}

export async function changeLanceTable(dir, size) {
  const lance = await lancedb();
  if (!lance || !fs.existsSync(path.join(dir, 'lancedb'))) return;
  const db = await lance.connect(path.join(dir, 'lancedb'));
  const table = await db.openTable('docs');
  const rows = Math.max(20, Math.floor((size * 0.002) / 300));
  await table.add(lanceRows('lance-2', rows, 10_000_000));
  await table.delete('id < 10');
  table.close();
  db.close();
}

export function writeDataSet(dir, size) {
  fs.rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  for (const [rel, gen] of plan(size)) {
    const p = path.join(dir, ...rel.split('/'));
    fs.mkdirSync(path.dirname(p), { recursive: true });
    const data = gen();
    fs.writeFileSync(p, data);
    bytes += data.length;
  }
  return bytes;
}

/**
 * The "5% change": rewrites a third of the postings and two float fragments, adds three files,
 * deletes two version files. Files are replaced (unlink + write), never modified in place, so a
 * hard-linked copy of the data set can be changed without touching the original.
 */
export function applyChange(dir, size) {
  const frag = Math.max(4096, Math.floor(size / 40));
  const write = (rel, data) => {
    const p = path.join(dir, ...rel.split('/'));
    fs.rmSync(p, { force: true });
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, data);
  };
  write('postings/seg-0.pst', postings('p0-changed', frag));
  write('postings/seg-1.pst', postings('p1-changed', frag));
  for (let v = 121; v <= 123; v++) write(`vectors.lance/_versions/${v}.manifest`, Buffer.from(JSON.stringify({ version: v })));
  write('vectors.lance/data/frag-new.lance', floats('f-new', Math.floor(frag / 2)));
  write('meta.json', Buffer.from(JSON.stringify({ name: 'bench', size, round: 2 })));
  fs.rmSync(path.join(dir, 'vectors.lance', '_versions', '1.manifest'));
  fs.rmSync(path.join(dir, 'vectors.lance', '_versions', '2.manifest'));
}
