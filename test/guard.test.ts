import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES, runCli } from '../src/cli/run.js';
import { backup } from '../src/engine/backup/backup.js';
import { restore } from '../src/engine/restore/restore.js';
import { LocalStore } from '../src/storage/local-store.js';
import { isIndexVaultError, LanceError, RollbackError } from '../src/shared/errors.js';
import { BackupManager, defaultBackupDir } from '../src/guard/backup-manager.js';
import { addWithBackup, deleteWithBackup, updateWithBackup, withTableBackup } from '../src/guard/lance-operations.js';
import type { StrategyName } from '../src/guard/strategy.js';
import { withBackup } from '../src/guard/with-backup.js';
import { describeTree, silent, tempDir, writeTree } from './support/fixtures.js';

const TANTIVY = path.resolve(
  __dirname,
  'native/node_modules/@oxdev03/node-tantivy-binding-linux-x64-gnu/node-tantivy-binding.linux-x64-gnu.node',
);
const tantivy = fs.existsSync(TANTIVY) ? createRequire(import.meta.url)(TANTIVY) : undefined;
if (!tantivy) console.warn(`Tantivy guard tests skipped: the native binding is not installed for ${process.platform}-${process.arch}`);

function rows(from: number, n: number) {
  return Array.from({ length: n }, (_, k) => ({
    id: from + k,
    text: `doc ${from + k}`,
    vector: Array.from({ length: 8 }, (_, j) => Math.sin(from + k + j)),
  }));
}

async function makeDb(root: string) {
  const dbDir = path.join(root, 'db');
  const db = await lancedb.connect(dbDir);
  const t = await db.createTable('docs', rows(0, 300));
  await t.createIndex('id');
  await t.add(rows(300, 100));
  t.close();
  db.close();
  return dbDir;
}

/** Row count, sorted ids, a top-k answer and the tags of every table: what a rollback must give back. */
async function state(dbDir: string) {
  const db = await lancedb.connect(dbDir);
  const out: Record<string, unknown> = {};
  for (const name of await db.tableNames()) {
    const t = await db.openTable(name);
    const all = name === 'docs' ? ((await t.query().select(['id', 'text']).toArray()) as Array<{ id: number; text: string }>) : [];
    const hits =
      name === 'docs'
        ? (
            (await t
              .vectorSearch(Array.from({ length: 8 }, (_, j) => Math.cos(j)))
              .limit(5)
              .toArray()) as Array<{ id: number }>
          ).map((h) => h.id)
        : [];
    out[name] = {
      rows: await t.countRows(),
      content: all.map((r) => `${r.id}:${r.text}`).sort(),
      topK: hits,
      tags: Object.keys(await (await t.tags()).list()),
    };
    t.close();
  }
  db.close();
  return out;
}

/** A guarded operation that really changes a database: add, delete, update, an index, a new table. */
async function mutate(dbDir: string, withCleanup: boolean) {
  const db = await lancedb.connect(dbDir);
  const t = await db.openTable('docs');
  await t.add(rows(1000, 50));
  await t.delete('id < 100');
  await t.update({ where: 'id = 200', values: { text: 'changed' } });
  await t.createIndex('text', { config: lancedb.Index.fts() });
  if (withCleanup) await t.optimize({ cleanupOlderThan: new Date(Date.now() + 1000) });
  (await db.createTable('extra', [{ a: 1 }])).close();
  t.close();
  db.close();
}

const backupsIn = (dir: string) => fsp.readdir(dir).catch(() => [] as string[]);

