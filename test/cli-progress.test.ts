import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProgressReporter, fitLine } from '../src/cli/progress.js';
import os from 'node:os';
import { lockPathFor } from '../src/fs-safety/lock.js';
import { tempDir } from './support/fixtures.js';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const ESC_K = '\u001b[K';

/** What stays on screen: each carriage return starts the line over, escape sequences take no room. */
function screenLines(raw: string): string[] {
  return raw
    .replaceAll('\r\n', '\n')
    .split('\n')
    .map((line) => (line.split('\r').pop() ?? '').replaceAll(ESC_K, ''));
}

describe('progress on a terminal', () => {
  it('fits every width from 20 to 200 columns, dropping rate and ETA before the file count', () => {
    const p = { phase: 'restore' as const, bytesDone: 123_456_789, bytesTotal: 987_654_321, filesDone: 2003, filesTotal: 2004 };
    for (let columns = 20; columns <= 200; columns++) expect(fitLine(p, 1234, columns).length, `${columns} columns`).toBeLessThan(columns);
    expect(fitLine(p, 1234, 60)).toMatch(/^\[#+\.+\] restore:\s+12% .* 2003\/2004 files/);
    expect(fitLine(p, 1234, 50)).toContain('2003/2004 files');
    expect(fitLine(p, 1234, 200)).toMatch(/files .*\/s ETA/);
  });

  it('ends with every file and byte done after a success, and as it stood after a failure', () => {
    const written: string[] = [];
    const r = createProgressReporter({ write: (s) => written.push(s), isTTY: true, columns: 60 });
    r.report({ phase: 'backup', bytesDone: 10, bytesTotal: 1000, filesDone: 3, filesTotal: 2004 });
    r.report({ phase: 'backup', bytesDone: 990, bytesTotal: 1000, filesDone: 2003, filesTotal: 2004 }); // throttled away
    r.done(true);
    const lines = screenLines(written.join(''));
    expect(lines.at(-2)).toMatch(/100% .*2004\/2004 files/);
    const failed: string[] = [];
    const f = createProgressReporter({ write: (s) => failed.push(s), isTTY: true, columns: 60 });
    f.report({ phase: 'restore', bytesDone: 10, bytesTotal: 1000, filesDone: 3, filesTotal: 2004 });
    f.done();
    expect(screenLines(failed.join('')).at(-2)).toContain('3/2004 files');
  });

  it('a real backup and restore in a 60-column pseudo-terminal never draw past the width and end complete', async () => {
    const root = await tempDir();
    const src = path.join(root, 'src');
    await fs.mkdir(src);
    for (let i = 0; i < 300; i++) await fs.writeFile(path.join(src, `f${i}.bin`), Buffer.alloc(2000, i));
    const store = path.join(root, 'vault');
    const node = process.execPath;
    const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
    for (const args of [
      ['backup', src, '--store', store],
      ['restore', path.join(root, 'copy'), '--store', store],
    ]) {
      const command = `stty cols 60 rows 24; ${[node, CLI, ...args].map(quote).join(' ')}`;
      const r = spawnSync('script', ['-qfec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, INDEX_VAULT_STORE: '' } });
      expect(r.status, r.stdout + r.stderr).toBe(0);
      const lines = screenLines(r.stdout);
      for (const line of lines) if (line.startsWith('[')) expect(line.length, line).toBeLessThan(60);
      const bars = lines.filter((l) => l.startsWith('['));
      expect(bars.length).toBeGreaterThan(0);
      // Each phase leaves one line, and the last of the command's phases shows every file done.
      expect(new Set(bars.map((l) => /\] (\w+):/.exec(l)?.[1])).size).toBe(bars.length);
      expect(bars.at(-1)).toMatch(/100% .*300\/300 files/);
    }
  });

  it('--wait says once which process it waits for, then fails with E_LOCKED naming it', async () => {
    const root = await tempDir();
    const src = path.join(root, 'src');
    await fs.mkdir(src);
    await fs.writeFile(path.join(src, 'a'), 'a');
    await fs.writeFile(
      lockPathFor(src),
      JSON.stringify({
        pid: process.pid,
        host: os.hostname(),
        operation: 'restore',
        startedAt: new Date().toISOString(),
        token: 't',
        tool: 'index-vault',
      }),
    );
    const r = spawnSync(process.execPath, [CLI, 'backup', src, '--store', path.join(root, 'vault'), '--wait', '1'], {
      encoding: 'utf8',
      env: { ...process.env, INDEX_VAULT_STORE: '' },
    });
    expect(r.status).toBe(5);
    const waiting = r.stderr.split('\n').filter((l) => l.includes('waiting'));
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toContain(`waiting up to 1s for index-vault restore (pid ${process.pid}`);
    expect(r.stderr).toMatch(/E_LOCKED: .*pid/);
  });
});
