// Writes a deterministic index-like tree for the e2e workflow: `node make-index.mjs <dir> <round>`.
// Round 2 is round 1 after a small change (rewritten, added and deleted files), for the incremental step.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const [dir, roundArg = '1'] = process.argv.slice(2);
if (!dir) throw new Error('usage: make-index.mjs <dir> [round]');
const round = Number(roundArg);

/** Deterministic pseudo-random bytes: sha256 in counter mode. */
function bytes(seed, n) {
  const out = Buffer.alloc(n);
  for (let i = 0, block = 0; i < n; block++) {
    const h = createHash('sha256').update(`${seed}:${block}`).digest();
    i += h.copy(out, i);
  }
  return out;
}

function floats(seed, n) {
  const b = bytes(seed, n * 4);
  const f = new Float32Array(n);
  for (let i = 0; i < n; i++) f[i] = Math.round((b.readUInt32LE(i * 4) / 2 ** 32 - 0.5) * 200) / 100;
  return Buffer.from(f.buffer);
}

const files = {
  'vectors/data/frag-0.lance': floats('f0', 400_000),
  'vectors/data/frag-1.lance': floats('f1', 400_000),
  'vectors/_indices/ivf/part-0.idx': bytes('idx', 300_000),
  'postings/terms.bin': bytes('terms', 100_000),
  'Ünïcode names/ñ.txt': 'unicode\n',
  'empty.txt': '',
};
for (let v = 1; v <= 20; v++) files[`vectors/_versions/${v}.manifest`] = `version ${v}\n`;
if (round >= 2) {
  files['vectors/data/frag-2.lance'] = floats('f2', 50_000);
  files['vectors/_versions/21.manifest'] = 'version 21\n';
  files['postings/terms.bin'] = bytes('terms-2', 100_000);
  delete files['vectors/_versions/1.manifest'];
}
fs.rmSync(dir, { recursive: true, force: true });
for (const [rel, content] of Object.entries(files)) {
  const p = path.join(dir, ...rel.split('/'));
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
}
fs.mkdirSync(path.join(dir, 'empty-dir'), { recursive: true });
console.log(`wrote round ${round} into ${dir}: ${Object.keys(files).length} files`);
