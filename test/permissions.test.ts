import { execFileSync, spawnSync } from 'node:child_process';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { IntegrityError } from '../src/shared/errors.js';
import { parseManifest, sealManifest, serializeManifest, type Manifest } from '../src/snapshot/manifest.js';
import { restore } from '../src/engine/restore/restore.js';
import { loadManifest, listSnapshotIds } from '../src/engine/series.js';
import { verifySeries } from '../src/engine/verify/verify.js';
import { LocalStore } from '../src/storage/local-store.js';
import { describeTree, silent, tempDir } from './support/fixtures.js';

const isRoot = process.getuid?.() === 0;
const FIXTURE_STORE = path.join(import.meta.dirname, 'fixtures', 'v1-store');

/** Files and directories with the modes to keep; created deepest first so 0o500 directories can be filled. */
const MODES: Record<string, number> = {
  'key.pem': 0o600,
  'group-readable.txt': 0o640,
  'owner-only.sh': 0o700,
  'tool.sh': 0o755,
  'read-only.txt': 0o444,
  'everyone-writes.txt': 0o666,
  'private/': 0o700,
  'private/token': 0o600,
  'sealed/': 0o500,
  'sealed/inner/': 0o750,
  'sealed/inner/data.bin': 0o640,
  'sealed/readme.txt': 0o400,
  'shared/': 0o775,
  // Unreadable for anyone but root, which the backup must read it as.
  ...(isRoot ? { 'nobody-reads.bin': 0o000 } : {}),
};

const roots: string[] = [];
// Runs before the fixtures' cleanup: directories without write permission would stop a non-root rm.
afterEach(async () => {
  const openUp = async (dir: string): Promise<void> => {
    await fs.chmod(dir, 0o700).catch(() => {});
    for (const d of await fs.readdir(dir, { withFileTypes: true }).catch(() => []))
      if (d.isDirectory()) await openUp(path.join(dir, d.name));
  };
  while (roots.length > 0) await openUp(roots.pop()!);
});

async function setup(modes: Record<string, number> = MODES) {
  const root = await tempDir('iv-perms-');
  roots.push(root);
  const src = path.join(root, 'src');
  await fs.mkdir(src);
  const names = Object.keys(modes).sort();
  for (const rel of names) {
    const abs = path.join(src, rel);
    if (rel.endsWith('/')) await fs.mkdir(abs, { recursive: true });
    else {
      await fs.mkdir(path.dirname(abs), { recursive: true });
      await fs.writeFile(abs, `content of ${rel}\n`);
    }
  }
  // Modes last, deepest first: a 0o500 directory is filled before it is closed.
  for (const rel of [...names].reverse()) await fs.chmod(path.join(src, rel), modes[rel]!);
  const store = new LocalStore(path.join(root, 'store'));
  return { root, src, store };
}

/** Every file's and directory's mode bits (including setuid/setgid/sticky), by relative path. */
async function modesOf(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (abs: string, rel: string): Promise<void> => {
    for (const name of (await fs.readdir(abs)).sort()) {
      const st = await fs.lstat(path.join(abs, name));
      if (st.isSymbolicLink()) continue;
      const r = rel + name + (st.isDirectory() ? '/' : '');
      out[r] = (st.mode & 0o7777).toString(8).padStart(4, '0');
      if (st.isDirectory()) await walk(path.join(abs, name), r);
    }
  };
  await walk(dir, '');
  return out;
}

const expected = (modes: Record<string, number>) =>
  Object.fromEntries(Object.entries(modes).map(([k, v]) => [k, v.toString(8).padStart(4, '0')]));

/** Runs `fn` with another umask, so a restore that lets the umask decide is caught. */
async function withUmask<T>(mask: number, fn: () => Promise<T>): Promise<T> {
  const old = process.umask(mask);
  try {
    return await fn();
  } finally {
    process.umask(old);
  }
}

async function reseal(store: LocalStore, series: string, id: string, change: (m: Manifest) => void): Promise<void> {
  const m = await loadManifest(store, series, id);
  change(m);
  const { digest: _d, ...body } = m;
  await fs.writeFile(path.join(store.root, series, 'snapshots', `${id}.json`), serializeManifest(sealManifest(body)));
}

