// Runs a command and reports wall time, CPU time and peak RSS of it and all its descendants
// (getrusage(RUSAGE_CHILDREN) in a tiny python3 parent; Node has no way to read a child's rusage).
import { spawnSync } from 'node:child_process';

const PY = `
import json, resource, subprocess, sys, time
t = time.perf_counter()
code = subprocess.call(sys.argv[1:])
wall = time.perf_counter() - t
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": code, "wall": wall, "cpu": r.ru_utime + r.ru_stime, "sys": r.ru_stime, "rssKiB": r.ru_maxrss}))
`;

export function measure(argv, opts = {}) {
  const r = spawnSync('python3', ['-c', PY, ...argv], {
    encoding: 'utf8',
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  const lines = r.stdout.trim().split('\n');
  const stats = JSON.parse(lines.pop());
  if (stats.code !== 0) throw new Error(`${argv.join(' ')} exited with ${stats.code}\n${r.stderr}\n${lines.join('\n')}`);
  return { wall: stats.wall, cpu: stats.cpu, sys: stats.sys, rssMB: stats.rssKiB / 1024, stdout: lines.join('\n') };
}

export function sh(script, opts) {
  return measure(['bash', '-c', `set -euo pipefail; ${script}`], opts);
}

/**
 * The programs a timed step runs (node and the CLI's files, tar, zstd), read once after the page
 * cache is dropped, as their own inputs are: a step then starts as it does wherever these ran
 * before it (a runner's node is in memory once any JavaScript action ran). Otherwise each
 * index-vault step reads ~0.1 s of node's 120 MB binary from disk, and tar and zstd almost nothing.
 */
export function warmPrograms(cliFiles) {
  const which = (name) => spawnSync('bash', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  const files = [process.execPath, ...cliFiles, which('tar'), which('zstd'), which('python3'), which('bash')].filter(Boolean);
  spawnSync('bash', [
    '-c',
    'for f in "$@"; do if [ -d "$f" ]; then find "$f" -type f -exec cat {} + ; else cat "$(readlink -f "$f")"; fi; done > /dev/null',
    '_',
    ...files,
  ]);
}
