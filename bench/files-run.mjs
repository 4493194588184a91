// `npm run bench -- --files 10k|100k|1m|<count> [--runs N] [--out DIR] [--lance-versions N]`
// Scale in files: many small text files, timed beside tar | zstd -3 -T0, zstd -dc | tar -x and
// GNU tar --listed-incremental level 1, for every index-vault command a pipeline runs.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { filesChart } from './files-chart.mjs';
import { changeFiles, parseCount, writeFilesDataSet } from './files-dataset.mjs';
import { lanceVersionsTable, openLanceTable } from './lance-versions.mjs';
import { measure, sh, warmPrograms } from './measure.mjs';
import { treeDigest } from './tree-digest.mjs';

/** The least work a backup, a verify or a restore can do in Node.js (floor-backup.mjs, floor-read.mjs): timed beside them. */
const FLOOR_BACKUP = fileURLToPath(new URL('./floor-backup.mjs', import.meta.url));
const FLOOR_READ = fileURLToPath(new URL('./floor-read.mjs', import.meta.url));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (n, d = 2) => (n === undefined || !Number.isFinite(n) ? '' : n.toFixed(d));
const MB = (n) => (n === undefined ? '' : (n / 1e6).toFixed(1));
const du = (dir) => Number(execFileSync('du', ['-sb', dir]).toString().split('\t')[0]);
const countFiles = (dir) =>
  Number(
    execFileSync('bash', ['-c', `find "${dir}" -type f | wc -l`])
      .toString()
      .trim(),
  );
const machine = () => ({
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model,
  memGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
});

/** One bench context: a work dir, timed steps that start alike, samples per operation. */
function bench({ root, cli, work, canDrop }) {
  // Every timed step starts alike: nothing dirty, the page cache dropped where the kernel lets us
  // (large sets only: a smoke run shares the machine with tests), then its own input read once.
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
    if (canDrop) warmPrograms([cli]);
    for (const input of inputs) execFileSync('bash', ['-c', `find "${input}" -type f -print0 | xargs -0 -r cat > /dev/null`]);
  };
  // The hash cache lives in the work dir: every run starts without one, and none is left behind.
  const env = { ...process.env, INDEX_VAULT_CACHE_DIR: path.join(work, 'hash-cache') };
  const samples = {};
  return {
    samples,
    iv: (inputs, ...args) => (settle(inputs), measure([process.execPath, cli, ...args, '--json', '--quiet'], { env, cwd: root })),
    node: (inputs, ...args) => (settle(inputs), measure([process.execPath, ...args], { cwd: root })),
    sh: (inputs, script) => (settle(inputs), sh(script)),
    add: (op, m, extra = {}) => (samples[op] ??= []).push({ ...m, ...extra }),
  };
}

function summarize(samples, order, count) {
  return order
    .filter(([key]) => samples[key])
    .map(([key, label, tool]) => {
      const s = samples[key];
      const wall = median(s.map((x) => x.wall));
      const { wall: _w, cpu: _c, sys: _s, rssMB: _r, stdout: _o, ...extra } = s[0]; // what the first run reported (out, hashedFiles, …)
      return {
        key,
        label,
        tool,
        wall,
        cpu: median(s.map((x) => x.cpu)),
        rssMB: Math.max(...s.map((x) => x.rssMB)),
        ...extra,
        filesPerSec: count / wall,
        samples: s.map((x) => x.wall),
      };
    });
}

function table(operations, baselineOf) {
  const op = (k) => operations.find((o) => o.key === k);
  return [
    `| operation | wall s | CPU s | peak RSS MB | output MB | files/s | ratio |`,
    `|---|---|---|---|---|---|---|`,
    ...operations.map((o) => {
      const b = baselineOf[o.key] && op(baselineOf[o.key]);
      return `| ${o.label.replaceAll('|', '\\|')} | ${fmt(o.wall)} | ${fmt(o.cpu)} | ${fmt(o.rssMB, 0)} | ${MB(o.out)} | ${fmt(o.filesPerSec, 0)} | ${b ? `${fmt(o.wall / b.wall)}× ${b.tool === 'index-vault' ? 'full' : b.label.replaceAll('|', '\\|')}` : ''} |`;
    }),
  ].join('\n');
}

