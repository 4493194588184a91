import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, lockPathFor, readLock } from '../src/fs-safety/lock.js';
import { backup } from '../src/engine/backup/backup.js';
import { restore } from '../src/engine/restore/restore.js';
import { withBackup } from '../src/guard/with-backup.js';
import { LocalStore } from '../src/storage/local-store.js';
import { silent, tempDir, writeTree } from './support/fixtures.js';

const HOLDER = path.resolve(__dirname, 'fixtures', 'lock-holder.mjs');

async function holdInChild(lockFile: string, operation = 'backup') {
  const child = spawn(process.execPath, [HOLDER, lockFile, operation], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  return child;
}

function fakeOwner(over: Record<string, unknown>) {
  return JSON.stringify({
    pid: 1,
    host: os.hostname(),
    operation: 'backup',
    startedAt: new Date().toISOString(),
    token: 'x',
    tool: 'index-vault',
    ...over,
  });
}

describe('directory lock', () => {
  it('puts the lock beside the directory', () => {
    expect(lockPathFor('/a/b/index')).toBe(path.resolve('/a/b/.index.index-vault.lock'));
  });

  it('refuses a second holder with E_LOCKED naming the first, and frees on release', async () => {
    const dir = path.join(await tempDir(), 'idx');
    const first = await acquireLock(dir, { operation: 'backup' });
    const err = (await acquireLock(dir, { operation: 'restore' }).then(
      () => new Error('second acquire succeeded'),
      (e: unknown) => e,
    )) as Error & { code?: string; hint?: string };
    expect(err).toMatchObject({ code: 'E_LOCKED' });
    expect(err.message).toContain(`pid ${process.pid}`);
    expect(err.message).toContain('backup');
    expect(err.hint).toContain(lockPathFor(dir));
    expect((await readLock(dir))?.token).toBe(first.owner.token);
    await first.release();
    await first.release(); // idempotent
    const again = await acquireLock(dir, { operation: 'restore' });
    await again.release();
    await expect(fs.access(lockPathFor(dir))).rejects.toThrow();
  });

  it('waits for a holder that finishes, and gives up on one that does not', async () => {
    const dir = path.join(await tempDir(), 'idx');
    const held = await acquireLock(dir, { operation: 'backup' });
    setTimeout(() => void held.release(), 300);
    const waited = await acquireLock(dir, { operation: 'restore', waitMs: 5000 });
    const t0 = Date.now();
    await expect(acquireLock(dir, { operation: 'x', waitMs: 200 })).rejects.toMatchObject({ code: 'E_LOCKED' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
    await waited.release();
  });

  it('takes over the lock of a process that was killed, and warns', async () => {
    const dir = path.join(await tempDir(), 'idx');
    const child = await holdInChild(lockPathFor(dir));
    await expect(acquireLock(dir, { operation: 'restore' })).rejects.toMatchObject({ code: 'E_LOCKED' });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const warnings: string[] = [];
    const lock = await acquireLock(dir, { operation: 'restore', logger: { ...silent, warn: (m) => warnings.push(m) } });
    expect(warnings.join()).toContain(`pid ${child.pid}`);
    await lock.release();
  });

  it('keeps a fresh lock of another host, takes over one whose heartbeat stopped', async () => {
    const dir = path.join(await tempDir(), 'idx');
    const file = lockPathFor(dir);
    await fs.writeFile(file, fakeOwner({ host: 'some-other-runner', pid: 4242 }));
    await expect(acquireLock(dir, { operation: 'backup' })).rejects.toMatchObject({ code: 'E_LOCKED' });
    const old = new Date(Date.now() - 10 * 60_000);
    await fs.utimes(file, old, old);
    const lock = await acquireLock(dir, { operation: 'backup' });
    expect((await readLock(dir))?.token).toBe(lock.owner.token);
    await lock.release();
  });

  it('clears a stale lock left moved aside by a taker that was killed, and keeps a live one', async () => {
    const dir = path.join(await tempDir(), 'idx');
    const file = lockPathFor(dir);
    const deadAside = `${file}.stale-0123456789ab`;
    const liveAside = `${file}.stale-ba9876543210`;
    await fs.writeFile(deadAside, fakeOwner({ pid: 2 ** 22 + 12345 })); // no such pid
    await fs.writeFile(liveAside, fakeOwner({ pid: process.pid }));
    const lock = await acquireLock(dir, { operation: 'restore' });
    await lock.release();
    const left = await fs.readdir(path.dirname(file));
    expect(left).not.toContain(path.basename(deadAside));
    expect(left).toContain(path.basename(liveAside));
  });

  it('lets exactly one of many racing takers win a stale lock', async () => {
    const dir = path.join(await tempDir(), 'idx');
    await fs.writeFile(lockPathFor(dir), fakeOwner({ pid: 2 ** 22 + 12345 })); // no such pid
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => acquireLock(dir, { operation: 'backup' })));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won.length).toBe(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.code === 'E_LOCKED')).toBe(true);
    await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireLock>>>).value.release();
  });

  it('release leaves a lock that is no longer its own', async () => {
    const dir = path.join(await tempDir(), 'idx');
    const lock = await acquireLock(dir, { operation: 'backup' });
    await fs.writeFile(lockPathFor(dir), fakeOwner({ token: 'someone-else' }));
    await lock.release();
    expect((await readLock(dir))?.token).toBe('someone-else');
  });

  it('refreshes its heartbeat', async () => {
    const dir = path.join(await tempDir(), 'idx');
    const lock = await acquireLock(dir, { operation: 'backup', heartbeatMs: 50 });
    const old = new Date(Date.now() - 60_000);
    await fs.utimes(lockPathFor(dir), old, old);
    await new Promise((r) => setTimeout(r, 200));
    expect((await fs.stat(lockPathFor(dir))).mtimeMs).toBeGreaterThan(Date.now() - 5000);
    await lock.release();
  });

  it('locks the directory, not the path as typed: a symlink alias meets the same lock', async () => {
    const root = await tempDir();
    const real = path.join(root, 'real');
    await writeTree(real, { 'a.txt': 'a' });
    const alias = path.join(root, 'alias');
    await fs.symlink(real, alias);
    const store = new LocalStore(path.join(root, 'store'));
    await backup({ source: real, store, series: 'idx', logger: silent });
    const held = await acquireLock(real, { operation: 'backup' });
    try {
      expect(lockPathFor(alias)).toBe(lockPathFor(real));
      await expect(acquireLock(alias, { operation: 'backup' })).rejects.toMatchObject({ code: 'E_LOCKED' });
      await expect(backup({ source: alias, store, series: 'idx', logger: silent })).rejects.toMatchObject({ code: 'E_LOCKED' });
      await expect(restore({ target: alias, store, series: 'idx', force: true, logger: silent })).rejects.toMatchObject({
        code: 'E_LOCKED',
      });
      await expect(withBackup(alias, () => 'ran', { backupDir: path.join(root, 'bk'), logger: silent })).rejects.toMatchObject({
        code: 'E_LOCKED',
      });
      // A directory that does not exist yet, reached through an aliased parent.
      const parentAlias = path.join(root, 'parent-alias');
      await fs.symlink(root, parentAlias);
      const fresh = await acquireLock(path.join(root, 'fresh'), { operation: 'restore' });
      await expect(acquireLock(path.join(parentAlias, 'fresh'), { operation: 'restore' })).rejects.toMatchObject({ code: 'E_LOCKED' });
      await fresh.release();
    } finally {
      await held.release();
    }
    expect(await fs.readFile(path.join(real, 'a.txt'), 'utf8')).toBe('a');
  });

  it('stops a backup and a restore of a directory another process holds', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await writeTree(src, { 'a.txt': 'a' });
    const store = new LocalStore(path.join(root, 'store'));
    await backup({ source: src, store, logger: silent });
    const child = await holdInChild(lockPathFor(src), 'restore');
    try {
      await expect(backup({ source: src, store, logger: silent })).rejects.toMatchObject({ code: 'E_LOCKED' });
      await expect(restore({ target: src, store, force: true, logger: silent })).rejects.toMatchObject({ code: 'E_LOCKED' });
      expect(await fs.readFile(path.join(src, 'a.txt'), 'utf8')).toBe('a');
    } finally {
      child.kill('SIGKILL');
    }
  });
  it('a held lock is used only for its own directory', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    const other = path.join(root, 'other');
    await writeTree(src, { 'a.txt': 'a' });
    await writeTree(other, { 'b.txt': 'b' });
    const store = new LocalStore(path.join(root, 'store'));
    const held = await acquireLock(src, { operation: 'guard' });
    try {
      // Under the held lock: neither taken again (no E_LOCKED) nor released by the backup.
      await backup({ source: src, store, series: 'idx', heldLock: held, logger: silent });
      expect((await readLock(src))?.token).toBe(held.owner.token);
      await expect(backup({ source: other, store, series: 'other', heldLock: held, logger: silent })).rejects.toMatchObject({
        code: 'E_VALIDATION',
      });
      await expect(restore({ target: other, store, series: 'idx', force: true, heldLock: held, logger: silent })).rejects.toMatchObject({
        code: 'E_VALIDATION',
      });
    } finally {
      await held.release();
    }
  });
});
