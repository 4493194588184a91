import fs from 'node:fs/promises';
import path from 'node:path';
import { importOptional } from '../formats/optional-module.js';
import { IndexVaultError, isIndexVaultError, LanceError, NotFoundError, UnsupportedError, ValidationError } from '../shared/errors.js';
import { detectLance } from '../formats/lancedb.js';
import type { Strategy } from './strategy.js';

type LanceModule = typeof import('@lancedb/lancedb');
type Connection = Awaited<ReturnType<LanceModule['connect']>>;
/** The parts of a LanceDB table the version strategy uses. */
export type LanceTable = Awaited<ReturnType<Connection['openTable']>>;

/** `@lancedb/lancedb` is an optional peer dependency: loaded only when this strategy runs. */
export async function loadLance(): Promise<LanceModule> {
  try {
    return await importOptional<typeof import('@lancedb/lancedb')>('@lancedb/lancedb');
  } catch (err) {
    throw new UnsupportedError('the lance-version strategy needs the @lancedb/lancedb package', {
      cause: err,
      hint: 'npm install @lancedb/lancedb, or use the directory-copy strategy',
    });
  }
}

/**
 * Runs LanceDB calls; what LanceDB throws becomes a LanceError (E_LANCE) saying what was being
 * done, with LanceDB's own error as `cause`. Our own errors pass through unchanged.
 */
export async function lanceCall<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isIndexVaultError(err)) throw err;
    const message = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    throw new LanceError(`LanceDB could not ${what}: ${message}`, {
      cause: err,
      hint: 'the table may be damaged, or the write does not fit its schema',
    });
  }
}

export function tagName(id: string): string {
  return `index-vault-${id}`;
}

/** Pins the table's current version with a tag, so `optimize` cleanup cannot delete it. */
export async function pinVersion(table: LanceTable, tag: string): Promise<number> {
  const version = await table.version();
  await (await table.tags()).create(tag, version);
  return version;
}

/**
 * Makes `version` the table's newest version again (a new commit holding the old content), but
 * only if the table moved past it: an operation that committed nothing leaves no new version.
 * Says whether it rolled back.
 */
export async function rollbackTo(table: LanceTable, version: number): Promise<boolean> {
  // The handle may lag behind commits made through other handles; judge by the newest version.
  await table.checkoutLatest();
  if ((await table.version()) === version) return false;
  await table.checkout(version);
  await table.restore();
  return true;
}

/** Removes the pin; a tag that is already gone is fine. */
export async function unpin(table: LanceTable, tag: string): Promise<void> {
  try {
    await (await table.tags()).delete(tag);
  } catch (err) {
    if (!/not (exist|found)/i.test((err as Error).message)) throw err;
  }
}

interface Layout {
  /** Directory to connect to. */
  db: string;
  /** A single table directory (`…/name.lance`) is guarded alone. */
  single?: string;
}

async function layoutOf(target: string): Promise<Layout> {
  const tables = await detectLance(target);
  if (tables?.length === 1 && tables[0] === '') return { db: path.dirname(target), single: path.basename(target).replace(/\.lance$/, '') };
  if (tables) return { db: target };
  const names = await fs.readdir(target).catch(() => [] as string[]);
  if (names.length > 0) {
    throw new ValidationError(`${target} is neither a LanceDB database nor a table directory`, {
      hint: 'use the directory-copy strategy for other directories',
    });
  }
  return { db: target };
}

/** Opens the database for `fn`; any LanceDB failure on the way is an E_LANCE error saying what it could not do to `db`. */
async function withConnection<T>(db: string, what: string, fn: (conn: Connection) => Promise<T>): Promise<T> {
  const lancedb = await loadLance();
  return lanceCall(`${what} ${db}`, async () => {
    const conn = await lancedb.connect(db);
    try {
      return await fn(conn);
    } finally {
      conn.close();
    }
  });
}