const FILE_ORDER = [
  ['tar|zstd backup', 'tar | zstd -3 -T0', 'baseline'],
  ['backup floor', 'backup floor (read, sha256, zstd -3, write; no check)', 'floor'],
  ['iv backup (full)', 'index-vault backup (full)', 'index-vault'],
  ['tar L1 unchanged', 'tar -g level 1, nothing changed', 'baseline'],
  ['iv backup (unchanged)', 'index-vault incremental, nothing changed', 'index-vault'],
  ['iv backup (unchanged, no cache)', 'index-vault incremental, nothing changed, no hash cache', 'index-vault'],
  ['tar L1 1%', 'tar -g level 1, 1% changed', 'baseline'],
  ['iv backup (1% changed)', 'index-vault incremental, 1% changed', 'index-vault'],
  ['zstd|tar restore', 'zstd -dc | tar -x', 'baseline'],
  ['restore floor', 'restore floor (decode, sha256, write; no check)', 'floor'],
  ['iv restore (full)', 'index-vault restore (full)', 'index-vault'],
  ['iv restore (incremental)', 'index-vault restore (incremental)', 'index-vault'],
  ['verify floor', 'verify floor (decode, sha256; no check)', 'floor'],
  ['iv verify', 'index-vault verify', 'index-vault'],
  ['iv list', 'index-vault list', 'index-vault'],
  ['iv prune', 'index-vault prune --keep-last 1', 'index-vault'],
];
const FILE_BASELINES = {
  'backup floor': 'tar|zstd backup',
  'iv backup (full)': 'tar|zstd backup',
  'iv backup (unchanged)': 'tar L1 unchanged',
  'iv backup (1% changed)': 'tar L1 1%',
  'restore floor': 'zstd|tar restore',
  'iv restore (full)': 'zstd|tar restore',
  'iv restore (incremental)': 'zstd|tar restore',
  'iv verify': 'verify floor',
};

/**
 * Refuses, before anything is written, a run whose filesystems lack the inodes it needs: at its
 * peak the work directory holds the tree's copy and one of tar's extraction or a restore (a
 * folder per 250 files besides), and the data set, if it is still to be made, as many again.
 * tmpfs allows one inode per two pages of its size by default: ~3.1 million on 24 GiB, fewer
 * than a million-file run beside other sets on it.
 */
function checkInodes(work, dataRoot, count, generated) {
  const need = new Map();
  const add = (dir, n) => {
    const dev = fs.statSync(dir).dev;
    need.set(dev, { dir, n: (need.get(dev)?.n ?? 0) + n });
  };
  add(work, Math.ceil(2.01 * count));
  if (!generated) add(dataRoot, Math.ceil(1.01 * count));
  for (const { dir, n } of need.values()) {
    const { files, ffree } = fs.statfsSync(dir);
    // A filesystem that makes inodes as it needs them reports none (files 0).
    if (files > 0 && ffree < n)
      throw new Error(
        `${dir} has ${ffree} free inodes; a run of ${count} files needs about ${n} there: free some, give --data (and TMPDIR) another filesystem, or on tmpfs remount it with more (mount -o remount,nr_inodes=${Math.ceil((files - ffree + n) * 1.2)} <its mount point>)`,
      );
  }
}

