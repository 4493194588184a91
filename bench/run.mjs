// `npm run bench [-- --size 1g|4g|8g|tiny|<bytes>] [--runs N] [--out DIR] [--vs-cli PATH]`
// (`--vs-cli` times another build's CLI, e.g. a checkout of an earlier release's dist/cli/main.js,
// on every index-vault step of the same run, alternating which goes first: a change is shown to be
// no slower on this machine, in this run)
// (`--files 10k|100k|1m|<count>` and `--lance-versions N` measure scale in files: files-run.mjs)
// Generates a deterministic index-like data set and times, in one run and side by side,
// tar | zstd -3 -T0 (what actions/cache runs), zstd -dc | tar -x, GNU tar --listed-incremental,
// and index-vault's full backup, verify, restore, incremental after a ~5% change and its restore.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chart } from './chart.mjs';
import { applyChange, changeLanceTable, writeDataSet, writeLanceTable } from './dataset.mjs';
import { measure, sh, warmPrograms } from './measure.mjs';
import { treeDigest } from './tree-digest.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '1g' },
    runs: { type: 'string', default: '3' },
    out: { type: 'string' },
    data: { type: 'string' },
    files: { type: 'string' },
    'lance-versions': { type: 'string' },
    note: { type: 'string' },
    'vs-cli': { type: 'string' },
  },
});
const VS = values['vs-cli'] === undefined ? undefined : path.resolve(values['vs-cli']);
if (VS !== undefined && !fs.existsSync(VS)) throw new Error(`--vs-cli: ${VS} does not exist`);
if (values.files !== undefined || values['lance-versions'] !== undefined) {
  await (await import('./files-run.mjs')).runFiles({ root: ROOT, cli: CLI, values });
  process.exit(0);
}
const SIZES = { tiny: 8 << 20, '1g': 1 << 30, '4g': 4 * 2 ** 30, '8g': 8 * 2 ** 30 };
const size = SIZES[values.size] ?? Number(values.size);
if (!Number.isFinite(size) || size <= 0) throw new Error(`--size: one of ${Object.keys(SIZES).join(', ')} or a number of bytes`);
const runs = Math.max(1, Number(values.runs));
const outDir = path.resolve(values.out ?? path.join(ROOT, 'bench', 'results'));
const dataRoot = path.resolve(values.data ?? path.join(ROOT, 'bench', '.data'));
const work = fs.mkdtempSync(
  path.join(dataRoot === path.join(ROOT, 'bench', '.data') ? (fs.mkdirSync(dataRoot, { recursive: true }), dataRoot) : os.tmpdir(), 'run-'),
);
const label = values.size;

// The data set is generated once per size and reused.
const base = path.join(dataRoot, `set-v2-${size}`);
if (!fs.existsSync(path.join(base, '.complete'))) {
  console.error(`generating ${label} data set in ${base} …`);
  fs.mkdirSync(dataRoot, { recursive: true });
  writeDataSet(path.join(base, 'tree'), size);
  if (!(await writeLanceTable(path.join(base, 'tree'), size)))
    console.error('@lancedb/lancedb is not installed: the data set has no LanceDB table');
  fs.writeFileSync(path.join(base, '.complete'), '');
}
const src = path.join(base, 'tree');
const files = execFileSync('find', [src, '-type', 'f']).toString().trim().split('\n').length;
const bytes = Number(execFileSync('du', ['-sb', src]).toString().split('\t')[0]);

