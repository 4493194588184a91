import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { isIndexVaultError } from '../src/shared/errors.js';
import { restore } from '../src/engine/restore/restore.js';
import { listSnapshotIds } from '../src/engine/series.js';
import { verifySeries } from '../src/engine/verify/verify.js';
import { LocalStore } from '../src/storage/local-store.js';
import type { GetOptions, PutOptions, StoreObject } from '../src/storage/store.js';
import { describeTree, seededBytes, silent, tempDir, writeTree } from './support/fixtures.js';
import { WrappedStore } from './support/wrapped-store.js';

const CLI = path.resolve(__dirname, '..', 'dist', 'cli', 'main.js');

/** A store that fails on purpose: put N throws after taking some bytes, gets are cut short or throw. */
class FaultyStore extends WrappedStore {
  override readonly description = 'faulty';
  puts = 0;
  failPut?: number;
  getMode?: 'short' | 'throw';

  override async put(key: string, body: AsyncIterable<Uint8Array>, options?: PutOptions): Promise<StoreObject> {
    const n = ++this.puts;
    if (n !== this.failPut) return this.inner.put(key, body, options);
    let taken = 0;
    for await (const c of body) {
      taken += c.length;
      if (taken > 1000) break;
    }
    throw Object.assign(new Error('injected: connection reset while uploading'), { code: 'ECONNRESET' });
  }

  override async get(key: string, options?: GetOptions): Promise<AsyncIterable<Buffer>> {
    const mode = this.getMode;
    if (mode === 'throw' && key.includes('/packs/')) throw new Error('injected: the store is unreachable');
    const source = await this.inner.get(key, options);
    if (mode !== 'short' || !key.includes('/packs/')) return source;
    return (async function* () {
      let n = 0;
      for await (const c of source) {
        // A short read: the stream ends early without an error, as a broken proxy would.
        if (n + c.length > 100_000) {
          yield c.subarray(0, 100_000 - n);
          return;
        }
        n += c.length;
        yield c;
      }
    })();
  }
}

async function fixture() {
  const root = await tempDir();
  const src = path.join(root, 'idx');
  await writeTree(src, { 'a.bin': seededBytes(1, 400_000), 'b.bin': seededBytes(2, 300_000), 'c.txt': 'small', 'sub/d.txt': 'd' });
  const local = new LocalStore(path.join(root, 'store'));
  return { root, src, local, store: new FaultyStore(local) };
}

const siblings = async (dir: string) => (await fs.readdir(path.dirname(dir))).filter((n) => n.includes('index-vault'));

describe('faults from the store', () => {
  it('a failing upload of a pack or of the manifest publishes no snapshot and leaves no objects behind', async () => {
    const { src, local, store } = await fixture();
    const first = await backup({ source: src, store, series: 's', logger: silent });
    const objectsBefore = (await local.list('')).map((o) => o.key);
    await fs.writeFile(path.join(src, 'c.txt'), 'changed');
    for (const failAt of [1, 2]) {
      store.puts = 0;
      store.failPut = failAt; // 1: the pack, 2: the manifest
      const err = await backup({ source: src, store, series: 's', logger: silent }).catch((e: unknown) => e);
      expect(err, `put ${failAt}`).toBeInstanceOf(Error);
      expect(String((err as Error).message)).toMatch(/connection reset/);
      expect(await listSnapshotIds(local, 's')).toEqual([first.id]);
      expect((await local.list('')).map((o) => o.key)).toEqual(objectsBefore);
    }
    store.failPut = undefined;
    expect((await verifySeries(local, 's', undefined)).every((r) => r.ok)).toBe(true);
    expect((await backup({ source: src, store, series: 's', logger: silent })).kind).toBe('incremental');
  });

  it('a short read or a store that fails mid-restore is refused, and the target stays as it was', async () => {
    const { root, src, store } = await fixture();
    await backup({ source: src, store, series: 's', logger: silent });
    const target = path.join(root, 'target');
    await writeTree(target, { 'old.txt': 'old tree' });
    const before = await describeTree(target);
    store.getMode = 'short';
    const short = await restore({ target, store, series: 's', force: true, reuse: false, logger: silent }).catch((e: unknown) => e);
    expect(isIndexVaultError(short, 'E_INTEGRITY'), String(short)).toBe(true);
    expect(await describeTree(target)).toEqual(before);
    store.getMode = 'throw';
    await expect(restore({ target, store, series: 's', force: true, reuse: false, logger: silent })).rejects.toThrow(/unreachable/);
    expect(await describeTree(target)).toEqual(before);
    expect(await siblings(target)).toEqual([]);
    store.getMode = undefined;
    await restore({ target, store, series: 's', force: true, logger: silent });
    expect(await describeTree(target)).toEqual(await describeTree(src));
  });
});

