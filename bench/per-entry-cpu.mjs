// `node bench/per-entry-cpu.mjs [--dist DIR] [--n 10000,100000] [--runs 5]`: CPU ms of the per-entry
// work every command pays (parse and seal a manifest, the tree rules, the portability check, the
// hash cache's load, lookups and save) on a synthetic tree shaped like bench's files data set
// (folders of ~250 files). Best of `runs`, in one process per call; `--dist` picks a build (say a
// copy of an older dist/) to compare against.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: path.join(import.meta.dirname, '..', 'dist') },
    n: { type: 'string', default: '10000,100000' },
    runs: { type: 'string', default: '5' },
  },
});
const dist = path.resolve(values.dist);
const load = (p) => import(pathToFileURL(path.join(dist, p)).href);
const { parseManifest, sealManifestText, META_DIR } = await load('snapshot/manifest.js');
const { treeProblems } = await load('snapshot/tree-rules.js');
const { checkPortability } = await load('fs-safety/portability.js');
const { HashCache } = await load('fs-safety/hash-cache.js');
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const runs = Number(values.runs);

/** CPU ms (user + system) of the fastest of `runs` calls of `fn`. */
async function best(fn) {
  let min = Infinity;
  let out;
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const t = process.cpuUsage();
    out = await fn();
    const d = process.cpuUsage(t);
    min = Math.min(min, (d.user + d.system) / 1000);
  }
  return { ms: min, out };
}

const hex = (i) => (BigInt(i + 1) * 0x9e3779b97f4a7c15n).toString(16).padStart(64, '0').slice(-64);

/** A manifest body of `n` files in folders of 250 (and their directories), keys in sorted order as backup builds them. */
function body(n) {
  const entries = [];
  const per = 250;
  const folders = Math.ceil(n / per);
  const tops = Math.ceil(Math.sqrt(folders));
  let raw = 0;
  let f = 0;
  for (let t = 0; t < tops && f < n; t++) {
    const top = `d${String(t).padStart(3, '0')}`;
    entries.push({ mode: 0o755, mtimeMs: 1796028020616, path: top, type: 'dir' });
    for (let s = 0; s < tops && f < n; s++) {
      const sub = `${top}/s${String(s).padStart(3, '0')}`;
      entries.push({ mode: 0o755, mtimeMs: 1796028020416.123, path: sub, type: 'dir' });
      for (let k = 0; k < per && f < n; k++, f++) {
        const size = 1024 + ((f * 7919) % 15360);
        const span = 512 + Math.ceil(size / 512) * 512;
        entries.push({
          exec: false,
          loc: { length: 339823, offset: 0, pack: 0, raw, skip: raw % 65536, span },
          mode: 0o644,
          mtimeMs: 1796028020324 + (f % 997) + (f % 3 === 0 ? 0.5 : 0),
          path: `${sub}/f${String(f).padStart(7, '0')}.txt`,
          sha256: hex(f),
          size,
          type: 'file',
        });
        raw += span;
      }
    }
  }
  const files = entries.filter((e) => e.type === 'file');
  return {
    createdAt: '2026-11-30T08:55:39.944Z',
    depth: 0,
    entries,
    format: 'index-vault.snapshot',
    formatVersion: 2,
    id: '20261130T085539944Z-a8e6ce6d',
    kind: 'full',
    packs: [
      {
        codec: 'zstd',
        name: '20261130T085539944Z-a8e6ce6d-000.tar.zst',
        origin: '20261130T085539944Z-a8e6ce6d',
        rawSize: raw,
        sha256: hex(-1),
        size: 1e12,
      },
    ],
    parent: null,
    series: 'b',
    source: { format: 'dir', name: 'tree', platform: 'linux' },
    tool: 'index-vault bench',
    totals: {
      bytes: files.reduce((s, e) => s + e.size, 0),
      dirs: entries.length - files.length,
      files: files.length,
      packedBytes: 1e12,
      storedBytes: 1e12,
      symlinks: 0,
    },
  };
}

const rows = [];
for (const n of values.n.split(',').map(Number)) {
  const b = body(n);
  const seal = await best(() => sealManifestText(b));
  const bytes = seal.out.bytes;
  const parse = await best(() => parseManifest(bytes));
  const entries = parse.out.entries;
  const tree = await best(() => treeProblems(entries, { reserved: META_DIR, max: 1 }));
  if (tree.out.length > 0) throw new Error(`unexpected tree problem ${JSON.stringify(tree.out[0])}`);
  const paths = entries.map((e) => e.path);
  const port = await best(() => checkPortability(paths));
  if (port.out.length > 0) throw new Error('unexpected portability problem');

  // Hash cache: n files recorded and saved, then (as an incremental does) loaded, looked up, and saved after one change.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iv-per-entry-'));
  const root = path.join(dir, 'root');
  fs.mkdirSync(root);
  const files = entries.filter((e) => e.type === 'file');
  const stamps = files.map((e, i) => ({
    size: BigInt(e.size),
    mtimeNs: 1796028020324707782n + BigInt(i),
    ctimeNs: 1796028020324707782n + BigInt(i),
    ino: 5309280n + BigInt(i),
  }));
  const recordedAt = 1796028939941000000n;
  const first = await HashCache.open(root, silent, dir);
  files.forEach((e, i) => first.record(e.path, stamps[i], e.sha256, recordedAt));
  await first.save();
  const open = await best(() => HashCache.open(root, silent, dir));
  const lookup = await best(() => {
    let hits = 0;
    for (let i = 0; i < files.length; i++) if (open.out.lookup(files[i].path, stamps[i])) hits++;
    return hits;
  });
  if (lookup.out !== files.length) throw new Error(`only ${lookup.out} of ${files.length} hash cache hits`);
  const save = await best(async () => {
    open.out.record(files[0].path, stamps[0], files[0].sha256, recordedAt);
    await open.out.save();
  });
  fs.rmSync(dir, { recursive: true, force: true });

  rows.push({
    n,
    manifestMB: +(bytes.length / 2 ** 20).toFixed(1),
    sealManifestText: seal.ms,
    parseManifest: parse.ms,
    treeProblems: tree.ms,
    checkPortability: port.ms,
    'hashCache.open': open.ms,
    'hashCache.lookup×n': lookup.ms,
    'hashCache.save': save.ms,
  });
}
console.log(`${dist}, best of ${runs} runs, CPU ms (user + system)`);
const keys = Object.keys(rows[0]);
console.log(keys.map((k) => k.padStart(k.length < 10 ? 10 : k.length)).join(' '));
for (const r of rows)
  console.log(
    keys
      .map((k) => (typeof r[k] === 'number' && k !== 'n' ? r[k].toFixed(1) : String(r[k])).padStart(k.length < 10 ? 10 : k.length))
      .join(' '),
  );
