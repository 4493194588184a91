import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createProgressReporter } from '../src/cli/progress.js';
import { parseSize } from '../src/shared/units.js';
import { lockPathFor } from '../src/fs-safety/lock.js';
import { describeTree, tempDir, writeTree } from './support/fixtures.js';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');

function cli(args: string[], cwd?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd, env: { ...process.env, INDEX_VAULT_STORE: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function sample() {
  const root = await tempDir();
  const src = path.join(root, 'My Index');
  await writeTree(src, { 'a.txt': 'alpha', 'sub/b.txt': 'beta', empty: { dir: true } });
  return { root, src, store: path.join(root, 'vault') };
}

describe('CLI', () => {
  it('backs up, lists, verifies and restores with --json, deriving the series from the directory name', async () => {
    const { root, src, store } = await sample();
    const b = cli(['backup', src, '--store', store, '--json']);
    expect(b.code, b.stderr).toBe(0);
    const out = JSON.parse(b.stdout);
    expect(out).toMatchObject({ ok: true, kind: 'full', series: 'My-Index', files: 2, bytes: 9, verified: true });
    expect(out.storedBytes).toBeGreaterThan(0);
    expect(out.id).toMatch(/^\d{8}T\d{9}Z-[0-9a-f]{8}$/);

    const l = cli(['list', '--store', store, '--json']);
    expect(JSON.parse(l.stdout).snapshots).toEqual([expect.objectContaining({ id: out.id, kind: 'full', files: 2, parent: null })]);
    expect(cli(['list', '--store', store]).stdout).toContain(out.id);

    const v = cli(['verify', '--store', store]);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('1 of 1 snapshot verified');

    const target = path.join(root, 'copy');
    const r = cli(['restore', target, '--store', store, '--name', 'My-Index', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, id: out.id, files: 2 });
    expect(await describeTree(target)).toEqual(await describeTree(src));
  });

  it('refuses to replace a non-empty directory without --force, with a one-line message and exit 10', async () => {
    const { root, src, store } = await sample();
    expect(cli(['backup', src, '--store', store]).code).toBe(0);
    const target = path.join(root, 'busy');
    await writeTree(target, { 'mine.txt': 'keep me' });
    const r = cli(['restore', target, '--store', store, '--name', 'My-Index']);
    expect(r.code).toBe(10);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^index-vault: E_TARGET_NOT_EMPTY: .*--force/);
    expect(await fs.readFile(path.join(target, 'mine.txt'), 'utf8')).toBe('keep me');
    expect(cli(['restore', target, '--store', store, '--name', 'My-Index', '--force']).code).toBe(0);
    await expect(fs.access(path.join(target, 'mine.txt'))).rejects.toThrow();
  });

  it('validates inputs and lists the valid values', async () => {
    const { src, store } = await sample();
    const bad = cli(['backup', src, '--store', store, '--compression', 'lz4']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('valid values: zstd, gzip');
    expect(cli(['backup', src, '--store', store, '--portability', 'maybe']).stderr).toContain('error, warn, off');
    expect(cli(['backup', src, '--store', store, '--level', '99']).stderr).toContain('1 to 19');
    expect(cli(['backup', src]).stderr).toContain('--store');
    expect(cli(['frobnicate']).stderr).toContain('backup, restore, verify, prune, guard, list');
    expect(cli(['backup', src, '--store', store, '--bogus']).code).toBe(2);
    expect(cli(['restore', src, '--store', store, '--snapshot', 'latest']).stderr).toContain('ids look like');
    const nf = cli(['restore', path.join(src, '..', 'nothing'), '--store', store]);
    expect(nf.code).toBe(3);
    expect(nf.stderr).toMatch(/E_NOT_FOUND: store .*vault does not exist/); // nothing was backed up: no store yet
  });

  it('takes incrementals, reports unchanged, and prunes', async () => {
    const { src, store } = await sample();
    const full = JSON.parse(cli(['backup', src, '--store', store, '--json']).stdout);
    expect(JSON.parse(cli(['backup', src, '--store', store, '--json']).stdout)).toMatchObject({
      kind: 'unchanged',
      id: full.id,
      storedBytes: 0,
    });
    expect(cli(['backup', src, '--store', store]).stdout).toContain('no change since snapshot');
    await fs.writeFile(path.join(src, 'c.txt'), 'gamma');
    const inc = JSON.parse(cli(['backup', src, '--store', store, '--json']).stdout);
    expect(inc).toMatchObject({ kind: 'incremental', parent: full.id });
    await fs.writeFile(path.join(src, 'd.txt'), 'delta');
    expect(JSON.parse(cli(['backup', src, '--store', store, '--json', '--mode', 'full']).stdout)).toMatchObject({
      kind: 'full',
      parent: null,
    });
    const l = JSON.parse(cli(['list', '--store', store, '--json']).stdout).snapshots;
    expect(l.map((x: { kind: string }) => x.kind)).toEqual(['full', 'incremental', 'full']);
    expect(l[1]).toMatchObject({ parent: full.id });

    const dry = cli(['prune', '--store', store, '--keep-last', '1', '--dry-run', '--json']);
    expect(JSON.parse(dry.stdout).series[0]).toMatchObject({ deleted: [full.id, inc.id], dryRun: true });
    expect(JSON.parse(cli(['list', '--store', store, '--json']).stdout).snapshots).toHaveLength(3);
    const real = cli(['prune', '--store', store, '--keep-last', '1']);
    expect(real.stdout).toContain('deleted 2 snapshots');
    expect(JSON.parse(cli(['list', '--store', store, '--json']).stdout).snapshots).toHaveLength(1);
    expect(cli(['verify', '--store', store]).code).toBe(0);

    expect(cli(['backup', src, '--store', store, '--mode', 'sometimes']).stderr).toContain('valid values: auto, full, incremental');
    expect(cli(['prune', '--store', store]).stderr).toContain('--keep-last');
    expect(cli(['prune', '--store', store, '--keep-last', '1', '--keep-within', 'soon']).stderr).toContain('7d');
  });

  it('prints help and version', () => {
    const h = cli(['--help']);
    expect(h.code).toBe(0);
    for (const c of ['backup', 'restore', 'verify', 'prune', 'list', 'Exit codes']) expect(h.stdout).toContain(c);
    for (const c of ['backup', 'restore', 'verify', 'prune', 'list']) expect(cli([c, '--help']).stdout).toContain(`index-vault ${c}`);
    expect(cli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('reports a damaged store with exit 4, and a locked directory with exit 5', async () => {
    const { src, store } = await sample();
    const b = JSON.parse(cli(['backup', src, '--store', store, '--json']).stdout);
    const pack = path.join(store, 'My-Index', 'packs', `${b.id}-000.tar.zst`);
    const bytes = await fs.readFile(pack);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 1;
    await fs.writeFile(pack, bytes);
    const v = cli(['verify', '--store', store, '--json']);
    expect(v.code).toBe(4);
    expect(JSON.parse(v.stdout)).toMatchObject({ ok: false, snapshots: [{ ok: false, error: { code: 'E_INTEGRITY' } }] });

    await fs.writeFile(
      lockPathFor(src),
      JSON.stringify({
        pid: process.pid,
        host: (await import('node:os')).hostname(),
        operation: 'restore',
        startedAt: new Date().toISOString(),
        token: 't',
        tool: 'index-vault',
      }),
    );
    const l = cli(['backup', src, '--store', store]);
    expect(l.code).toBe(5);
    expect(l.stderr).toContain(`pid ${process.pid}`);
  });

  it('draws a bar on a terminal and plain lines elsewhere', () => {
    const tty: string[] = [];
    const t = createProgressReporter({ write: (s) => tty.push(s), isTTY: true, columns: 100 });
    t.report({ phase: 'backup', bytesDone: 0, bytesTotal: 100, filesDone: 0, filesTotal: 2 });
    t.done();
    expect(tty.join('')).toMatch(/\r\[\.+\] backup:\s+0% 0 B\/100 B/);
    const log: string[] = [];
    const p = createProgressReporter({ write: (s) => log.push(s), isTTY: false }, 0);
    p.report({ phase: 'restore', bytesDone: 0, bytesTotal: 2048, filesDone: 0, filesTotal: 1 });
    p.report({ phase: 'restore', bytesDone: 1024, bytesTotal: 2048, filesDone: 0, filesTotal: 1 });
    expect(log.join('')).toMatch(/^restore:\s+50% 1\.0 KiB\/2\.0 KiB 0\/1 files .*ETA .*\n$/);
    expect(log.join('')).not.toContain('\r');
  });

  it('parses sizes', () => {
    expect(parseSize('512M')).toBe(512 * 1024 ** 2);
    expect(parseSize('1.5GiB')).toBe(1.5 * 1024 ** 3);
    expect(parseSize('4096')).toBe(4096);
    expect(parseSize('lots')).toBeUndefined();
  });
});

describe('dist/', () => {
  it('is the current build of src/', async () => {
    // Built beside dist/, so relative imports that leave dist/ (package.json) resolve the same way.
    const out = await fs.mkdtemp(path.join(ROOT, '.dist-check-'));
    onTestFinished(() => fs.rm(out, { recursive: true, force: true }));
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), out], { cwd: ROOT });
    const list = async (dir: string): Promise<string[]> =>
      (await fs.readdir(dir, { recursive: true, withFileTypes: true }))
        .filter((d) => d.isFile())
        .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
        .sort();
    const built = await list(out);
    expect(await list(path.join(ROOT, 'dist'))).toEqual(built);
    for (const f of built) {
      // The action bundle names its modules by path: ./.dist-check-…/x.js here, ./dist/x.js in dist/.
      const fresh = (await fs.readFile(path.join(out, f), 'utf8')).replaceAll(`./${path.basename(out)}/`, './dist/');
      expect(await fs.readFile(path.join(ROOT, 'dist', f), 'utf8'), `dist/${f} is stale: run npm run build`).toBe(fresh);
    }
  });
});

describe('the quick start', () => {
  it('npm run demo backs up, changes, restores and checks a sample index', () => {
    const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'demo.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out).toMatch(/demo ok: both snapshots restored byte for byte/);
    // Its work directory is removed at the end: the output must not point at it.
    expect(out).not.toMatch(/index-vault-demo-/);
  });

  it('npm run demo with KEEP_DEMO names the work directory it keeps, and it exists', async () => {
    const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'demo.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, KEEP_DEMO: '1' },
    });
    const kept = /work directory kept: (.+)$/m.exec(out)?.[1];
    expect(kept).toBeDefined();
    onTestFinished(() => fs.rm(kept!, { recursive: true, force: true }));
    expect((await fs.stat(path.join(kept!, 'vault'))).isDirectory()).toBe(true);
  });
});
