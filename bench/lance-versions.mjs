// A LanceDB table with many versions: one small append per commit, as an index fed row by row.
import path from 'node:path';
import { randomBytes } from './dataset.mjs';

const rows = (from, count) => {
  const r = randomBytes(`lance-versions:${from}`, count * 32 * 2);
  return Array.from({ length: count }, (_, i) => ({
    id: from + i,
    text: `document ${from + i}`,
    vector: Array.from({ length: 32 }, (_, j) => Math.round((r.readUInt16LE((i * 32 + j) * 2) / 65536 - 0.5) * 200) / 100),
  }));
};

/** `dir`/docs.lance with `versions` versions, each adding 10 rows. */
export async function lanceVersionsTable(dir, versions) {
  const lance = await import('@lancedb/lancedb');
  const db = await lance.connect(dir);
  const table = await db.createTable('docs', rows(0, 10));
  for (let v = 2; v <= versions; v++) {
    await table.add(rows((v - 1) * 10, 10));
    if (v % 1000 === 0) console.error(`  ${v} versions`);
  }
  table.close();
  db.close();
}

/** The newest version and row count of `dir`/docs.lance, read by LanceDB itself. */
export async function openLanceTable(dir) {
  const lance = await import('@lancedb/lancedb');
  const db = await lance.connect(path.resolve(dir));
  const table = await db.openTable('docs');
  const out = { version: await table.version(), rows: await table.countRows() };
  table.close();
  db.close();
  return out;
}
