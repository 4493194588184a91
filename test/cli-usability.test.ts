import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeTree, tempDir, writeTree } from './support/fixtures.js';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const COMMANDS = ['backup', 'restore', 'verify', 'prune', 'list', 'diff', 'guard'];

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, INDEX_VAULT_STORE: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A store holding series `my-index` (one snapshot), and a scratch root beside it. */
async function oneSeries() {
  const root = await tempDir();
  const src = path.join(root, 'my-index');
  await writeTree(src, { 'a.txt': 'alpha', 'sub/b.txt': 'beta' });
  const store = path.join(root, 'vault');
  const b = cli(['backup', src, '--store', store, '--json']);
  expect(b.code, b.stderr).toBe(0);
  return { root, src, store, id: JSON.parse(b.stdout).id as string };
}

const oneErrorLine = (r: { stderr: string }, code: string) => {
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^index-vault: ${code}: `));
  return lines[0]!;
};

describe('series resolution', () => {
  it('restores the only series of a store into a directory of another name, without --name', async () => {
    const { root, src, store, id } = await oneSeries();
    const copy = path.join(root, 'copy');
    const r = cli(['restore', copy, '--store', store, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id, series: 'my-index' });
    expect(await describeTree(copy)).toEqual(await describeTree(src));
  });

  it('finds the series of --snapshot among several, and prefers the series named after the target', async () => {
    const { root, src, store, id } = await oneSeries();
    const other = path.join(root, 'copy');
    await writeTree(other, { 'other.txt': 'other' });
    expect(cli(['backup', other, '--store', store]).code).toBe(0); // series `copy` now exists too
    const elsewhere = path.join(root, 'elsewhere');
    const bySnapshot = cli(['restore', elsewhere, '--store', store, '--snapshot', id, '--json']);
    expect(bySnapshot.code, bySnapshot.stderr).toBe(0);
    expect(JSON.parse(bySnapshot.stdout).series).toBe('my-index');
    expect(await describeTree(elsewhere)).toEqual(await describeTree(src));
    // `copy` names a series in the store: that one, not the other.
    await fs.rm(other, { recursive: true });
    const named = cli(['restore', other, '--store', store, '--json']);
    expect(JSON.parse(named.stdout).series).toBe('copy');
    // verify of one snapshot finds its series too.
    const v = cli(['verify', '--store', store, '--snapshot', id, '--json']);
    expect(v.code, v.stderr).toBe(0);
    expect(JSON.parse(v.stdout).snapshots).toEqual([expect.objectContaining({ series: 'my-index', id, ok: true })]);
  });

  it('refuses an ambiguous restore listing the series, and an unknown snapshot, leaving the target as it was', async () => {
    const { root, store } = await oneSeries();
    await writeTree(path.join(root, 'second'), { 'x.txt': 'x' });
    expect(cli(['backup', path.join(root, 'second'), '--store', store]).code).toBe(0);
    const target = path.join(root, 'target');
    await writeTree(target, { 'mine.txt': 'keep' });
    const before = await describeTree(target);
    const amb = cli(['restore', target, '--store', store, '--force']);
    expect(amb.code).toBe(2);
    expect(oneErrorLine(amb, 'E_VALIDATION')).toMatch(/several series.*my-index, second/);
    const unknown = cli(['restore', target, '--store', store, '--force', '--snapshot', '20200101T000000000Z-00000000']);
    expect(unknown.code).toBe(3);
    expect(oneErrorLine(unknown, 'E_NOT_FOUND')).toMatch(/snapshot 20200101T000000000Z-00000000 is not in .*my-index, second/);
    expect(await describeTree(target)).toEqual(before);
  });
});

describe('a series named that the store does not hold', () => {
  it('is E_NOT_FOUND listing the series there, for restore, verify, list and prune, and prune deletes nothing', async () => {
    const { root, store } = await oneSeries();
    for (const args of [['restore', path.join(root, 'r')], ['verify'], ['list'], ['prune', '--keep-last', '1']]) {
      const r = cli([...args, '--store', store, '--name', 'typo']);
      expect(r.code, args.join(' ')).toBe(3);
      expect(oneErrorLine(r, 'E_NOT_FOUND')).toMatch(/no snapshots of series typo in .*series in .*: my-index/);
    }
    expect(JSON.parse(cli(['list', '--store', store, '--json']).stdout).snapshots).toHaveLength(1);
  });
});

describe('store paths', () => {
  it('a missing store is E_NOT_FOUND naming it for every reading command; a file is E_VALIDATION, also for backup', async () => {
    const { root, src } = await oneSeries();
    const typo = path.join(root, 'typo');
    for (const args of [['list'], ['verify'], ['prune', '--keep-last', '1'], ['restore', path.join(root, 'r')]]) {
      const r = cli([...args, '--store', typo]);
      expect(r.code, args.join(' ')).toBe(3);
      expect(oneErrorLine(r, 'E_NOT_FOUND')).toContain(`store ${typo} does not exist`);
    }
    await fs.access(typo).then(
      () => expect.fail('a reading command created the store'),
      () => undefined,
    );
    const afile = path.join(root, 'afile');
    await fs.writeFile(afile, 'not a store');
    for (const args of [['list'], ['verify'], ['backup', src], ['restore', path.join(root, 'r')]]) {
      const r = cli([...args, '--store', afile]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(oneErrorLine(r, 'E_VALIDATION')).toContain(`store ${afile} is a file`);
    }
    const below = cli(['backup', src, '--store', path.join(afile, 'vault')]);
    expect(below.code).toBe(2);
    expect(oneErrorLine(below, 'E_VALIDATION')).not.toContain('ENOTDIR');
    expect(await fs.readFile(afile, 'utf8')).toBe('not a store');
  });

  it('an empty store is the only "no snapshots"; backup still creates a new store', async () => {
    const root = await tempDir();
    const empty = path.join(root, 'empty');
    await fs.mkdir(empty);
    const l = cli(['list', '--store', empty]);
    expect(l.code).toBe(0);
    expect(l.stdout).toContain('no snapshots in');
    await writeTree(path.join(root, 'd'), { f: 'x' });
    expect(cli(['backup', path.join(root, 'd'), '--store', path.join(root, 'new', 'vault')]).code).toBe(0);
  });
});

describe('help', () => {
  it('lists every option of every command with a line, and examples', () => {
    for (const c of COMMANDS) {
      const h = cli([c, '--help']);
      expect(h.code).toBe(0);
      expect(h.stdout).toContain('Examples:');
      expect(h.stdout).toContain(`  index-vault ${c} `);
      const usageOptions = new Set(
        h.stdout
          .split('\n')
          .find((l) => l.startsWith('Usage:'))!
          .match(/--[a-z0-9-]+/g),
      );
      const listed = helpOptions(h.stdout);
      for (const o of usageOptions) expect(listed, `${c} --help`).toContain(o);
      for (const line of h.stdout.split('\n').filter((l) => /^ {2}(-\w, )?--/.test(l)))
        expect(line.trim().split(/\s{2,}/).length, line).toBeGreaterThan(1);
    }
    const b = cli(['backup', '--help']).stdout;
    for (const o of ['--pack-size SIZE', '--trust-mtime', '--wait SECONDS', '--no-verify', '--lance-versions']) expect(b).toContain(o);
  });

  it('names an unknown option and guesses the one meant, in one line', () => {
    const r = cli(['list', '--stor', './vault']);
    expect(r.code).toBe(2);
    expect(oneErrorLine(r, 'E_VALIDATION')).toContain('unknown option --stor (did you mean --store?)');
    expect(cli(['backup', 'x', '--store', 'v', '--pack-sise', '1M']).stderr).toContain('(did you mean --pack-size?)');
    expect(cli(['prune', '--store', 'v', '--dryrun']).stderr).toContain('(did you mean --dry-run?)');
    const far = cli(['list', '--zzzzzz']);
    expect(far.stderr).toContain('unknown option --zzzzzz');
    expect(far.stderr).not.toContain('did you mean');
    expect(oneErrorLine(cli(['restore', 'x', '--store']), 'E_VALIDATION')).toContain('option --store needs a value');
    expect(oneErrorLine(cli(['backpu']), 'E_VALIDATION')).toContain('did you mean backup?');
  });

  it('takes no name an object inherits for a command', () => {
    for (const word of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      for (const args of [[word], [word, '--help']]) {
        const r = cli(args);
        expect(r.code, args.join(' ')).toBe(2);
        expect(oneErrorLine(r, 'E_VALIDATION')).toContain(`unknown command ${JSON.stringify(word)}`);
        expect(r.stdout).toBe('');
      }
    }
  });

  it('the README CLI reference lists exactly the options of --help', async () => {
    const readme = await fs.readFile(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## CLI reference'), readme.indexOf('\n## ', readme.indexOf('## CLI reference') + 5));
    const table = section.slice(section.indexOf('| option | commands | meaning |'));
    const documented = new Set<string>();
    for (const row of table.split('\n').filter((l) => l.startsWith('| `'))) {
      for (const o of row.split('|')[1]!.match(/--[a-z0-9-]+/g) ?? []) documented.add(o);
    }
    const helped = new Set<string>();
    for (const c of COMMANDS) for (const o of helpOptions(cli([c, '--help']).stdout)) helped.add(o);
    expect([...documented].sort()).toEqual([...helped].sort());
  });
});

