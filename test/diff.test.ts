import fs from 'node:fs/promises';
import path from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { backup } from '../src/engine/backup/backup.js';
import { diffIndexFacts } from '../src/formats/facts-diff.js';
import { LocalStore } from '../src/storage/local-store.js';
import { runAction } from './support/action-runner.js';
import { craftSnapshot, record } from './support/craft.js';
import { seededBytes, silent, tempDir, writeTree } from './support/fixtures.js';

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
    env: {},
  });
  const stdout = out.join('');
  return { code, stdout, stderr: err.join(''), json: () => JSON.parse(stdout) };
}

/** Three snapshots of one tree: s1; s2 renames, changes, removes and adds; s3 adds one more file. */
async function history() {
  const root = await tempDir();
  const src = path.join(root, 'idx');
  await writeTree(src, { 'a.bin': seededBytes(1, 30_000), 'b.txt': 'beta', 'c.txt': 'gamma', 'same.txt': 'same' });
  const store = path.join(root, 'vault');
  const s = new LocalStore(store);
  const s1 = await backup({ source: src, store: s, logger: silent });
  await fs.mkdir(path.join(src, 'moved'));
  await fs.rename(path.join(src, 'a.bin'), path.join(src, 'moved', 'a.bin'));
  await fs.writeFile(path.join(src, 'b.txt'), 'beta, longer now');
  await fs.rm(path.join(src, 'c.txt'));
  await fs.writeFile(path.join(src, 'd.txt'), 'delta');
  const s2 = await backup({ source: src, store: s, logger: silent });
  await fs.writeFile(path.join(src, 'e.txt'), 'epsilon');
  const s3 = await backup({ source: src, store: s, logger: silent });
  return { root, src, store, ids: [s1.id, s2.id, s3.id] };
}