// Every timed step starts from the same state: nothing dirty (or it would pay for the writeback
// of the steps before it), the page cache emptied where the kernel lets us (or a step late in the
// run writes into a full cache and pays for reclaiming it), and then its own input read once, so
// every step reads warm and writes into free memory whatever ran before it.
let canDrop = size >= 256 * 1024 * 1024; // a smoke run has nothing to gain, and shares the machine with tests
const settle = (inputs) => {
  execFileSync('sync');
  if (canDrop) {
    try {
      fs.writeFileSync('/proc/sys/vm/drop_caches', '1');
    } catch {
      canDrop = false;
      console.error('cannot drop the page cache (not root?): later steps may run against a fuller cache');
    }
  }
  if (canDrop) warmPrograms([CLI, ...(VS ? [VS] : [])]);
  for (const input of inputs) execFileSync('bash', ['-c', `find "${input}" -type f -exec cat {} + > /dev/null`]);
};
const ivWith = (cli, inputs, args) => (settle(inputs), measure([process.execPath, cli, ...args, '--json', '--quiet']));
const iv = (inputs, ...args) => ivWith(CLI, inputs, args);
const shTimed = (inputs, script) => (settle(inputs), sh(script));
const samples = {};
const add = (op, m, extra = {}) => (samples[op] ??= []).push({ ...m, ...extra });
// With --vs-cli: the other build does the same step on its own store and tree copy, before or after ours.
const VS_SUFFIX = ' [vs-cli]';
let vsFirst = false;
const vsStep = (key, inputs, args, extra = () => ({})) => {
  if (VS === undefined) return;
  const m = ivWith(VS, inputs, args);
  add(key + VS_SUFFIX, m, extra(m));
};
const ours = (key, inputs, args, vsArgs = args, extra = () => ({})) => {
  if (vsFirst) vsStep(key, inputs.map(vsPath), vsArgs, extra);
  const m = iv(inputs, ...args);
  add(key, m, extra(m));
  if (!vsFirst) vsStep(key, inputs.map(vsPath), vsArgs, extra);
  return m;
};
// The other build's paths: its own store, tree copy and restore directory beside ours.
const vsPath = (p) => (VS === undefined ? p : `${p}-vs`);
const fileSize = (p) => fs.statSync(p).size;
const storeSize = (dir) => Number(execFileSync('du', ['-sb', dir]).toString().split('\t')[0]);

