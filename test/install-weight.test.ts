import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTIONAL_SDKS } from '../src/storage/optional-sdk.js';
import { describeTree, tempDir, writeTree } from './support/fixtures.js';

const ROOT = path.resolve(__dirname, '..');
const CLOUD = ['@actions/', '@aws-sdk/', '@azure/', '@octokit/', '@protobuf-ts/', 'typescript'];

function run(file: string, args: string[], cwd: string) {
  const r = spawnSync(file, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, INDEX_VAULT_STORE: '', npm_config_audit: 'false', npm_config_fund: 'false' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every installed package: node_modules/<name> and node_modules/@scope/<name>, nested ones too. */
async function installedPackages(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (modules: string) => {
    for (const name of await fs.readdir(modules).catch(() => [] as string[])) {
      if (name.startsWith('.')) continue;
      const names = name.startsWith('@') ? (await fs.readdir(path.join(modules, name))).map((n) => `${name}/${n}`) : [name];
      for (const n of names) {
        out.push(n);
        await walk(path.join(modules, n, 'node_modules'));
      }
    }
  };
  await walk(dir);
  return out;
}

async function bytesOf(dir: string): Promise<number> {
  let n = 0;
  for (const e of await fs.readdir(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) n += (await fs.stat(path.join(e.parentPath, e.name))).size;
  return n;
}

describe('the npm package', () => {
  it('importing the main entry loads no cloud SDK, even where they are installed', () => {
    const script = `
      import { registerHooks } from 'node:module';
      const seen = [];
      registerHooks({ resolve(s, c, next) { seen.push(s); return next(s, c); } });
      await import(${JSON.stringify(path.join(ROOT, 'dist', 'index.js'))});
      console.log(JSON.stringify(seen));`;
    const r = run(process.execPath, ['--input-type=module', '-e', script], ROOT);
    expect(r.code, r.stderr).toBe(0);
    const loaded = JSON.parse(r.stdout) as string[];
    expect(loaded.length).toBeGreaterThan(10);
    expect(loaded.filter((s) => CLOUD.some((c) => s.startsWith(c)))).toEqual([]);
  });

  it('the hints name the peer versions package.json declares', async () => {
    const pkg = JSON.parse(await fs.readFile(path.join(ROOT, 'package.json'), 'utf8'));
    for (const { packages } of Object.values(OPTIONAL_SDKS)) {
      for (const spec of packages) {
        const at = spec.lastIndexOf('@');
        expect(pkg.peerDependencies[spec.slice(0, at)], spec).toBe(spec.slice(at + 1));
        expect(pkg.peerDependenciesMeta[spec.slice(0, at)], spec).toEqual({ optional: true });
        expect(pkg.devDependencies[spec.slice(0, at)], spec).toBeDefined();
        expect(pkg.dependencies[spec.slice(0, at)], spec).toBeUndefined();
      }
    }
  });

  it('packs, installs light into a fresh prefix, backs up and restores there, and names the install command for S3', async () => {
    const root = await tempDir();
    const packed = run('npm', ['pack', '--pack-destination', root, '--silent'], ROOT);
    expect(packed.code, packed.stderr).toBe(0);
    const tgz = path.join(root, packed.stdout.trim().split('\n').pop()!);
    const prefix = path.join(root, 'prefix');
    const installed = run('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', tgz], root);
    expect(installed.code, installed.stderr).toBe(0);

    const modules = path.join(prefix, 'node_modules');
    const packages = await installedPackages(modules);
    expect(packages).toContain('index-vault');
    expect(packages.length, packages.join(', ')).toBeLessThanOrEqual(40);
    expect(packages.filter((p) => CLOUD.some((c) => p.startsWith(c)))).toEqual([]);
    expect(await bytesOf(modules)).toBeLessThanOrEqual(30 * 1024 * 1024);

    const cli = path.join(modules, 'index-vault', 'dist', 'cli', 'main.js');
    await writeTree(path.join(root, 'data'), { 'a.txt': 'alpha', 'sub/b.txt': 'beta' });
    const b = run(process.execPath, [cli, 'backup', 'data', '--store', 'vault', '--quiet'], root);
    expect(b.code, b.stderr).toBe(0);
    const r = run(process.execPath, [cli, 'restore', 'copy', '--store', 'vault', '--quiet'], root);
    expect(r.code, r.stderr).toBe(0);
    expect(await describeTree(path.join(root, 'copy'))).toEqual(await describeTree(path.join(root, 'data')));

    const s3 = run(process.execPath, [cli, 'list', '--store', 's3://bucket/prefix'], root);
    expect(s3.code).toBe(11);
    expect(s3.stderr.trim().split('\n')).toHaveLength(1);
    expect(s3.stderr).toContain('E_UNSUPPORTED: s3:// stores need @aws-sdk/client-s3 and @aws-sdk/lib-storage');
    expect(s3.stderr).toContain('npm install @aws-sdk/client-s3@^');
    // The S3 store comes from its own entry, installed as it is published.
    const imported = run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const m = await import('index-vault'); const s3 = await import('index-vault/s3'); console.log(typeof m.backup, typeof m.S3Store, typeof s3.S3Store)",
      ],
      prefix,
    );
    expect(imported.stdout.trim(), imported.stderr).toBe('function undefined function');
  }, 300_000);
});