function helpOptions(help: string): string[] {
  const out: string[] = [];
  for (const l of help.split('\n')) {
    const m = /^ {2}(?:-\w, )?(--[a-z0-9-]+)/.exec(l);
    if (m) out.push(m[1]!);
  }
  return out;
}

describe('honest output', () => {
  it('verify reports each failure once, and counts in words', async () => {
    const { store, id } = await oneSeries();
    const pack = path.join(store, 'my-index', 'packs', `${id}-000.tar.zst`);
    const bytes = await fs.readFile(pack);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 1;
    await fs.writeFile(pack, bytes);
    const v = cli(['verify', '--store', store]);
    expect(v.code).toBe(4);
    const all = v.stdout + v.stderr;
    expect(
      all.split('\n').filter((l) => l.includes(id)),
      all,
    ).toHaveLength(2); // the FAIL line, and the summary's "first:"
    expect(v.stdout).toContain('0 of 1 snapshot verified');
    expect(all).not.toContain('(s)');
  });

  it('guard speaks in its own lines, without "1 files"', async () => {
    const root = await tempDir();
    const dir = path.join(root, 'g');
    await writeTree(dir, { f: 'x' });
    const r = cli(['guard', dir, '--backup-dir', path.join(root, 'b'), '--', process.execPath, '-e', 'process.exit(3)']);
    expect(r.code).toBe(3);
    expect(r.stderr).not.toMatch(/\b1 files\b|content\(s\)|pack\(s\)/);
    expect(r.stderr).toContain('index-vault guard: backup');
    expect(r.stderr).toContain('rolled back');
  });

  it('an unchanged backup names the snapshot holding the tree and not itself as parent; a touch alone keeps the recorded mtime', async () => {
    const { root, src, store, id } = await oneSeries();
    const file = path.join(src, 'a.txt');
    const recorded = (await fs.stat(file)).mtimeMs;
    await fs.utimes(file, new Date(), new Date(Date.now() + 60_000));
    const u = JSON.parse(cli(['backup', src, '--store', store, '--json']).stdout);
    expect(u).toMatchObject({ kind: 'unchanged', id });
    expect(u.parent).not.toBe(u.id);
    expect(u.parent).toBeNull();
    // Documented: mtime alone is not a change, so the restore brings back the time recorded.
    const copy = path.join(root, 'copy');
    expect(cli(['restore', copy, '--store', store]).code).toBe(0);
    expect(Math.abs((await fs.stat(path.join(copy, 'a.txt'))).mtimeMs - recorded)).toBeLessThan(2);
  });
});