for (let r = 0; r < runs; r++) {
  console.error(`run ${r + 1} of ${runs}`);
  vsFirst = r % 2 === 1;
  const tree = path.join(work, 'tree');
  const store = path.join(work, 'store');
  const restored = path.join(work, 'restored');
  for (const p of [tree, store, restored]) for (const q of VS ? [p, vsPath(p)] : [p]) fs.rmSync(q, { recursive: true, force: true });
  // A real copy (index-vault refuses hard links to files outside the tree): the change edits it.
  execFileSync('cp', ['-a', '--reflink=auto', src, tree]);
  if (VS) execFileSync('cp', ['-a', '--reflink=auto', src, vsPath(tree)]);
  const before = treeDigest(tree);

  const tarOut = path.join(work, 'base.tar.zst');
  add('tar|zstd backup', shTimed([tree], `tar -C "${tree}" -cf - . | zstd -3 -T0 -q -f -o "${tarOut}"`), { out: fileSize(tarOut) });
  const tarX = path.join(work, 'tar-x');
  fs.rmSync(tarX, { recursive: true, force: true });
  add('zstd|tar restore', shTimed([tarOut], `mkdir -p "${tarX}" && zstd -dc -q "${tarOut}" | tar -C "${tarX}" -xf -`));
  fs.rmSync(tarX, { recursive: true, force: true });

  const storeArgs = (s) => ['--store', s, '--name', 'bench'];
  const stored = (m) => ({ out: JSON.parse(m.stdout).storedBytes });
  const full = ours(
    'index-vault backup (full)',
    [tree],
    ['backup', tree, ...storeArgs(store), '--mode', 'full', '--format', 'dir'],
    ['backup', vsPath(tree), ...storeArgs(vsPath(store)), '--mode', 'full', '--format', 'dir'],
    stored,
  );
  const fullJson = JSON.parse(full.stdout);
  ours('index-vault verify', [store], ['verify', ...storeArgs(store)], ['verify', ...storeArgs(vsPath(store))]);
  ours(
    'index-vault restore (full)',
    [store],
    ['restore', restored, ...storeArgs(store), '--snapshot', fullJson.id, '--no-reuse'],
    ['restore', vsPath(restored), ...storeArgs(vsPath(store)), '--no-reuse'],
  );
  for (const dir of VS ? [restored, vsPath(restored)] : [restored]) {
    if (treeDigest(dir).digest !== before.digest) throw new Error(`restore into ${dir} did not reproduce the tree`);
    fs.rmSync(dir, { recursive: true, force: true });
  }

  // GNU tar's level 0 (untimed) then level 1 after the change.
  const snar = path.join(work, 'tree.snar');
  fs.rmSync(snar, { force: true });
  execFileSync('bash', [
    '-c',
    `tar --listed-incremental="${snar}" -C "${tree}" -cf - . | zstd -3 -T0 -q -f -o "${path.join(work, 'l0.tar.zst')}"`,
  ]);
  for (const t of VS ? [tree, vsPath(tree)] : [tree]) {
    applyChange(t, size);
    await changeLanceTable(t, size);
  }
  const after = treeDigest(tree);
  const l1 = path.join(work, 'l1.tar.zst');
  add(
    'tar --listed-incremental level 1',
    shTimed([tree, snar], `tar --listed-incremental="${snar}" -C "${tree}" -cf - . | zstd -3 -T0 -q -f -o "${l1}"`),
    { out: fileSize(l1) },
  );

  const inc = ours(
    'index-vault backup (incremental, ~5% change)',
    [tree],
    ['backup', tree, ...storeArgs(store), '--format', 'dir'],
    ['backup', vsPath(tree), ...storeArgs(vsPath(store)), '--format', 'dir'],
    stored,
  );
  const incJson = JSON.parse(inc.stdout);
  if (incJson.kind !== 'incremental') throw new Error(`expected an incremental, got ${incJson.kind}`);
  ours(
    'index-vault restore (incremental)',
    [store],
    ['restore', restored, ...storeArgs(store), '--no-reuse'],
    ['restore', vsPath(restored), ...storeArgs(vsPath(store)), '--no-reuse'],
  );
  if (treeDigest(restored).digest !== after.digest) throw new Error('index-vault restore of the incremental did not reproduce the tree');
  samples.storeBytes = [{ wall: 0, cpu: 0, rssMB: 0, out: storeSize(store) }];
  for (const p of [restored, tree, store]) for (const q of VS ? [p, vsPath(p)] : [p]) fs.rmSync(q, { recursive: true, force: true });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ORDER = [
  ['tar|zstd backup', 'tar | zstd -3 -T0', 'baseline'],
  ['index-vault backup (full)', 'index-vault backup (full)', 'index-vault'],
  ['zstd|tar restore', 'zstd -dc | tar -x', 'baseline'],
  ['index-vault restore (full)', 'index-vault restore (verified)', 'index-vault'],
  ['index-vault verify', 'index-vault verify', 'index-vault'],
  ['tar --listed-incremental level 1', 'tar --listed-incremental L1 | zstd', 'baseline'],
  ['index-vault backup (incremental, ~5% change)', 'index-vault incremental (~5%)', 'index-vault'],
  ['index-vault restore (incremental)', 'index-vault restore incremental', 'index-vault'],
];
const operations = ORDER.map(([key, lbl, tool]) => {
  const s = samples[key];
  const wall = median(s.map((x) => x.wall));
  return {
    key,
    label: lbl,
    tool,
    wall,
    cpu: median(s.map((x) => x.cpu)),
    rssMB: Math.max(...s.map((x) => x.rssMB)),
    out: s[0].out,
    mbps: bytes / 1e6 / wall,
    samples: s.map((x) => x.wall),
  };
});
const op = (k) => operations.find((o) => o.key === k);
const ratios = {
  backupWall: op('index-vault backup (full)').wall / op('tar|zstd backup').wall,
  storedSize: op('index-vault backup (full)').out / op('tar|zstd backup').out,
  restoreWall: op('index-vault restore (full)').wall / op('zstd|tar restore').wall,
  incrementalWall: op('index-vault backup (incremental, ~5% change)').wall / op('index-vault backup (full)').wall,
  peakRssMB: Math.max(...operations.filter((o) => o.tool === 'index-vault').map((o) => o.rssMB)),
};
const targets = [
  ['full backup wall ≤ 1.0× tar | zstd -3 -T0', ratios.backupWall, ratios.backupWall <= 1.0],
  ['stored size ≤ 1.02× tar | zstd -3 output', ratios.storedSize, ratios.storedSize <= 1.02],
  ['restore wall ≤ 1.0× zstd -dc | tar -x', ratios.restoreWall, ratios.restoreWall <= 1.0],
  ['incremental wall ≤ 0.15× full backup', ratios.incrementalWall, ratios.incrementalWall <= 0.15],
  ['peak RSS ≤ 200 MB', ratios.peakRssMB, ratios.peakRssMB <= 200],
].map(([name, value, ok]) => ({ name, value, ok }));

// Ours against the other build, step by step: medians of the pairwise ratios (each pair ran back to back).
const vsCli =
  VS === undefined
    ? undefined
    : {
        cli: VS,
        operations: ORDER.filter(([key, , tool]) => tool === 'index-vault' && samples[key + VS_SUFFIX]).map(([key, lbl]) => {
          const a = samples[key];
          const b = samples[key + VS_SUFFIX];
          const pair = (f) => median(a.map((x, i) => f(x) / f(b[i])));
          return {
            key,
            label: lbl,
            wall: median(a.map((x) => x.wall)),
            vsWall: median(b.map((x) => x.wall)),
            wallRatio: pair((x) => x.wall),
            cpuRatio: pair((x) => x.cpu),
            rssMB: Math.max(...a.map((x) => x.rssMB)),
            vsRssMB: Math.max(...b.map((x) => x.rssMB)),
          };
        }),
      };

const result = {
  dataSet: { label, bytes, files, lancedb: fs.existsSync(path.join(src, 'lancedb')) },
  runs,
  machine: {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  },
  operations,
  ratios,
  targets,
  ...(vsCli ? { vsCli } : {}),
  date: new Date().toISOString(),
};

const fmt = (n, d = 2) => (n === undefined ? '' : n.toFixed(d));
const MB = (n) => (n === undefined ? '' : (n / 1e6).toFixed(1));
const baselineOf = {
  'index-vault backup (full)': 'tar|zstd backup',
  'index-vault restore (full)': 'zstd|tar restore',
  'index-vault backup (incremental, ~5% change)': 'index-vault backup (full)',
};
const table = [
  `| operation | wall s | CPU s | peak RSS MB | output MB | MB/s | ratio |`,
  `|---|---|---|---|---|---|---|`,
  ...operations.map(
    (o) =>
      `| ${o.label.replaceAll('|', '\\|')} | ${fmt(o.wall)} | ${fmt(o.cpu)} | ${fmt(o.rssMB, 0)} | ${MB(o.out)} | ${fmt(o.mbps, 0)} | ${baselineOf[o.key] ? `${fmt(o.wall / op(baselineOf[o.key]).wall)}×` : ''} |`,
  ),
].join('\n');
const vsTable = vsCli
  ? [
      `\nagainst ${vsCli.cli} (pairwise medians: below 1.00 is faster than it):\n`,
      `| operation | wall s | its wall s | wall ratio | CPU ratio | peak RSS MB | its peak RSS MB |`,
      `|---|---|---|---|---|---|---|`,
      ...vsCli.operations.map(
        (o) =>
          `| ${o.label} | ${fmt(o.wall)} | ${fmt(o.vsWall)} | ${fmt(o.wallRatio, 3)} | ${fmt(o.cpuRatio, 3)} | ${fmt(o.rssMB, 0)} | ${fmt(o.vsRssMB, 0)} |`,
      ),
    ].join('\n')
  : '';
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, `${label}${vsCli ? '-vs' : ''}.json`), `${JSON.stringify(result, null, 2)}\n`);
if (!vsCli) fs.writeFileSync(path.join(outDir, `${label}.svg`), chart(result));
fs.writeFileSync(path.join(outDir, `${label}${vsCli ? '-vs' : ''}.md`), `${table}\n${vsTable}\n`);
console.log(
  `data set: ${label}, ${(bytes / 2 ** 30).toFixed(2)} GiB in ${files} files${result.dataSet.lancedb ? ' (with a LanceDB table)' : ''}; median of ${runs} run(s); ${result.machine.cpus} cores, ${result.machine.cpu}, Node ${process.version}\n`,
);
console.log(table);
if (vsTable) console.log(vsTable);
console.log('\ntargets:');
for (const t of targets) console.log(`  ${t.ok ? 'met   ' : 'MISSED'} ${t.name}: ${fmt(t.value, t.name.startsWith('peak') ? 0 : 3)}`);
console.log(`\nwritten: ${path.join(outDir, `${label}${vsCli ? '-vs' : ''}.json`)}, ${vsCli ? '' : '.svg, '}.md`);
fs.rmSync(work, { recursive: true, force: true });