describe('permission bits', () => {
  it('round-trip exactly through a full snapshot, whatever the umask, and are recorded in the manifest', async () => {
    const { root, src, store } = await setup();
    const b = await backup({ source: src, store, series: 's', logger: silent });
    expect(b.manifest!.formatVersion).toBe(2);
    const key = b.manifest!.entries.find((e) => e.path === 'key.pem');
    expect(key).toMatchObject({ mode: 0o600, exec: false });
    expect(b.manifest!.entries.find((e) => e.path === 'sealed')).toMatchObject({ type: 'dir', mode: 0o500 });
    for (const mask of [0o022, 0o077, 0o000]) {
      const out = path.join(root, `out-${mask}`);
      await withUmask(mask, () => restore({ target: out, store, series: 's', logger: silent }));
      expect(await modesOf(out)).toEqual(expected(MODES));
    }
    expect((await verifySeries(store, 's', undefined)).every((x) => x.ok)).toBe(true);
  });

  it('a chmod alone makes an incremental that records the new modes, of files and of directories', async () => {
    const { root, src, store } = await setup();
    const full = await backup({ source: src, store, series: 's', logger: silent });
    await fs.chmod(path.join(src, 'key.pem'), 0o644); // a widening the next snapshot must see
    await fs.chmod(path.join(src, 'group-readable.txt'), 0o600);
    const inc = await backup({ source: src, store, series: 's', logger: silent });
    expect(inc.kind).toBe('incremental');
    expect(inc.manifest!.entries.find((e) => e.path === 'key.pem')).toMatchObject({ mode: 0o644 });
    await fs.chmod(path.join(src, 'private'), 0o755);
    const inc2 = await backup({ source: src, store, series: 's', logger: silent });
    expect(inc2.kind).toBe('incremental');
    expect(inc2.manifest!.entries.find((e) => e.path === 'private')).toMatchObject({ mode: 0o755 });
    expect((await backup({ source: src, store, series: 's', logger: silent })).kind).toBe('unchanged');
    // Hashes taken from the parent (--trust-mtime) do not hide a mode change either.
    await fs.chmod(path.join(src, 'tool.sh'), 0o750);
    expect((await backup({ source: src, store, series: 's', logger: silent, trustMtime: true })).kind).toBe('incremental');
    await fs.chmod(path.join(src, 'tool.sh'), 0o755);
    expect((await backup({ source: src, store, series: 's', logger: silent, trustMtime: true })).kind).toBe('incremental');

    const want = { ...MODES, 'key.pem': 0o644, 'group-readable.txt': 0o600, 'private/': 0o755 };
    const out = path.join(root, 'out');
    await restore({ target: out, store, series: 's', logger: silent });
    expect(await modesOf(out)).toEqual(expected(want));
    // Back to the full snapshot over it: every file is reused, and the modes go back too.
    const r = await restore({ target: out, store, series: 's', snapshot: full.id, force: true, logger: silent });
    expect(r.reusedFiles).toBe(Object.keys(MODES).filter((k) => !k.endsWith('/')).length);
    expect(await modesOf(out)).toEqual(expected(MODES));
  });

  it('a file reused from the target gets the recorded mode, and an old file at another mode is copied, not linked and changed', async () => {
    const { root, src, store } = await setup();
    await backup({ source: src, store, series: 's', logger: silent });
    // The target has the same content at other modes (wider and narrower) and the same times.
    const out = path.join(root, 'out');
    await restore({ target: out, store, series: 's', logger: silent });
    await fs.chmod(path.join(out, 'key.pem'), 0o644);
    await fs.chmod(path.join(out, 'tool.sh'), 0o700);
    // A second name keeps the old inode visible after the swap removes the old tree.
    const keep = path.join(root, 'old-key.pem');
    await fs.link(path.join(out, 'key.pem'), keep);
    const sameIno = (await fs.stat(path.join(out, 'group-readable.txt'))).ino;

    const r = await restore({ target: out, store, series: 's', force: true, logger: silent });
    expect(r.reusedFiles).toBe(Object.keys(MODES).filter((k) => !k.endsWith('/')).length);
    expect(await modesOf(out)).toEqual(expected(MODES));
    expect((await fs.stat(keep)).mode & 0o777).toBe(0o644); // the old file was not changed under its other name
    expect((await fs.stat(path.join(out, 'key.pem'))).ino).not.toBe((await fs.stat(keep)).ino);
    // Same mode and time: still a free hard link.
    expect((await fs.stat(path.join(out, 'group-readable.txt'))).ino).toBe(sameIno);
  });

  it('a reused file whose mode differs from the snapshot is copied, never hard-linked (a link would share the old mode, or a chmod would change the old tree)', async () => {
    const { root, src, store } = await setup({ 'key.pem': 0o600, 'other.txt': 0o644 });
    await backup({ source: src, store, series: 's', logger: silent });
    const out = path.join(root, 'out');
    await restore({ target: out, store, series: 's', logger: silent });
    await fs.chmod(path.join(out, 'key.pem'), 0o640); // one name, same time: only the mode differs
    const oldIno = (await fs.stat(path.join(out, 'key.pem'))).ino;
    const r = await restore({ target: out, store, series: 's', force: true, logger: silent });
    expect(r.reusedFiles).toBe(2);
    expect(await modesOf(out)).toEqual(expected({ 'key.pem': 0o600, 'other.txt': 0o644 }));
    expect((await fs.stat(path.join(out, 'key.pem'))).ino).not.toBe(oldIno);
  });

  it('setuid, setgid and sticky bits are dropped with one warning naming the paths', async () => {
    const { root, src, store } = await setup({ 'suid.sh': 0o4755, 'sgid.sh': 0o2750, 'tmp/': 0o1777, 'plain.txt': 0o644 });
    const warnings: string[] = [];
    const b = await backup({ source: src, store, series: 's', logger: { ...silent, warn: (m: string) => warnings.push(m) } });
    expect(warnings.filter((w) => /setuid/.test(w))).toHaveLength(1);
    expect(warnings.find((w) => /setuid/.test(w))).toMatch(/^3 path\(s\).*sgid\.sh, suid\.sh, tmp/);
    expect(b.manifest!.entries.find((e) => e.path === 'suid.sh')).toMatchObject({ mode: 0o755 });
    const out = path.join(root, 'out');
    await restore({ target: out, store, series: 's', logger: silent });
    expect(await modesOf(out)).toEqual(expected({ 'suid.sh': 0o755, 'sgid.sh': 0o750, 'tmp/': 0o777, 'plain.txt': 0o644 }));
  });

  it('packs carry the modes in their tar headers: GNU tar extracts the same modes', async () => {
    const { root, src, store } = await setup();
    await backup({ source: src, store, series: 's', logger: silent });
    const out = path.join(root, 'tar-out');
    await fs.mkdir(out);
    for (const name of await fs.readdir(path.join(store.root, 's', 'packs'))) {
      execFileSync('tar', ['--zstd', '-x', '-p', '-f', path.join(store.root, 's', 'packs', name), '-C', out]);
    }
    await fs.rm(path.join(out, '.index-vault'), { recursive: true });
    expect(await modesOf(out)).toEqual(expected(MODES));
  });

  it('the root of the target keeps its mode; a new target gets the umask default', async () => {
    const { root, src, store } = await setup({ 'a.txt': 0o600 });
    await backup({ source: src, store, series: 's', logger: silent });
    const existing = path.join(root, 'existing');
    await fs.mkdir(existing);
    await fs.chmod(existing, 0o710);
    await restore({ target: existing, store, series: 's', force: true, logger: silent });
    expect((await fs.stat(existing)).mode & 0o7777).toBe(0o710);
    const fresh = path.join(root, 'fresh');
    await withUmask(0o027, () => restore({ target: fresh, store, series: 's', logger: silent }));
    expect((await fs.stat(fresh)).mode & 0o7777).toBe(0o750);
  });

  it('a manifest with a mode outside 0o777, without one, or with exec disagreeing is refused', async () => {
    const { src, store } = await setup({ 'a.sh': 0o755, 'd/': 0o700 });
    const b = await backup({ source: src, store, series: 's', logger: silent });
    const tamper = (change: (m: Manifest) => void) => {
      const m = structuredClone(b.manifest) as Manifest;
      change(m);
      const { digest: _d, ...body } = m;
      return () => parseManifest(serializeManifest(sealManifest(body)));
    };
    const file = (m: Manifest) => m.entries.find((e) => e.path === 'a.sh') as { mode?: number; exec: boolean };
    const dir = (m: Manifest) => m.entries.find((e) => e.path === 'd') as { mode?: number };
    expect(tamper(() => {})).not.toThrow();
    expect(tamper((m) => (file(m).mode = 0o4755))).toThrow(IntegrityError);
    expect(tamper((m) => (dir(m).mode = 0o1777))).toThrow(IntegrityError);
    expect(tamper((m) => (file(m).mode = 1.5))).toThrow(/bad mode/);
    expect(tamper((m) => delete file(m).mode)).toThrow(/bad mode/);
    expect(tamper((m) => delete dir(m).mode)).toThrow(/bad mode/);
    expect(tamper((m) => (file(m).mode = 0o644))).toThrow(/exec and mode/);
    expect(tamper((m) => (m.formatVersion = 1))).toThrow(/format 1 does not record/);
    expect(tamper((m) => (m.formatVersion = 3))).toThrow(/upgrade|format 3/);
  });

  it('a Windows-made snapshot knows only read-only: a Linux restore gives umask defaults and keeps read-only files read-only', async () => {
    const { root, src, store } = await setup({ 'ro.txt': 0o444, 'rw.txt': 0o666, 'd/': 0o777 });
    const b = await backup({ source: src, store, series: 's', logger: silent });
    // What Node on Windows reports (0o444 / 0o666, no execute bit), under a win32 source.
    await reseal(store, 's', b.id, (m) => {
      m.source.platform = 'win32';
    });
    const out = path.join(root, 'out');
    await withUmask(0o027, () => restore({ target: out, store, series: 's', logger: silent }));
    expect(await modesOf(out)).toEqual(expected({ 'ro.txt': 0o440, 'rw.txt': 0o640, 'd/': 0o750 }));
  });
});