describe('index-vault diff', () => {
  it('lists added, changed, removed and renamed files with sizes, as text and as JSON (default: the newest and its parent)', async () => {
    const h = await history();
    const j = await cli('diff', h.ids[1]!, '--store', h.store, '--json');
    expect(j.code, j.stderr).toBe(0);
    expect(j.json()).toMatchObject({
      ok: true,
      series: 'idx',
      from: { id: h.ids[0], kind: 'full', files: 4 },
      to: { id: h.ids[1], kind: 'incremental', files: 4 },
      added: 1,
      changed: 1,
      removed: 1,
      renamed: 1,
      unchanged: 1,
      changedBytes: 5 + 16,
      paths: {
        added: [{ path: 'd.txt', size: 5 }],
        changed: [{ path: 'b.txt', size: 16, sizeBefore: 4 }],
        removed: [{ path: 'c.txt', size: 5 }],
        renamed: [{ from: 'a.bin', to: 'moved/a.bin', size: 30_000 }],
      },
    });
    expect(j.json().index).toBeUndefined();
    const t = await cli('diff', h.ids[0]!, h.ids[1]!, '--store', h.store);
    expect(t.code, t.stderr).toBe(0);
    const lines = t.stdout.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^idx: ${h.ids[0]} \\(full, 4 files, [^)]+\\) -> ${h.ids[1]} \\(incremental, 4 files, [^)]+\\)$`));
    expect(lines[1]).toMatch(/^1 added, 1 changed, 1 removed, 1 renamed, 1 unchanged; 21 B of new or changed files$/);
    expect(lines.slice(2)).toEqual(['+ d.txt (5 B)', '~ b.txt (4 B -> 16 B)', '- c.txt (5 B)', '> a.bin -> moved/a.bin (29.3 KiB)']);
    // No argument: the newest against its parent.
    const latest = await cli('diff', '--store', h.store, '--json');
    expect(latest.json()).toMatchObject({
      from: { id: h.ids[1] },
      to: { id: h.ids[2] },
      added: 1,
      paths: { added: [{ path: 'e.txt', size: 7 }] },
      changed: 0,
      removed: 0,
      renamed: 0,
    });
  });

  it('resolves latest and latest~N; a name that is no snapshot of the series is one E_NOT_FOUND line', async () => {
    const h = await history();
    const span = (await cli('diff', 'latest~2', 'latest', '--store', h.store, '--name', 'idx', '--json')).json();
    expect(span).toMatchObject({ from: { id: h.ids[0] }, to: { id: h.ids[2] }, added: 2, changed: 1, removed: 1, renamed: 1 });
    expect((await cli('diff', 'latest~1', '--store', h.store, '--json')).json()).toMatchObject({
      from: { id: h.ids[0] },
      to: { id: h.ids[1] },
    });
    // The first snapshot has nothing before it: everything is added.
    expect((await cli('diff', 'latest~2', '--store', h.store, '--json')).json()).toMatchObject({ from: null, added: 4, removed: 0 });
    for (const bad of ['latest~3', 'lastest', '20200101T000000000Z-00000000', h.ids[0]!.replace(/.$/, (c) => (c === '0' ? '1' : '0'))]) {
      const r = await cli('diff', bad, '--store', h.store, '--name', 'idx');
      expect(r.code, bad).toBe(3);
      expect(r.stderr.trim().split('\n'), bad).toHaveLength(1);
      expect(r.stderr).toMatch(/^index-vault: E_NOT_FOUND: no snapshot/);
    }
    expect((await cli('diff', 'latest~3', '--store', h.store)).stderr).toMatch(/no snapshot latest~3: there are 3 snapshots in series idx/);
    const three = await cli('diff', 'a', 'b', 'c', '--store', h.store);
    expect(three.code).toBe(2);
    expect(three.stderr).toMatch(/E_VALIDATION: diff takes at most two snapshots/);
  });

  it("shows a LanceDB table's version and row-count change, from the lancedb format module", async () => {
    const root = await tempDir();
    const dbDir = path.join(root, 'db');
    const db = await lancedb.connect(dbDir);
    const rows = (from: number, n: number) => Array.from({ length: n }, (_, k) => ({ id: from + k, vector: [from + k, 1, 2, 3] }));
    const table = await db.createTable('docs', rows(0, 100));
    const store = path.join(root, 'vault');
    await backup({ source: dbDir, store: new LocalStore(store), logger: silent });
    await table.add(rows(100, 50));
    await db.createTable('notes', rows(0, 7));
    table.close();
    db.close();
    await backup({ source: dbDir, store: new LocalStore(store), logger: silent });
    const j = (await cli('diff', '--store', store, '--json')).json();
    expect(j.index).toMatchObject({
      format: 'lancedb',
      detail: {
        tables: [
          { table: 'docs', status: 'changed', version: { before: 1, after: 2 }, rows: { before: 100, after: 150 } },
          { table: 'notes', status: 'added', version: { before: null, after: 1 }, rows: { before: null, after: 7 } },
        ],
      },
    });
    expect(j.added).toBeGreaterThan(0);
    const t = await cli('diff', '--store', store);
    expect(t.stdout).toContain('lancedb: table docs: version 1 -> 2, rows 100 -> 150 (+50)');
    expect(t.stdout).toContain('lancedb: table notes: added at version 1, 7 rows');
  });

  it('reads Tantivy segments added and merged away from the facts; malformed or hostile facts give no error and no forged line', () => {
    const seg = (c: string, docs: number) => ({ id: c.repeat(32), docs });
    const d = diffIndexFacts(
      { format: 'tantivy', facts: { opstamp: 10, docs: 30, segments: [seg('a', 10), seg('b', 20)] } },
      { format: 'tantivy', facts: { opstamp: 14, docs: 45, segments: [seg('c', 30), seg('d', 15)] } },
    )!;
    expect(d.detail).toMatchObject({
      docs: { before: 30, after: 45 },
      segmentsAdded: [seg('c', 30), seg('d', 15)],
      segmentsMergedAway: [seg('a', 10), seg('b', 20)],
    });
    expect(d.lines).toEqual([
      'documents 30 -> 45 (+15), opstamp 10 -> 14',
      'segments added: 2: cccccccc (30 docs), dddddddd (15 docs)',
      'segments merged away: 2: aaaaaaaa (10 docs), bbbbbbbb (20 docs)',
    ]);
    expect(
      diffIndexFacts({ format: 'dir' }, { format: 'lancedb', facts: { tables: [{ table: 'docs', version: 3, rows: 9 }] } })!.lines,
    ).toEqual(['format dir -> lancedb', 'table docs: added at version 3, 9 rows']);
    expect(diffIndexFacts(undefined, { format: 'dir' })).toBeUndefined();
    for (const facts of [
      null,
      'x',
      7,
      [],
      { tables: 'x' },
      { tables: [null, 1, { table: 5 }] },
      { segments: {} },
      { segments: [null, { id: 1 }] },
    ]) {
      expect(() => diffIndexFacts({ format: 'lancedb', facts }, { format: 'lancedb', facts })).not.toThrow();
      expect(() => diffIndexFacts({ format: 'tantivy', facts }, { format: 'tantivy', facts })).not.toThrow();
    }
    const sneaky = diffIndexFacts(undefined, {
      format: 'lancedb',
      facts: { tables: [{ table: 'x\nlancedb: table y: removed', version: 1, rows: 1 }] },
    })!;
    expect(sneaky.lines).toHaveLength(1);
    expect(sneaky.lines[0]).not.toContain('\n');
  });

  it('a forged manifest with hostile facts and paths diffs without an internal error or a forged line', async () => {
    const root = await tempDir();
    const store = new LocalStore(path.join(root, 'vault'));
    const body = Buffer.from('hello');
    await craftSnapshot(store, 'evil', {
      entries: [{ path: 'a.txt', type: 'file', content: body }],
      records: [record({ path: 'a.txt', type: 'File', size: body.length, body })],
      mutate: (m) =>
        void (m.source = {
          name: 'evil',
          format: 'lancedb',
          platform: 'linux',
          facts: {
            tables: [
              { table: 'ok\n+ planted.txt (1 B)', version: 1, rows: 2 },
              { table: 'n', version: -1, rows: 'many' },
            ],
          },
        }),
    });
    const r = await cli('diff', '--store', path.join(root, 'vault'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('+ '))).toEqual(['+ a.txt (5 B)']);
    expect(r.stdout).toContain('lancedb: table "ok\\n+ planted.txt (1 B)": added at version 1, 2 rows');
  });

  it('with a signing key, refuses to compare unsigned snapshots', async () => {
    const h = await history();
    const r = await cli('diff', '--store', h.store, '--signing-key', 'k:0123456789abcdef0123456789abcdef');
    expect(r.code).toBe(14);
    expect(r.stderr).toMatch(/^index-vault: E_SIGNATURE: snapshot \S+ of idx: it is not signed/);
  });
});

describe("the action's job summary", () => {
  it('shows the diff against the previous snapshot for a backup, and against the parent for a restore', async () => {
    const root = await tempDir();
    const ws = path.join(root, 'ws');
    const index = path.join(ws, 'data', 'index');
    await writeTree(index, { 'a.bin': seededBytes(5, 20_000), 'b.txt': 'beta', 'c.txt': 'gamma' });
    const store = path.join(root, 'vault');
    const base = { path: 'data/index', backend: 'local', store };
    const first = await runAction(ws, { ...base, mode: 'backup' });
    expect(first.code, first.stdout).toBe(0);
    expect(first.summary).toContain('is the first snapshot of the series');
    await fs.rename(path.join(index, 'a.bin'), path.join(index, 'z.bin'));
    await fs.writeFile(path.join(index, 'b.txt'), 'beta 2');
    await fs.rm(path.join(index, 'c.txt'));
    await fs.writeFile(path.join(index, 'd`x.txt'), 'new');
    const second = await runAction(ws, { ...base, mode: 'backup' });
    expect(second.code, second.stdout).toBe(0);
    expect(second.summary).toMatch(/\| files \| 3: 1 added, 1 changed, 1 removed, 1 renamed, 0 unchanged \|/);
    expect(second.summary).toContain(`Changes from \`${first.outputs['snapshot-id']}\` (full) to \`${second.outputs['snapshot-id']}\``);
    for (const line of [
      "- added `d'x.txt` (3 B)",
      '- changed `b.txt` (4 B → 6 B)',
      '- removed `c.txt` (5 B)',
      '- renamed `a.bin` → `z.bin` (19.5 KiB)',
    ])
      expect(second.summary).toContain(line);
    const ws2 = path.join(root, 'ws2');
    await fs.mkdir(ws2);
    const rest = await runAction(ws2, { ...base, mode: 'restore' });
    expect(rest.code, rest.stdout).toBe(0);
    expect(rest.summary).toContain(`Changes from \`${first.outputs['snapshot-id']}\` (full) to \`${second.outputs['snapshot-id']}\``);
    expect(rest.summary).toContain('- renamed `a.bin` → `z.bin`');
  });
});