describe('BackupManager with directory-copy', () => {
  it('takes backup_<timestamp> backups in a custom directory, restores the exact tree, and cleans up', async () => {
    const root = await tempDir();
    const target = path.join(root, 'index');
    await writeTree(target, { 'a.txt': 'alpha', 'sub/b.bin': Buffer.alloc(70_000, 7), empty: { dir: true }, link: { link: 'a.txt' } });
    const before = await describeTree(target);
    const backupDir = path.join(root, 'backups');
    const manager = new BackupManager({ target, backupDir, logger: silent });
    const b = await manager.createBackup('directory-copy');
    expect(b.id).toMatch(/^backup_\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
    expect(await backupsIn(backupDir)).toEqual([b.id]);
    expect((await manager.listBackups()).map((x) => x.id)).toEqual([b.id]);

    await fsp.writeFile(path.join(target, 'a.txt'), 'changed');
    await fsp.rm(path.join(target, 'sub'), { recursive: true });
    await fsp.writeFile(path.join(target, 'new.txt'), 'new');
    await manager.restoreBackup(b.id);
    expect(await describeTree(target)).toEqual(before);

    // A second manager (another process) restores the same backup from its record.
    await fsp.writeFile(path.join(target, 'a.txt'), 'again');
    await new BackupManager({ target, backupDir }).restoreBackup(b.id);
    expect(await describeTree(target)).toEqual(before);

    await manager.cleanupBackup(b.id);
    expect(await backupsIn(backupDir)).toEqual([]);
    await expect(manager.restoreBackup(b.id)).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    await expect(manager.restoreBackup('../etc')).rejects.toMatchObject({ code: 'E_VALIDATION' });
    expect(() => new BackupManager({ target, backupDir: path.join(target, 'bk') })).toThrow(/inside the guarded directory/);
    await expect(manager.createBackup('zip' as StrategyName)).rejects.toMatchObject({
      code: 'E_VALIDATION',
      hint: 'valid values: directory-copy, lance-version',
    });
  });

  it('removes a directory the operation created when it did not exist before', async () => {
    const root = await tempDir();
    const target = path.join(root, 'fresh');
    const err = new Error('build failed');
    await expect(
      withBackup(
        target,
        async () => {
          await writeTree(target, { 'half.bin': 'partial' });
          throw err;
        },
        { backupDir: path.join(root, 'bk') },
      ),
    ).rejects.toBe(err);
    expect(fs.existsSync(target)).toBe(false);
  });
});

describe.each(['directory-copy', 'lance-version'] as const)('withBackup on a LanceDB database (%s)', (strategy) => {
  it('rolls back a failing operation and rethrows its error, leaving no backup and no tag', async () => {
    const root = await tempDir();
    const dbDir = await makeDb(root);
    const before = await state(dbDir);
    const backupDir = path.join(root, 'bk');
    const err = new Error('rebuild failed half way');
    await expect(
      withBackup(
        dbDir,
        async () => {
          await mutate(dbDir, strategy === 'directory-copy');
          expect(await state(dbDir)).not.toEqual(before);
          throw err;
        },
        { strategy, backupDir, logger: silent },
      ),
    ).rejects.toBe(err);
    expect(await state(dbDir)).toEqual(before);
    expect(await backupsIn(backupDir)).toEqual([]);
    // The table still takes writes after the rollback.
    const db = await lancedb.connect(dbDir);
    const t = await db.openTable('docs');
    await t.add(rows(5000, 1));
    expect(await t.countRows()).toBe(401);
    t.close();
    db.close();
  });

  it('keeps the changes of a succeeding operation and cleans up', async () => {
    const root = await tempDir();
    const dbDir = await makeDb(root);
    const backupDir = path.join(root, 'bk');
    const result = await withBackup(dbDir, () => mutate(dbDir, false).then(() => 42), { strategy, backupDir, logger: silent });
    expect(result).toBe(42);
    const after = (await state(dbDir)) as Record<string, { rows: number; tags: string[] }>;
    expect(after.docs!.rows).toBe(350);
    expect(after.extra!.rows).toBe(1);
    expect(after.docs!.tags).toEqual([]);
    expect(await backupsIn(backupDir)).toEqual([]);
  });
});

describe('rollback and cleanup failures', () => {
  it('a failed rollback is an E_ROLLBACK error carrying both errors, and the backup is kept', async () => {
    const root = await tempDir();
    const target = path.join(root, 'index');
    await writeTree(target, { 'a.txt': 'alpha' });
    const backupDir = path.join(root, 'bk');
    const opError = new Error('operation broke');
    const caught = await withBackup(
      target,
      async () => {
        const [id] = await backupsIn(backupDir);
        // The backup's packs vanish (a disk cleaner, a full disk): restoring from it must fail.
        await fsp.rm(path.join(backupDir, id!, 'store'), { recursive: true });
        throw opError;
      },
      { backupDir, logger: silent },
    ).catch((e: unknown) => e);
    expect(isIndexVaultError(caught, 'E_ROLLBACK')).toBe(true);
    const rb = caught as RollbackError;
    expect(rb.operationError).toBe(opError);
    expect(isIndexVaultError(rb.rollbackError, 'E_NOT_FOUND')).toBe(true);
    expect(rb.message).toMatch(/operation broke.*rolling .* back failed too/);
    expect(await backupsIn(backupDir)).toHaveLength(1);
  });

  it('a failed cleanup after success is a warning, not an error', async () => {
    const root = await tempDir();
    const target = path.join(root, 'index');
    await writeTree(target, { 'a.txt': 'alpha' });
    const backupDir = path.join(root, 'bk');
    const warnings: string[] = [];
    const result = await withBackup(
      target,
      async () => {
        const [id] = await backupsIn(backupDir);
        await fsp.writeFile(path.join(backupDir, id!, 'backup.json'), '{"target": "/elsewhere", "strategy": "directory-copy"}');
        return 'built';
      },
      { backupDir, logger: { ...silent, warn: (m) => warnings.push(m) } },
    );
    expect(result).toBe('built');
    expect(warnings.join('\n')).toMatch(/could not remove backup backup_/);
  });
});

describe('LanceDB write helpers', () => {
  it('addWithBackup, deleteWithBackup and updateWithBackup apply the write and leave no tag', async () => {
    const root = await tempDir();
    const dbDir = await makeDb(root);
    const db = await lancedb.connect(dbDir);
    const t = await db.openTable('docs');
    await addWithBackup(t, rows(2000, 10));
    await deleteWithBackup(t, 'id >= 2005');
    await updateWithBackup(t, { where: 'id = 2000', values: { text: 'updated' } });
    expect(await t.countRows()).toBe(405);
    expect(await t.countRows("text = 'updated'")).toBe(1);
    expect(await (await t.tags()).list()).toEqual({});
    // A predicate LanceDB rejects: the error reaches the caller and the table is as it was.
    await expect(deleteWithBackup(t, 'no_such_column = 1')).rejects.toThrow();
    expect(await t.countRows()).toBe(405);
    expect(await (await t.tags()).list()).toEqual({});
    t.close();
    db.close();
  });

  it('withTableBackup undoes several committed writes when a later step throws', async () => {
    const root = await tempDir();
    const dbDir = await makeDb(root);
    const before = await state(dbDir);
    const db = await lancedb.connect(dbDir);
    const t = await db.openTable('docs');
    await expect(
      withTableBackup(t, async (table) => {
        await table.add(rows(3000, 20));
        await table.delete('id < 50');
        throw new Error('validation of the new rows failed');
      }),
    ).rejects.toThrow('validation of the new rows failed');
    t.close();
    db.close();
    expect(await state(dbDir)).toEqual(before);
  });
});

describe('LanceDB write helpers on a handle that lags behind', () => {
  it('a rollback keeps the rows other handles committed before the guarded write', async () => {
    const root = await tempDir();
    const dbDir = await makeDb(root);
    const db = await lancedb.connect(dbDir);
    const t = await db.openTable('docs');
    // Another writer commits after this handle was opened; the handle does not see it yet.
    const db2 = await lancedb.connect(dbDir);
    const t2 = await db2.openTable('docs');
    await t2.add(rows(7000, 5));
    t2.close();
    db2.close();
    await expect(
      withTableBackup(t, async (table) => {
        await table.add(rows(8000, 3));
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    await t.checkoutLatest();
    expect(await t.countRows()).toBe(405);
    expect(await t.countRows('id >= 7000 AND id < 7005')).toBe(5);
    t.close();
    db.close();
  });
});

describe('index-vault guard', () => {
  const io = () => {
    const err: string[] = [];
    return { err, io: { stdout: { write: () => true }, stderr: { write: (s: string) => err.push(s) }, env: {} } };
  };
  const node = process.execPath;

  it('rolls a directory back when the command fails and exits with its code', async () => {
    const root = await tempDir();
    const target = path.join(root, 'index');
    await writeTree(target, { 'a.txt': 'alpha', 'b/c.txt': 'gamma' });
    const before = await describeTree(target);
    const backupDir = path.join(root, 'bk');
    const script = `const fs=require('fs');fs.writeFileSync(${JSON.stringify(path.join(target, 'a.txt'))},'half');fs.rmSync(${JSON.stringify(path.join(target, 'b'))},{recursive:true});process.exit(3)`;
    const { err, io: cliIo } = io();
    const code = await runCli(['guard', target, '--backup-dir', backupDir, '--', node, '-e', script], cliIo);
    expect(code).toBe(3);
    expect(await describeTree(target)).toEqual(before);
    expect(err.join('')).toMatch(/rolled back/);
    expect(await backupsIn(backupDir)).toEqual([]);
  });

  it('keeps the result of a succeeding command', async () => {
    const root = await tempDir();
    const target = path.join(root, 'index');
    await writeTree(target, { 'a.txt': 'alpha' });
    const backupDir = path.join(root, 'bk');
    const script = `require('fs').writeFileSync(${JSON.stringify(path.join(target, 'a.txt'))},'rebuilt')`;
    const code = await runCli(['guard', target, '--backup-dir', backupDir, '--quiet', '--', node, '-e', script], io().io);
    expect(code).toBe(0);
    expect(await fsp.readFile(path.join(target, 'a.txt'), 'utf8')).toBe('rebuilt');
    expect(await backupsIn(backupDir)).toEqual([]);
  });

  it('rolls back a LanceDB table with --strategy lance-version', async () => {
    const root = await tempDir();
    const dbDir = await makeDb(root);
    const before = await state(dbDir);
    const writer = path.join(root, 'writer.mjs');
    const lancePath = JSON.stringify(import.meta.resolve('@lancedb/lancedb'));
    await fsp.writeFile(
      writer,
      `const lancedb = await import(${lancePath}); const db = await lancedb.connect(${JSON.stringify(dbDir)}); const t = await db.openTable('docs');` +
        `await t.add([{ id: 9999, text: 'x', vector: [0,0,0,0,0,0,0,0] }]); await t.delete('id < 10'); process.exit(1);`,
    );
    const code = await runCli(
      ['guard', dbDir, '--strategy', 'lance-version', '--backup-dir', path.join(root, 'bk'), '--quiet', '--', node, writer],
      io().io,
    );
    expect(code).toBe(1);
    expect(await state(dbDir)).toEqual(before);
  });

  it('refuses bad usage with messages that say what to do', async () => {
    const root = await tempDir();
    const { err, io: cliIo } = io();
    expect(await runCli(['guard', root, '--strategy', 'zip', '--', node, '-e', '0'], cliIo)).toBe(2);
    expect(err.join('')).toMatch(/valid values: directory-copy, lance-version/);
    expect(await runCli(['guard', root, '--backup-dir', path.join(root, '..', 'bk-x')], cliIo)).toBe(2);
    expect(err.join('')).toMatch(/needs a command after --/);
    expect(await runCli(['guard', root, '--backup-dir', path.join(root, '..', 'bk-y'), '--', 'no-such-program-iv'], cliIo)).toBe(2);
    expect(err.join('')).toMatch(/command not found/);
    expect(
      await runCli(
        ['guard', root, '--strategy', 'lance-version', '--backup-dir', path.join(root, '..', 'bk-z'), '--', node, '-e', '0'],
        cliIo,
      ),
    ).toBe(0);
  });
});

describe.skipIf(!tantivy)('guarding a Tantivy index', () => {
  it('withBackup (directory-copy) rolls back committed documents and the index opens as before', async () => {
    const root = await tempDir();
    const dir = path.join(root, 'tv');
    await fsp.mkdir(dir);
    const sb = new tantivy.SchemaBuilder();
    sb.addTextField('title', { stored: true });
    const schema = sb.build();
    const add = (n: number) => {
      const index = new tantivy.Index(schema, dir, true);
      const w = index.writer(50_000_000, 1);
      for (let k = 0; k < n; k++) {
        const d = new tantivy.Document();
        d.addText('title', `hello ${k}`);
        w.addDocument(d);
      }
      w.commit();
      w.waitMergingThreads?.();
    };
    const count = () => {
      const index = tantivy.Index.open(dir);
      index.reload();
      return index.searcher().numDocs as number;
    };
    add(30);
    expect(count()).toBe(30);
    await expect(
      withBackup(
        dir,
        () => {
          add(25);
          expect(count()).toBe(55);
          throw new Error('indexing failed');
        },
        { backupDir: path.join(root, 'bk') },
      ),
    ).rejects.toThrow('indexing failed');
    expect(count()).toBe(30);
    await withBackup(dir, () => add(5), { backupDir: path.join(root, 'bk') });
    expect(count()).toBe(35);
  });
});

describe('guarding a single file', () => {
  const fileState = async (f: string) => {
    const st = await fsp.stat(f);
    return { content: await fsp.readFile(f, 'utf8'), mode: st.mode & 0o7777, mtimeMs: Math.round(st.mtimeMs) };
  };

  it('index-vault guard puts a file back byte for byte, mode and mtime included, when the command fails', async () => {
    const root = await tempDir();
    const file = path.join(root, 'f.db');
    await fsp.writeFile(file, 'precious\n');
    await fsp.chmod(file, 0o640);
    const before = await fileState(file);
    const backupDir = path.join(root, 'bk');
    const err: string[] = [];
    const cliIo = { stdout: { write: () => true }, stderr: { write: (s: string) => err.push(s) }, env: {} };
    const code = await runCli(
      ['guard', file, '--backup-dir', backupDir, '--', 'sh', '-c', `echo x > '${file}'; chmod 600 '${file}'; exit 1`],
      cliIo,
    );
    expect(code).toBe(1);
    expect(err.join('')).toMatch(/rolled back/);
    expect(await fileState(file)).toEqual(before);
    expect(await backupsIn(backupDir)).toEqual([]);
  });

  it('BackupManager (directory-copy) restores a file replaced by a directory, and one that was deleted', async () => {
    const root = await tempDir();
    const file = path.join(root, 'single.sqlite');
    await fsp.writeFile(file, Buffer.alloc(200_000, 3));
    await fsp.chmod(file, 0o751);
    const before = await fileState(file);
    const manager = new BackupManager({ target: file, backupDir: path.join(root, 'bk'), logger: silent });
    const b = await manager.createBackup('directory-copy');
    await fsp.rm(file);
    await writeTree(file, { 'x.txt': 'a directory now' });
    await manager.restoreBackup(b.id);
    expect(await fileState(file)).toEqual(before);
    await fsp.rm(file);
    await manager.restoreBackup(b.id);
    expect(await fileState(file)).toEqual(before);
    expect((await fsp.readdir(root)).sort()).toEqual(['bk', 'single.sqlite']);
  });

  it('a damaged file copy is E_INTEGRITY and leaves the file as the operation left it', async () => {
    const root = await tempDir();
    const file = path.join(root, 'f.db');
    await fsp.writeFile(file, 'original');
    const backupDir = path.join(root, 'bk');
    const manager = new BackupManager({ target: file, backupDir, logger: silent });
    const b = await manager.createBackup();
    await fsp.writeFile(file, 'changed');
    // Same length, other bytes: only the digest can tell.
    await fsp.writeFile(path.join(b.path, 'file'), 'ORIGINAL');
    await expect(manager.restoreBackup(b.id)).rejects.toMatchObject({ code: 'E_INTEGRITY' });
    expect(await fsp.readFile(file, 'utf8')).toBe('changed');
    expect((await fsp.readdir(root)).sort()).toEqual(['bk', 'f.db']);
  });

  it('a symlink guards what it points to and stays a symlink', async () => {
    const root = await tempDir();
    const real = path.join(root, 'data', 'real.db');
    await writeTree(path.join(root, 'data'), { 'real.db': 'precious' });
    const link = path.join(root, 'current.db');
    await fsp.symlink(path.join('data', 'real.db'), link);
    await expect(
      withBackup(
        link,
        async () => {
          await fsp.writeFile(link, 'half written');
          throw new Error('failed');
        },
        { backupDir: path.join(root, 'bk') },
      ),
    ).rejects.toThrow('failed');
    expect(await fsp.readFile(real, 'utf8')).toBe('precious');
    expect(await fsp.readlink(link)).toBe(path.join('data', 'real.db'));

    // A symlink to a directory: the directory is rolled back, the link left as it is.
    const dirLink = path.join(root, 'index-link');
    await writeTree(path.join(root, 'index'), { 'a.txt': 'alpha' });
    await fsp.symlink('index', dirLink);
    const before = await describeTree(path.join(root, 'index'));
    await expect(
      withBackup(
        dirLink,
        async () => {
          await fsp.writeFile(path.join(dirLink, 'a.txt'), 'broken');
          await fsp.writeFile(path.join(dirLink, 'b.txt'), 'new');
          throw new Error('failed');
        },
        { backupDir: path.join(root, 'bk') },
      ),
    ).rejects.toThrow('failed');
    expect(await describeTree(path.join(root, 'index'))).toEqual(before);
    expect((await fsp.lstat(dirLink)).isSymbolicLink()).toBe(true);

    // A dangling link: what it points to does not exist yet, so the rollback removes what was created there.
    const dangling = path.join(root, 'next.db');
    await fsp.symlink('data/next-real.db', dangling);
    await expect(
      withBackup(
        dangling,
        async () => {
          await fsp.writeFile(dangling, 'partial');
          throw new Error('failed');
        },
        { backupDir: path.join(root, 'bk') },
      ),
    ).rejects.toThrow('failed');
    expect(fs.existsSync(path.join(root, 'data', 'next-real.db'))).toBe(false);
    expect(await fsp.readlink(dangling)).toBe('data/next-real.db');
  });

  it('a link the operation points elsewhere is not followed by the rollback: E_ROLLBACK, backup kept, nothing overwritten', async () => {
    const root = await tempDir();
    await writeTree(root, { 'a.db': 'version a', 'b.db': 'other data' });
    const link = path.join(root, 'current.db');
    await fsp.symlink('a.db', link);
    const backupDir = path.join(root, 'bk');
    const caught = await withBackup(
      link,
      async () => {
        await fsp.writeFile(link, 'a half written');
        await fsp.rm(link);
        await fsp.symlink('b.db', link);
        throw new Error('failed');
      },
      { backupDir, logger: silent },
    ).catch((e: unknown) => e);
    expect(caught).toMatchObject({ code: 'E_ROLLBACK' });
    expect(await fsp.readFile(path.join(root, 'b.db'), 'utf8')).toBe('other data');
    expect(await backupsIn(backupDir)).toHaveLength(1);
  });

  it.skipIf(process.platform === 'win32')('refuses a special file up front with E_VALIDATION and keeps nothing', async () => {
    const root = await tempDir();
    const fifo = path.join(root, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const backupDir = path.join(root, 'bk');
    const manager = new BackupManager({ target: fifo, backupDir, logger: silent });
    await expect(manager.createBackup('directory-copy')).rejects.toMatchObject({ code: 'E_VALIDATION' });
    expect(await backupsIn(backupDir)).toEqual([]);
    expect((await fsp.lstat(fifo)).isFIFO()).toBe(true);
  });

  it('a directory the operation replaced by a file comes back as the directory', async () => {
    const root = await tempDir();
    const target = path.join(root, 'index');
    await writeTree(target, { 'a.txt': 'alpha', 'sub/b.txt': 'beta' });
    const before = await describeTree(target);
    await expect(
      withBackup(
        target,
        async () => {
          await fsp.rm(target, { recursive: true });
          await fsp.writeFile(target, 'not a directory');
          throw new Error('failed');
        },
        { backupDir: path.join(root, 'bk'), logger: silent },
      ),
    ).rejects.toThrow('failed');
    expect(await describeTree(target)).toEqual(before);
    expect((await fsp.readdir(root)).sort()).toEqual(['bk', 'index']);
  });

  it('a file the operation creates is removed by the rollback', async () => {
    const root = await tempDir();
    const file = path.join(root, 'new.db');
    await expect(
      withBackup(
        file,
        async () => {
          await fsp.writeFile(file, 'partial');
          throw new Error('failed');
        },
        { backupDir: path.join(root, 'bk') },
      ),
    ).rejects.toThrow('failed');
    expect((await fsp.readdir(root)).sort()).toEqual(['bk']);
  });
});

describe('damaged backup records', () => {
  async function takeBackup() {
    const root = await tempDir();
    const target = path.join(root, 'index');
    await writeTree(target, { 'a.txt': 'alpha' });
    const backupDir = path.join(root, 'bk');
    const manager = new BackupManager({ target, backupDir, logger: silent });
    const b = await manager.createBackup();
    await fsp.writeFile(path.join(target, 'a.txt'), 'changed by the operation');
    const record = path.join(b.path, 'backup.json');
    return { root, target, manager, b, record, json: JSON.parse(await fsp.readFile(record, 'utf8')) as Record<string, unknown> };
  }

  it('a record that is not JSON, of the wrong shape or missing is E_INTEGRITY naming the file; the target is left alone', async () => {
    const { target, manager, b, record, json } = await takeBackup();
    const damages: Array<string | undefined> = [
      '{"id": "backup_',
      '[]',
      'null',
      JSON.stringify({ ...json, id: 'backup_2000-01-01T00-00-00-000Z' }),
      JSON.stringify({ ...json, strategy: 'zip' }),
      JSON.stringify({ ...json, state: { absent: 'no' } }),
      JSON.stringify({ ...json, state: { absent: false, kind: 'dir' } }),
      JSON.stringify({ ...json, state: { absent: false, kind: 'file', sha256: 'x', size: 1, mode: 0o644, mtimeMs: 0 } }),
      JSON.stringify({ ...json, state: undefined }),
      undefined,
    ];
    for (const text of damages) {
      if (text === undefined) await fsp.rm(record);
      else await fsp.writeFile(record, text);
      const err = await manager.restoreBackup(b.id).then(
        () => new Error(`restored from ${text}`),
        (e: unknown) => e,
      );
      expect(err, String(text)).toMatchObject({ code: 'E_INTEGRITY' });
      expect((err as Error).message).toContain(record);
      expect(await fsp.readFile(path.join(target, 'a.txt'), 'utf8')).toBe('changed by the operation');
    }
    // An id with no backup at all is another matter.
    await fsp.rm(b.path, { recursive: true });
    await expect(manager.restoreBackup(b.id)).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    expect(await manager.listBackups()).toEqual([]);
  });

  it('a lance-version record cannot point the rollback at another database', async () => {
    const root = await tempDir();
    const dbDir = await makeDb(root);
    const other = await makeDb(path.join(root, 'other'));
    const otherBefore = await state(other);
    const manager = new BackupManager({ target: dbDir, backupDir: path.join(root, 'bk'), strategy: 'lance-version', logger: silent });
    const b = await manager.createBackup();
    const record = path.join(b.path, 'backup.json');
    const json = JSON.parse(await fsp.readFile(record, 'utf8')) as { state: Record<string, unknown> };
    // An adversary's record: the other database, with all its tables unknown (so they would be dropped).
    await fsp.writeFile(record, JSON.stringify({ ...json, state: { ...json.state, db: other, tables: [] } }));
    await expect(manager.restoreBackup(b.id)).rejects.toMatchObject({ code: 'E_INTEGRITY' });
    expect(await state(other)).toEqual(otherBefore);
  });
});

describe('LanceDB failures are E_LANCE', () => {
  it('a damaged table under lance-version is E_LANCE (exit 13) with the LanceDB error as cause, and the operation does not run', async () => {
    const root = await tempDir();
    const dbDir = await makeDb(root);
    const versions = path.join(dbDir, 'docs.lance', '_versions');
    for (const n of await fsp.readdir(versions)) await fsp.writeFile(path.join(versions, n), 'not a manifest');
    let ran = false;
    const err = await withBackup(dbDir, () => void (ran = true), {
      strategy: 'lance-version',
      backupDir: path.join(root, 'bk'),
      logger: silent,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LanceError);
    expect(err).toMatchObject({ code: 'E_LANCE' });
    expect((err as Error).cause).toBeInstanceOf(Error);
    expect(isIndexVaultError((err as Error).cause)).toBe(false);
    expect(ran).toBe(false);
    expect(EXIT_CODES.E_LANCE).toBe(13);
    const code = await runCli(
      ['guard', dbDir, '--strategy', 'lance-version', '--backup-dir', path.join(root, 'bk'), '--quiet', '--', process.execPath, '-e', '0'],
      {
        stdout: { write: () => true },
        stderr: { write: () => true },
        env: {},
      },
    );
    expect(code).toBe(13);
  });

  it('a write LanceDB rejects is E_LANCE with its error as cause, and adds no version', async () => {
    const root = await tempDir();
    const dbDir = await makeDb(root);
    const db = await lancedb.connect(dbDir);
    const t = await db.openTable('docs');
    const version = await t.version();
    for (const write of [
      () => addWithBackup(t, [{ id: 'not a number', nope: true }] as never),
      () => deleteWithBackup(t, 'no_such_column = 1'),
      () => updateWithBackup(t, { where: 'id = 1', values: { no_such_column: 1 } }),
    ]) {
      const err = await write().catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'E_LANCE' });
      expect((err as Error).cause).toBeInstanceOf(Error);
      expect(await t.version()).toBe(version);
    }
    expect(await t.countRows()).toBe(400);
    expect(await (await t.tags()).list()).toEqual({});
    t.close();
    db.close();
  });

  it('lance-version leaves the version alone when the failed operation committed nothing', async () => {
    const root = await tempDir();
    const dbDir = await makeDb(root);
    const versionOf = async () => {
      const db = await lancedb.connect(dbDir);
      const t = await db.openTable('docs');
      const v = await t.version();
      t.close();
      db.close();
      return v;
    };
    const version = await versionOf();
    await expect(
      withBackup(
        dbDir,
        () => {
          throw new Error('validation failed before any write');
        },
        { strategy: 'lance-version', backupDir: path.join(root, 'bk'), logger: silent },
      ),
    ).rejects.toThrow('validation failed');
    expect(await versionOf()).toBe(version);
  });
});

describe('where kept backups live', () => {
  it('defaults to a per-user data directory that survives a reboot, or INDEX_VAULT_BACKUP_DIR', async () => {
    const root = await tempDir();
    expect(defaultBackupDir({ INDEX_VAULT_BACKUP_DIR: path.join(root, 'kept') })).toBe(path.join(root, 'kept'));
    if (process.platform !== 'win32') {
      expect(defaultBackupDir({ XDG_DATA_HOME: '/srv/data' })).toBe(path.join('/srv/data', 'index-vault', 'backups'));
      expect(defaultBackupDir({})).toBe(path.join(os.homedir(), '.local', 'share', 'index-vault', 'backups'));
    }
    expect(defaultBackupDir({}).startsWith(os.tmpdir())).toBe(false);
    const saved = process.env.INDEX_VAULT_BACKUP_DIR;
    process.env.INDEX_VAULT_BACKUP_DIR = path.join(root, 'kept');
    try {
      expect(new BackupManager({ target: path.join(root, 'index') }).backupDir).toBe(path.join(root, 'kept'));
    } finally {
      if (saved === undefined) delete process.env.INDEX_VAULT_BACKUP_DIR;
      else process.env.INDEX_VAULT_BACKUP_DIR = saved;
    }
    // Never inside the guarded directory, not even through a symlink.
    await fsp.mkdir(path.join(root, 'index'));
    await fsp.symlink(path.join(root, 'index'), path.join(root, 'alias'));
    expect(() => new BackupManager({ target: path.join(root, 'index'), backupDir: path.join(root, 'alias', 'bk') })).toThrow(
      /inside the guarded directory/,
    );
  });

  it('the CLI says where the backup is, and a failed rollback names it at error level and in E_ROLLBACK', async () => {
    const root = await tempDir();
    const target = path.join(root, 'index');
    await writeTree(target, { 'a.txt': 'alpha' });
    const backupDir = path.join(root, 'kept');
    const err: string[] = [];
    // The command destroys the backup's store, so the rollback cannot succeed.
    const script = `require('fs').rmSync(require('path').join(${JSON.stringify(backupDir)}, require('fs').readdirSync(${JSON.stringify(backupDir)})[0], 'store'), { recursive: true }); process.exit(1)`;
    const code = await runCli(['guard', target, '--', process.execPath, '-e', script], {
      stdout: { write: () => true },
      stderr: { write: (s: string) => err.push(s) },
      env: { INDEX_VAULT_BACKUP_DIR: backupDir },
    });
    expect(code).toBe(12);
    const [id] = await backupsIn(backupDir);
    const kept = path.join(backupDir, id!);
    const out = err.join('');
    expect(out).toContain(`in ${kept}`);
    expect(out).toMatch(new RegExp(`^error: .*kept in ${kept.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    expect(out).toMatch(/E_ROLLBACK: .*the backup is kept in/);
  });

  it('the library logs a failed rollback at error level through the injected logger', async () => {
    const root = await tempDir();
    const target = path.join(root, 'index');
    await writeTree(target, { 'a.txt': 'alpha' });
    const backupDir = path.join(root, 'kept');
    const errors: string[] = [];
    const caught = await withBackup(
      target,
      async () => {
        const [id] = await backupsIn(backupDir);
        await fsp.rm(path.join(backupDir, id!, 'store'), { recursive: true });
        throw new Error('operation broke');
      },
      { backupDir, logger: { ...silent, error: (m) => errors.push(m) } },
    ).catch((e: unknown) => e);
    expect(caught).toMatchObject({ code: 'E_ROLLBACK' });
    const [id] = await backupsIn(backupDir);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/rolling .* back failed/);
    expect(errors[0]).toContain(path.join(backupDir, id!));
  });
});

describe.each(['directory-copy', 'lance-version'] as const)('the guarded directory is locked for the whole operation (%s)', (strategy) => {
  const made = async (root: string) => {
    if (strategy === 'lance-version') return makeDb(root);
    const target = path.join(root, 'index');
    await writeTree(target, { 'a.txt': 'alpha', 'b/c.txt': 'gamma' });
    return target;
  };

  it('a backup or restore of the directory while the guarded command runs gets E_LOCKED naming the guard', async () => {
    const root = await tempDir();
    const target = await made(root);
    const store = new LocalStore(path.join(root, 'store'));
    await backup({ source: target, store, series: 'idx', logger: silent });
    const before = strategy === 'lance-version' ? await state(target) : await describeTree(target);
    const started = path.join(root, 'started');
    const go = path.join(root, 'go');
    // The command says it runs, changes the directory, then waits for the test before failing.
    const script =
      `const fs=require('fs');fs.writeFileSync(${JSON.stringify(path.join(target, 'stray.txt'))},'x');fs.writeFileSync(${JSON.stringify(started)},'');` +
      `const t=setInterval(()=>{if(fs.existsSync(${JSON.stringify(go)})){clearInterval(t);process.exit(1)}},20)`;
    const guarded = runCli(
      ['guard', target, '--strategy', strategy, '--backup-dir', path.join(root, 'bk'), '--quiet', '--', process.execPath, '-e', script],
      {
        stdout: { write: () => true },
        stderr: { write: () => true },
        env: {},
      },
    );
    try {
      while (!fs.existsSync(started)) await new Promise((r) => setTimeout(r, 20));
      const second = await backup({ source: target, store, series: 'idx', logger: silent }).catch((e: unknown) => e);
      expect(second).toMatchObject({ code: 'E_LOCKED' });
      expect((second as Error).message).toContain('index-vault guard');
      await expect(restore({ target, store, series: 'idx', force: true, logger: silent })).rejects.toMatchObject({ code: 'E_LOCKED' });
    } finally {
      await fsp.writeFile(go, '');
    }
    expect(await guarded).toBe(1);
    if (strategy === 'directory-copy') expect(await describeTree(target)).toEqual(before);
    else expect(await state(target)).toEqual(before);
    // Released once the rollback is done.
    await expect(backup({ source: target, store, series: 'idx', logger: silent })).resolves.toMatchObject({ series: 'idx' });
  });

  it('withBackup holds the lock while its operation runs', async () => {
    const root = await tempDir();
    const target = await made(root);
    const store = new LocalStore(path.join(root, 'store'));
    const inside = await withBackup(
      target,
      () => backup({ source: target, store, series: 'idx', logger: silent }).catch((e: unknown) => e),
      {
        strategy,
        backupDir: path.join(root, 'bk'),
        logger: silent,
      },
    );
    expect(inside).toMatchObject({ code: 'E_LOCKED' });
    expect((inside as Error).message).toContain('withBackup');
  });
});
