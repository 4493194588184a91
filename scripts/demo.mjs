// The quick-start demo: builds a small sample index, backs it up, changes it, backs it up again,
// restores both snapshots with the CLI from dist/, and checks each restore byte for byte.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli', 'main.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'index-vault-demo-'));
const index = path.join(work, 'sample-index');
const store = path.join(work, 'vault');

// Runs in the work directory with relative paths, and shows paths relative to it: the work
// directory is removed at the end, so naming it would point the reader at nothing.
function run(...args) {
  const rel = args.map((a) => (path.isAbsolute(a) ? path.relative(work, a) : a));
  console.log(`$ index-vault ${rel.join(' ')}`);
  const out = execFileSync(process.execPath, [cli, ...rel], { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(out.replaceAll(work + path.sep, ''));
  return out;
}

/** Deterministic bytes: float-like values (compressible), and noise (not). */
function floats(seed, count) {
  const a = new Float32Array(count);
  let x = seed;
  for (let i = 0; i < count; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    a[i] = Math.round((x / 2 ** 32) * 10000) / 100;
  }
  return Buffer.from(a.buffer);
}

function write(rel, data) {
  const p = path.join(index, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, data);
}

function digestTree(dir) {
  const h = {};
  const walk = (d, rel) => {
    for (const name of fs.readdirSync(d).sort()) {
      const abs = path.join(d, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = fs.lstatSync(abs);
      if (st.isDirectory()) {
        h[r + '/'] = 'dir';
        walk(abs, r);
      } else h[r] = createHash('sha256').update(fs.readFileSync(abs)).digest('hex');
    }
  };
  walk(dir, '');
  return JSON.stringify(h);
}

try {
  // A LanceDB-shaped table and a Tantivy-shaped index, about 40 MB.
  for (let i = 0; i < 8; i++) write(`vectors/data/${String(i).padStart(4, '0')}-fragment.lance`, floats(i + 1, 1_000_000));
  for (let v = 1; v <= 20; v++) {
    write(`vectors/_versions/${v}.manifest`, JSON.stringify({ version: v, fragments: v % 8 }));
    write(`vectors/_transactions/${v}-txn.txn`, `txn ${v}`);
  }
  write('vectors/_indices/2f1c/index.idx', floats(99, 250_000));
  write('tantivy/meta.json', JSON.stringify({ segments: [{ segment_id: 'a1b2', max_doc: 1000 }], opstamp: 7 }));
  for (const ext of ['idx', 'pos', 'term', 'store', 'fast', 'fieldnorm']) write(`tantivy/a1b2.${ext}`, floats(ext.length, 50_000));
  fs.mkdirSync(path.join(index, 'empty-dir'), { recursive: true });

  const before = digestTree(index);
  const first = JSON.parse(run('backup', index, '--store', store, '--json', '--quiet'));

  // A pipeline run changes a few files: one rewritten, one added, one deleted.
  write('vectors/data/0003-fragment.lance', floats(333, 1_000_000));
  write('vectors/_versions/21.manifest', JSON.stringify({ version: 21 }));
  fs.rmSync(path.join(index, 'vectors/_transactions/1-txn.txn'));
  const after = digestTree(index);
  run('backup', index, '--store', store, '--quiet');
  run('list', '--store', store);

  // Restore the first snapshot into a fresh directory, and the newest over the changed tree.
  const restored = path.join(work, 'restored');
  run('restore', restored, '--store', store, '--snapshot', first.id, '--quiet');
  if (digestTree(restored) !== before) throw new Error('first snapshot did not restore exactly');
  fs.writeFileSync(path.join(index, 'stray-file.tmp'), 'not in any snapshot');
  run('restore', index, '--store', store, '--force', '--quiet');
  if (digestTree(index) !== after) throw new Error('newest snapshot did not restore exactly');
  run('verify', '--store', store);

  console.log('\ndemo ok: both snapshots restored byte for byte');
} finally {
  // Say where the work directory is only when it stays (KEEP_DEMO=1); otherwise it is gone.
  if (process.env.KEEP_DEMO) console.log(`work directory kept: ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
}
