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
 * Runs once each program a timed step runs (node with each CLI, tar, zstd), after the page cache
 * is dropped and before the step, as its input is read once: the step then starts as it does
 * wherever these ran before it (a runner's node once any JavaScript action ran). Cold, node's
 * binary alone added ~0.1 s to every index-vault step, tar and zstd next to nothing. Run, not
 * read: a binary read whole leaves every page of it cached, and each process then maps ~20 MB
 * more of it (clean file pages, counted in its peak RSS) than after a run of it.
 */
export function warmPrograms(clis) {
  for (const argv of [...clis.map((cli) => [process.execPath, cli, '--version']), ['tar', '--version'], ['zstd', '--version']])
    spawnSync(argv[0], argv.slice(1), { stdio: 'ignore' });
}
