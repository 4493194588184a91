// Builds dist/ (the published library and CLI) from src/ with the TypeScript compiler.
// dist/ is committed so the CLI and the action run from a checkout without a build step.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, 'dist');
fs.rmSync(out, { recursive: true, force: true });
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', out], { stdio: 'inherit', cwd: root });
// The JSON import of package.json resolves to ../../package.json from dist/core, as from src/core.
fs.chmodSync(path.join(out, 'cli', 'main.js'), 0o755);
// The action runs from a checkout with no node_modules: bundle its entry with everything it imports.
// @lancedb/lancedb stays out (≈190 MB native); the action loads it only if the workspace has it.
// ncc names chunks and modules by path, so it always bundles from one place (at dist/'s depth,
// for the relative import of package.json): the bundle is the same whichever --outDir was asked.
const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
const stage = path.join(root, '.bundle-in');
fs.rmSync(stage, { recursive: true, force: true });
fs.cpSync(out, stage, { recursive: true });
try {
  execFileSync(
    process.execPath,
    [
      ncc,
      'build',
      path.join(stage, 'action', 'main.js'),
      '-o',
      path.join(out, 'action-bundle'),
      '-e',
      '@lancedb/lancedb',
      '--no-source-map-register',
      '--license',
      'licenses.txt',
      '-q',
    ],
    { stdio: 'inherit', cwd: root },
  );
  // Each worker is a module of its own: bundled apart and placed beside index.js, where the
  // bundled pools look for it (startWorker in src/workers/worker-url.ts).
  const tmp = path.join(root, '.bundle-worker');
  for (const worker of ['lane-worker', 'hash-worker']) {
    fs.rmSync(tmp, { recursive: true, force: true });
    execFileSync(
      process.execPath,
      [ncc, 'build', path.join(stage, 'workers', `${worker}.js`), '-o', tmp, '--no-source-map-register', '-q'],
      { stdio: 'inherit', cwd: root },
    );
    const files = fs.readdirSync(tmp).filter((f) => f.endsWith('.js'));
    if (files.length !== 1) throw new Error(`the ${worker} bundle is not one file: ${files.join(', ')}`);
    fs.renameSync(path.join(tmp, files[0]), path.join(out, 'action-bundle', `${worker}.js`));
  }
} finally {
  fs.rmSync(stage, { recursive: true, force: true });
  fs.rmSync(path.join(root, '.bundle-worker'), { recursive: true, force: true });
}