const RUN = path.join(import.meta.dirname, '..', 'dist', 'cli', 'run.js');

// Root may write anywhere; only another user shows that a 0o500 directory is filled before it is closed.
describe.skipIf(!isRoot || !fsSync.existsSync(RUN))('as a user without root privileges (the built CLI)', () => {
  it('restores 0o500 directories with contents, and replaces such a tree with --force without leftovers', async () => {
    const root = await tempDir('iv-perms-user-');
    roots.push(root);
    const modes = { 'sealed/': 0o500, 'sealed/inner/': 0o500, 'sealed/inner/data.txt': 0o444, 'sealed/key.pem': 0o400, 'top.txt': 0o640 };
    const { src } = await setup(modes);
    await fs.rm(path.join(root, 'store'), { recursive: true, force: true });
    const home = path.join(root, 'user');
    await fs.mkdir(home);
    await fs.rename(src, path.join(home, 'src'));
    execFileSync('chown', ['-R', '65534:65534', home]);
    await fs.chmod(root, 0o755); // mkdtemp made it root's alone
    // The CLI's modules are loaded as root, then the process drops to the other user before it
    // runs. Its worker modules are read when a worker starts, so the user must be able to read the
    // package, as from any install; the checkout may sit where only root can enter (CI's fresh
    // clone does): run a copy of dist/ beside the tree.
    const repo = path.join(import.meta.dirname, '..');
    await fs.cp(path.join(repo, 'dist'), path.join(root, 'dist'), { recursive: true });
    await fs.copyFile(path.join(repo, 'package.json'), path.join(root, 'package.json'));
    await fs.symlink(path.join(repo, 'node_modules'), path.join(root, 'node_modules'));
    const run = path.join(root, 'dist', 'cli', 'run.js');
    const asUser = [
      'const [run, ...args] = process.argv.slice(1);',
      'const { runCli } = await import(run);',
      'process.setgroups([]); process.setgid(65534); process.setuid(65534);',
      'process.exitCode = await runCli(args, { stdout: process.stdout, stderr: process.stderr, env: process.env });',
    ].join('\n');
    const cli = (...args: string[]) => {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', asUser, pathToFileURL(run).href, ...args], {
        cwd: home,
        encoding: 'utf8',
        env: { ...process.env, INDEX_VAULT_CACHE_DIR: path.join(home, 'cache') },
      });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout + r.stderr;
    };
    cli('backup', 'src', '--store', 'store', '--name', 's');
    cli('restore', 'out', '--store', 'store', '--name', 's');
    expect(await modesOf(path.join(home, 'out'))).toEqual(expected(modes));
    const warned = cli('restore', 'out', '--store', 'store', '--name', 's', '--force');
    expect(warned).not.toMatch(/could not remove/);
    expect(await modesOf(path.join(home, 'out'))).toEqual(expected(modes));
    expect((await fs.readdir(home)).filter((n) => n.includes('index-vault-'))).toEqual([]);
  });
});