/** The small-file set of `count` files: generated once under dataRoot and reused. */
function filesSet(dataRoot, count) {
  const base = path.join(dataRoot, `files-v1-${count}`);
  if (!fs.existsSync(path.join(base, '.complete'))) {
    console.error(`generating ${count} small files in ${base} …`);
    const t = performance.now();
    writeFilesDataSet(path.join(base, 'tree'), count);
    console.error(`  generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    fs.writeFileSync(path.join(base, '.complete'), '');
  }
  return path.join(base, 'tree');
}

async function runFilesSet(ctx, count, label) {
  const { work, runs } = ctx;
  checkInodes(work, ctx.dataRoot, count, fs.existsSync(path.join(ctx.dataRoot, `files-v1-${count}`, '.complete')));
  const src = filesSet(ctx.dataRoot, count);
  const files = countFiles(src);
  const bytes = du(src);
  const b = bench({ ...ctx, canDrop: bytes >= 256 * 1024 * 1024 });
  const { iv, add } = b;
  const cmd = (args) => ['--store', path.join(work, 'store'), '--name', 'bench', ...args];
  const loadBefore = os.loadavg();
  for (let r = 0; r < runs; r++) {
    console.error(`${label}: run ${r + 1} of ${runs}`);
    const tree = path.join(work, 'tree');
    const store = path.join(work, 'store');
    const restored = path.join(work, 'restored');
    for (const p of [tree, store, restored, path.join(work, 'hash-cache')]) fs.rmSync(p, { recursive: true, force: true });
    execFileSync('cp', ['-a', '--reflink=auto', src, tree]);
    const before = treeDigest(tree);

    const tarOut = path.join(work, 'base.tar.zst');
    add('tar|zstd backup', b.sh([tree], `tar -C "${tree}" -cf - . | zstd -3 -T0 -q -f -o "${tarOut}"`), { out: fs.statSync(tarOut).size });
    const tarX = path.join(work, 'tar-x');
    fs.rmSync(tarX, { recursive: true, force: true });
    add('zstd|tar restore', b.sh([tarOut], `mkdir -p "${tarX}" && zstd -dc -q "${tarOut}" | tar -C "${tarX}" -xf -`));
    fs.rmSync(tarX, { recursive: true, force: true });
    fs.rmSync(tarOut, { force: true });

    const floorPacks = path.join(work, 'floor-packs');
    const floorBackup = b.node([tree], FLOOR_BACKUP, tree, floorPacks);
    if (JSON.parse(floorBackup.stdout).files !== files)
      throw new Error(`the backup floor packed ${floorBackup.stdout}, not ${files} files`);
    add('backup floor', floorBackup, { out: du(floorPacks) });
    fs.rmSync(floorPacks, { recursive: true, force: true });

    const full = iv([tree], 'backup', tree, ...cmd(['--mode', 'full']));
    const fullJson = JSON.parse(full.stdout);
    add('iv backup (full)', full, { out: fullJson.storedBytes });
    // The floors read the local store's own files: the series' packs and its manifest.
    const series = path.join(store, 'bench');
    const floor = (...args) => {
      const m = b.node([store], FLOOR_READ, series, fullJson.id, ...args);
      const got = JSON.parse(m.stdout).files;
      // Every file of the tree, and the few the snapshot keeps beside it.
      if (got < files) throw new Error(`the floor found ${got} files in the packs, not ${files}`);
      return m;
    };
    add('verify floor', floor());
    add('iv verify', iv([store], 'verify', ...cmd(['--snapshot', fullJson.id])));
    add('restore floor', floor('--write', restored));
    fs.rmSync(restored, { recursive: true, force: true });
    add('iv restore (full)', iv([store], 'restore', restored, ...cmd(['--snapshot', fullJson.id, '--no-reuse'])));
    if (treeDigest(restored).digest !== before.digest) throw new Error('index-vault restore did not reproduce the tree');
    fs.rmSync(restored, { recursive: true, force: true });

    // GNU tar's level 0 (untimed), then level 1 from a copy of its snapshot file, before and after the change.
    const snar0 = path.join(work, 'l0.snar');
    const snar = path.join(work, 'l1.snar');
    const l1 = path.join(work, 'l1.tar.zst');
    fs.rmSync(snar0, { force: true });
    execFileSync('bash', [
      '-c',
      `set -o pipefail; tar --listed-incremental="${snar0}" -C "${tree}" -cf - . | zstd -3 -T0 -q -f -o "${path.join(work, 'l0.tar.zst')}"`,
    ]);
    fs.rmSync(path.join(work, 'l0.tar.zst'));
    fs.copyFileSync(snar0, snar);
    add('tar L1 unchanged', b.sh([tree, snar], `tar --listed-incremental="${snar}" -C "${tree}" -cf - . | zstd -3 -T0 -q -f -o "${l1}"`), {
      out: fs.statSync(l1).size,
    });

    const same = iv([tree], 'backup', tree, ...cmd([]));
    const sameJson = JSON.parse(same.stdout);
    if (sameJson.kind !== 'unchanged') throw new Error(`expected an unchanged result, got ${sameJson.kind}`);
    add('iv backup (unchanged)', same, {
      out: sameJson.storedBytes,
      hashedFiles: sameJson.hashedFiles,
      cachedHashes: sameJson.cachedHashes,
    });
    // Another machine (a new CI runner) has no hash cache: every file is read and hashed, and the parent's manifest read.
    const cold = iv([tree], 'backup', tree, ...cmd(['--no-hash-cache']));
    const coldJson = JSON.parse(cold.stdout);
    if (coldJson.kind !== 'unchanged' || coldJson.hashedFiles !== files)
      throw new Error(`expected an unchanged result with every file hashed, got ${coldJson.kind} with ${coldJson.hashedFiles} hashed`);
    add('iv backup (unchanged, no cache)', cold, { out: coldJson.storedBytes, hashedFiles: coldJson.hashedFiles });

    const changed = changeFiles(tree, count);
    const after = treeDigest(tree);
    fs.copyFileSync(snar0, snar);
    add('tar L1 1%', b.sh([tree, snar], `tar --listed-incremental="${snar}" -C "${tree}" -cf - . | zstd -3 -T0 -q -f -o "${l1}"`), {
      out: fs.statSync(l1).size,
    });
    const inc = iv([tree], 'backup', tree, ...cmd([]));
    const incJson = JSON.parse(inc.stdout);
    if (incJson.kind !== 'incremental') throw new Error(`expected an incremental, got ${incJson.kind}`);
    add('iv backup (1% changed)', inc, {
      out: incJson.storedBytes,
      changed,
      hashedFiles: incJson.hashedFiles,
      cachedHashes: incJson.cachedHashes,
    });

    add('iv restore (incremental)', iv([store], 'restore', restored, ...cmd(['--no-reuse'])));
    if (treeDigest(restored).digest !== after.digest) throw new Error('index-vault restore of the incremental did not reproduce the tree');
    fs.rmSync(restored, { recursive: true, force: true });

    const list = iv([store], 'list', ...cmd([]));
    if (JSON.parse(list.stdout).snapshots.length !== 2) throw new Error('expected two snapshots in the list');
    add('iv list', list);
    const prune = iv([store], 'prune', ...cmd(['--keep-last', '1']));
    const pruned = JSON.parse(prune.stdout).series[0];
    if (pruned.kept.length !== 1 || pruned.deleted.length !== 1)
      throw new Error(`prune kept ${pruned.kept.length} and deleted ${pruned.deleted.length}`);
    add('iv prune', prune);
    for (const p of [tree, store, snar0, snar, l1]) fs.rmSync(p, { recursive: true, force: true });
  }
  const operations = summarize(b.samples, FILE_ORDER, files);
  const op = (k) => operations.find((o) => o.key === k);
  return {
    dataSet: { label, kind: 'files', count, files, folders: Math.ceil(count / 250), bytes },
    runs,
    machine: machine(),
    loadAverage: { before: loadBefore, after: os.loadavg() },
    operations,
    ratios: {
      backupWall: op('iv backup (full)').wall / op('tar|zstd backup').wall,
      backupFloorWall: op('backup floor').wall / op('tar|zstd backup').wall,
      storedSize: op('iv backup (full)').out / op('tar|zstd backup').out,
      restoreWall: op('iv restore (full)').wall / op('zstd|tar restore').wall,
      restoreFloorWall: op('restore floor').wall / op('zstd|tar restore').wall,
      verifyOverFloor: op('iv verify').wall / op('verify floor').wall,
      unchangedWall: op('iv backup (unchanged)').wall / op('iv backup (full)').wall,
      changedWall: op('iv backup (1% changed)').wall / op('iv backup (full)').wall,
      peakRssMB: Math.max(...operations.filter((o) => o.tool === 'index-vault').map((o) => o.rssMB)),
    },
    date: new Date().toISOString(),
  };
}

const LANCE_ORDER = [
  ['tar|zstd backup', 'tar | zstd -3 -T0', 'baseline'],
  ['iv backup (full)', 'index-vault backup (full)', 'index-vault'],
  ['iv backup (unchanged)', 'index-vault incremental, nothing changed', 'index-vault'],
  ['zstd|tar restore', 'zstd -dc | tar -x', 'baseline'],
  ['iv restore (full)', 'index-vault restore (full)', 'index-vault'],
];

async function runLanceSet(ctx, versions) {
  const { work, runs } = ctx;
  const base = path.join(ctx.dataRoot, `lance-v1-${versions}`);
  if (!fs.existsSync(path.join(base, '.complete'))) {
    console.error(`building a LanceDB table with ${versions} versions in ${base} …`);
    const t = performance.now();
    await lanceVersionsTable(path.join(base, 'tree'), versions);
    const s = (performance.now() - t) / 1000;
    console.error(`  built in ${s.toFixed(1)} s`);
    fs.writeFileSync(path.join(base, '.complete'), JSON.stringify({ buildSeconds: s }));
  }
  const src = path.join(base, 'tree');
  const buildSeconds = JSON.parse(fs.readFileSync(path.join(base, '.complete'), 'utf8') || '{}').buildSeconds;
  const files = countFiles(src);
  const bytes = du(src);
  const b = bench({ ...ctx, canDrop: false });
  const { iv, add } = b;
  const store = path.join(work, 'store');
  const cmd = (args) => ['--store', store, '--name', 'lance', ...args];
  const loadBefore = os.loadavg();
  let excluded;
  for (let r = 0; r < runs; r++) {
    console.error(`lance ${versions} versions: run ${r + 1} of ${runs}`);
    const tree = path.join(work, 'tree');
    const restored = path.join(work, 'restored');
    for (const p of [tree, store, restored, path.join(work, 'hash-cache')]) fs.rmSync(p, { recursive: true, force: true });
    execFileSync('cp', ['-a', '--reflink=auto', src, tree]);
    const tarOut = path.join(work, 'lance.tar.zst');
    add('tar|zstd backup', b.sh([tree], `tar -C "${tree}" -cf - . | zstd -3 -T0 -q -f -o "${tarOut}"`), { out: fs.statSync(tarOut).size });
    const tarX = path.join(work, 'tar-x');
    fs.rmSync(tarX, { recursive: true, force: true });
    add('zstd|tar restore', b.sh([tarOut], `mkdir -p "${tarX}" && zstd -dc -q "${tarOut}" | tar -C "${tarX}" -xf -`));
    for (const p of [tarX, tarOut]) fs.rmSync(p, { recursive: true, force: true });
    // The default --lance-versions tagged: the newest version's files, the other versions' left out.
    const full = iv([tree], 'backup', tree, ...cmd(['--mode', 'full']));
    const fullJson = JSON.parse(full.stdout);
    excluded = fullJson.excluded;
    add('iv backup (full)', full, { out: fullJson.storedBytes, storedFiles: fullJson.files, excluded: fullJson.excluded });
    const same = iv([tree], 'backup', tree, ...cmd([]));
    if (JSON.parse(same.stdout).kind !== 'unchanged') throw new Error(`expected an unchanged result, got ${JSON.parse(same.stdout).kind}`);
    add('iv backup (unchanged)', same);
    add('iv restore (full)', iv([store], 'restore', restored, ...cmd(['--no-reuse'])));
    const [want, got] = [await openLanceTable(tree), await openLanceTable(restored)];
    if (got.version !== want.version || got.rows !== want.rows)
      throw new Error(`restored table: version ${got.version}, ${got.rows} rows; source: version ${want.version}, ${want.rows} rows`);
    for (const p of [tree, store, restored]) fs.rmSync(p, { recursive: true, force: true });
  }
  return {
    dataSet: { label: `lance-${versions}`, kind: 'lance-versions', versions, files, bytes, buildSeconds, excludedByIndexVault: excluded },
    runs,
    machine: machine(),
    loadAverage: { before: loadBefore, after: os.loadavg() },
    operations: summarize(b.samples, LANCE_ORDER, files),
    date: new Date().toISOString(),
  };
}

function write(outDir, name, result, baselineOf, headline, note) {
  const md = `${headline}${note ? ` ${note}.` : ''}\n\n${table(result.operations, baselineOf)}\n`;
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, `${name}.json`), `${JSON.stringify({ ...result, note }, null, 2)}\n`);
  fs.writeFileSync(path.join(outDir, `${name}.md`), md);
  console.log(md);
  console.log(`written: ${path.join(outDir, `${name}.json`)}, .md`);
}

export async function runFiles({ root, cli, values }) {
  const runs = Math.max(1, Number(values.runs ?? 3));
  const outDir = path.resolve(values.out ?? path.join(root, 'bench', 'results'));
  const dataRoot = path.resolve(values.data ?? path.join(root, 'bench', '.data'));
  fs.mkdirSync(dataRoot, { recursive: true });
  const work = fs.mkdtempSync(path.join(values.data ? os.tmpdir() : dataRoot, 'files-run-'));
  const ctx = { root, cli, work, dataRoot, runs };
  const note = values.note;
  const load = () =>
    os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(', ');
  try {
    if (values.files !== undefined) {
      const count = parseCount(values.files);
      const label = `files-${values.files}`;
      const result = await runFilesSet(ctx, count, label);
      const m = result.machine;
      const headline = `${result.dataSet.files} files in ${result.dataSet.folders} folders, ${(result.dataSet.bytes / 2 ** 20).toFixed(0)} MiB; median of ${runs} run(s); ${m.cpus} cores, ${m.cpu}, Node ${m.node}; load average ${result.loadAverage.before.map((x) => x.toFixed(1)).join(', ')} before, ${load()} after.`;
      write(outDir, label, result, FILE_BASELINES, headline, note);
      fs.writeFileSync(path.join(outDir, 'files.svg'), filesChart(outDir));
      console.log(`chart: ${path.join(outDir, 'files.svg')}`);
    }
    if (values['lance-versions'] !== undefined) {
      const versions = Number(values['lance-versions']);
      if (!Number.isSafeInteger(versions) || versions < 1) throw new Error('--lance-versions: a number of versions, such as 10000');
      const result = await runLanceSet(ctx, versions);
      const d = result.dataSet;
      const headline = `A LanceDB table of ${versions} versions (one small append each, built in ${fmt(d.buildSeconds, 0)} s): ${d.files} files, ${(d.bytes / 2 ** 20).toFixed(1)} MiB; index-vault keeps the newest version (${d.excludedByIndexVault} files of older versions left out), tar everything; median of ${runs} run(s); load average ${result.loadAverage.before.map((x) => x.toFixed(1)).join(', ')} before, ${load()} after.`;
      write(outDir, d.label, result, { 'iv backup (full)': 'tar|zstd backup', 'iv restore (full)': 'zstd|tar restore' }, headline, note);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