async function withTable<T>(conn: Connection, name: string, fn: (t: LanceTable) => Promise<T>): Promise<T> {
  const table = await conn.openTable(name);
  try {
    return await fn(table);
  } finally {
    table.close();
  }
}

interface PinnedTable {
  name: string;
  version: number;
}

/**
 * Records each table's version and tags it; a rollback commits that version again. Nothing is
 * copied, so it costs milliseconds whatever the table's size. Tables created by the operation
 * are dropped on rollback; a table the operation dropped cannot be brought back (its files are gone).
 */
export const lanceVersion: Strategy = {
  checkState(s, target) {
    if (typeof s.tag !== 'string' || s.tag === '') return 'the state names no tag';
    if (s.single !== null && (typeof s.single !== 'string' || s.single === '')) return 'the state has an invalid table name';
    // The database is where the target says, never a path taken from the record alone.
    const db = s.single === null ? target : path.dirname(target);
    if (s.db !== db) return `the state names database ${JSON.stringify(s.db)}, not ${JSON.stringify(db)}`;
    if (s.single !== null && s.single !== path.basename(target).replace(/\.lance$/, ''))
      return `the state names table ${JSON.stringify(s.single)}, not the target`;
    if (!Array.isArray(s.tables)) return 'the state has no table list';
    for (const t of s.tables as unknown[]) {
      const o = t as Record<string, unknown> | null;
      if (typeof o?.name !== 'string' || typeof o.version !== 'number' || !Number.isInteger(o.version) || o.version < 1)
        return 'the state has an invalid table entry';
    }
    return undefined;
  },

  async create(ctx) {
    const layout = await layoutOf(ctx.target);
    const tag = tagName(ctx.id);
    return withConnection(layout.db, 'tag the versions of', async (conn) => {
      const names = layout.single ? [layout.single] : await conn.tableNames();
      const pinned: PinnedTable[] = [];
      try {
        for (const name of names) pinned.push({ name, version: await withTable(conn, name, (t) => pinVersion(t, tag)) });
      } catch (err) {
        for (const p of pinned) await withTable(conn, p.name, (t) => unpin(t, tag)).catch(() => {});
        throw err;
      }
      return { db: layout.db, single: layout.single ?? null, tag, tables: pinned };
    });
  },

  async restore(ctx, state) {
    const tables = state.tables as PinnedTable[];
    const failures: string[] = [];
    await withConnection(String(state.db), 'roll back', async (conn) => {
      const present = new Set(await conn.tableNames());
      if (state.single === null) {
        const known = new Set(tables.map((t) => t.name));
        for (const name of present) if (!known.has(name)) await conn.dropTable(name);
      }
      for (const t of tables) {
        if (!present.has(t.name)) {
          failures.push(`table ${t.name} was dropped by the operation and cannot be brought back by version`);
          continue;
        }
        const moved = await withTable(conn, t.name, (table) => rollbackTo(table, t.version));
        ctx.logger.debug(
          moved ? `table ${t.name} is back at the content of version ${t.version}` : `table ${t.name} is still at version ${t.version}`,
        );
      }
    });
    if (failures.length > 0) {
      throw new NotFoundError(failures.join('; '), { hint: 'use the directory-copy strategy for operations that drop tables' });
    }
  },

  async cleanup(ctx, state) {
    const tables = state.tables as PinnedTable[];
    await withConnection(String(state.db), 'untag', async (conn) => {
      const present = new Set(await conn.tableNames());
      const errors: string[] = [];
      for (const t of tables) {
        if (!present.has(t.name)) continue;
        await withTable(conn, t.name, (table) => unpin(table, String(state.tag))).catch((err: Error) =>
          errors.push(`${t.name}: ${err.message}`),
        );
      }
      if (errors.length > 0)
        throw new IndexVaultError('E_IO', `cannot remove the backup tag ${String(state.tag)} from ${errors.join('; ')}`, {
          hint: 'delete the tag with table.tags().delete(…)',
        });
    });
  },
};