describe('format 1 stores', () => {
  const series = 'v1-tree';

  it('still restore exactly as before: content, exec bits, umask modes, links', async () => {
    const root = await tempDir('iv-perms-v1-');
    const store = new LocalStore(path.join(root, 'store'));
    await fs.cp(FIXTURE_STORE, store.root, { recursive: true });
    const ids = await listSnapshotIds(store, series);
    expect(ids).toHaveLength(2);
    const [fullId, incId] = ids.sort();
    expect((await loadManifest(store, series, incId!)).formatVersion).toBe(1);
    expect((await verifySeries(store, series, undefined)).every((x) => x.ok)).toBe(true);

    const full = path.join(root, 'full');
    await withUmask(0o022, () => restore({ target: full, store, series, snapshot: fullId, logger: silent }));
    const inc = path.join(root, 'inc');
    await withUmask(0o027, () => restore({ target: inc, store, series, logger: silent }));
    const tree = await describeTree(inc);
    expect(Object.keys(tree).sort()).toEqual([
      'README.txt',
      'bin',
      'bin/run.sh',
      'empty-dir',
      'links',
      'links/to-readme',
      'secret',
      'secret/key.pem',
    ]);
    expect(await fs.readFile(path.join(inc, 'README.txt'), 'utf8')).toBe('changed in the incremental\n');
    expect(await fs.readFile(path.join(full, 'README.txt'), 'utf8')).toBe('a version-1 snapshot\n');
    expect(await fs.readFile(path.join(inc, 'secret/key.pem'), 'utf8')).toBe('not really a key\n');
    expect(await fs.readlink(path.join(inc, 'links/to-readme'))).toBe('../README.txt');
    // Format 1 kept only the execute bit: the umask decides the rest, as it always did.
    expect(await modesOf(full)).toEqual(
      expected({
        'README.txt': 0o644,
        'bin/': 0o755,
        'bin/run.sh': 0o755,
        'empty-dir/': 0o755,
        'links/': 0o755,
        'secret/': 0o755,
        'secret/key.pem': 0o644,
      }),
    );
    expect(await modesOf(inc)).toEqual(
      expected({
        'README.txt': 0o640,
        'bin/': 0o750,
        'bin/run.sh': 0o750,
        'empty-dir/': 0o750,
        'links/': 0o750,
        'secret/': 0o750,
        'secret/key.pem': 0o640,
      }),
    );

    // The next backup of that tree (at its real modes) is a format-2 incremental on the format-1 chain.
    await fs.chmod(path.join(inc, 'secret/key.pem'), 0o600);
    const next = await backup({ source: inc, store, series, logger: silent });
    expect(next).toMatchObject({ kind: 'incremental', parent: incId });
    expect(next.manifest!.formatVersion).toBe(2);
    expect(next.storedBytes).toBeLessThan(2000); // content came from the format-1 packs
    const again = path.join(root, 'again');
    await restore({ target: again, store, series, logger: silent });
    expect((await modesOf(again))['secret/key.pem']).toBe('0600');
  });
});
