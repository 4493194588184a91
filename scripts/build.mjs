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
  for (const worker of ['lane-worker', 'hash-worker', 'stat-worker', 'manifest-check-worker']) {
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
  await bundleCli(stage, out);
} finally {
  fs.rmSync(stage, { recursive: true, force: true });
  fs.rmSync(path.join(root, '.bundle-worker'), { recursive: true, force: true });
}

/**
 * The CLI as a few files instead of ~70 modules: a command's start is mostly loading modules
 * (and each restore lane's), which a bundle cuts by a third for a short command. dist/cli/main.js
 * becomes the bundle's entry (the cloud SDKs, tar and LanceDB stay imports, loaded when used),
 * its chunks sit in dist/cli/bundle/, and each worker is one self-contained file, both there and
 * in dist/workers/ for the library. Bundled from the stage, so the output is the same for any --outDir.
 */
async function bundleCli(stage, out) {
  const { build } = await import('rolldown');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const kept = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies });
  const external = (id) => id.startsWith('node:') || kept.some((d) => id === d || id.startsWith(`${d}/`));
  const rel = (p) => `./${path.relative(root, p)}`;
  const cli = path.join(out, 'cli');
  for (const f of fs.readdirSync(cli)) fs.rmSync(path.join(cli, f));
  await build({
    input: { main: rel(path.join(stage, 'cli', 'main.js')) },
    cwd: root,
    platform: 'node',
    external,
    logLevel: 'warn',
    output: { dir: cli, format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'bundle/[name]-[hash].js' },
  });
  for (const worker of ['lane-worker', 'hash-worker', 'stat-worker', 'manifest-check-worker']) {
    const bundle = path.join(cli, 'bundle');
    await build({
      input: { [worker]: rel(path.join(stage, 'workers', `${worker}.js`)) },
      cwd: root,
      platform: 'node',
      external,
      logLevel: 'warn',
      output: { dir: bundle, format: 'esm', entryFileNames: '[name].js' },
    });
    fs.copyFileSync(path.join(bundle, `${worker}.js`), path.join(out, 'workers', `${worker}.js`));
  }
  fs.chmodSync(path.join(cli, 'main.js'), 0o755);
}