/** Root ignores permission bits: as root, the CLI runs without the capabilities that bypass them. */
const DROP_DAC = ['setpriv', '--inh-caps=-all', '--bounding-set=-dac_override,-dac_read_search'];

function runCli(args: string[], opts: { ulimitKiB?: number; unprivileged?: boolean } = {}): Promise<{ code: number; stderr: string }> {
  let argv = [process.execPath, CLI, ...args];
  if (opts.ulimitKiB) argv = ['bash', '-c', `ulimit -f ${opts.ulimitKiB}; exec "$@"`, 'bash', ...argv];
  if (opts.unprivileged && process.getuid?.() === 0) argv = [...DROP_DAC, ...argv];
  const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

// ulimit -f and permission bits are POSIX; Windows runners have neither.
describe.skipIf(process.platform === 'win32')('faults from the filesystem', () => {
  it('the file size limit (ulimit -f) hit during a restore is E_IO naming EFBIG; the target is untouched and the next restore succeeds', async () => {
    const { root, src, local } = await fixture();
    await writeTree(src, { 'big.bin': seededBytes(9, 3 * 1024 * 1024) });
    await backup({ source: src, store: local, series: 's', logger: silent });
    const target = path.join(root, 'target');
    await writeTree(target, { 'old.txt': 'old tree' });
    const before = await describeTree(target);
    const r = await runCli(['restore', target, '--store', local.root, '--name', 's', '--force', '--no-reuse', '--quiet'], {
      ulimitKiB: 1024,
    });
    expect(r.code, r.stderr).toBe(6);
    expect(r.stderr).toMatch(/E_IO: .*EFBIG.*\(the file size limit \(ulimit -f\) was reached/);
    expect(await describeTree(target)).toEqual(before);
    expect(await siblings(target)).toEqual([]);
    const ok = await runCli(['restore', target, '--store', local.root, '--name', 's', '--force', '--quiet']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(await describeTree(target)).toEqual(await describeTree(src));
  });

  it('permission denied: an unreadable source file fails the backup naming it, and an unwritable parent fails the restore; nothing is lost', async () => {
    const { root, src, local } = await fixture();
    await backup({ source: src, store: local, series: 's', logger: silent });
    await fs.chmod(path.join(src, 'c.txt'), 0o000);
    const storeDir = local.root;
    const ids = await listSnapshotIds(local, 's');
    const b = await runCli(['backup', src, '--store', storeDir, '--name', 's', '--mode', 'full', '--quiet'], { unprivileged: true });
    expect(b.code, b.stderr).toBe(6);
    expect(b.stderr).toMatch(/E_IO: .*c\.txt.*EACCES/);
    expect(await listSnapshotIds(local, 's')).toEqual(ids);

    const parent = path.join(root, 'locked');
    const target = path.join(parent, 'target');
    await writeTree(target, { 'old.txt': 'old tree' });
    await fs.chmod(parent, 0o555);
    const before = await describeTree(target);
    const r = await runCli(['restore', target, '--store', storeDir, '--name', 's', '--force', '--quiet'], { unprivileged: true });
    expect(r.code, r.stderr).toBe(6);
    expect(r.stderr).toMatch(/E_IO: .*EACCES/);
    expect(await describeTree(target)).toEqual(before);
    await fs.chmod(parent, 0o755);
    await fs.chmod(path.join(src, 'c.txt'), 0o644);
  });
});
