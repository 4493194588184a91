import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ACTION = path.resolve(__dirname, '..', '..', 'dist', 'action-bundle', 'index.js');

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Parses GITHUB_OUTPUT as the runner writes it: `name<<DELIM` … `DELIM` blocks or `name=value` lines. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const value: string[] = [];
      while (++i < lines.length && lines[i] !== heredoc[2]) value.push(lines[i]!);
      out[heredoc[1]!] = value.join('\n');
    } else if (line.includes('=')) out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return out;
}

/**
 * Runs the bundled action the way the runner does: a node process with `INPUT_*` variables, the
 * workspace as cwd, and files for GITHUB_OUTPUT and GITHUB_STEP_SUMMARY. Asynchronous, so a test
 * double served from the test's own process keeps answering while the action runs.
 */
export async function runAction(workspace: string, inputs: Record<string, string>, env: Record<string, string | undefined> = {}): Promise<ActionRun> {
  const files = fs.mkdtempSync(path.join(workspace, '..', 'runner-files-'));
  const outputFile = path.join(files, 'output');
  const summaryFile = path.join(files, 'summary');
  fs.writeFileSync(outputFile, '');
  fs.writeFileSync(summaryFile, '');
  const inputEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(inputs)) inputEnv[`INPUT_${k.toUpperCase()}`] = v;
  // INDEX_VAULT_CACHE_DIR (set in vitest.config.ts) keeps the action's hash cache out of the real home.
  const base: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, SYSTEMROOT: process.env.SYSTEMROOT, INDEX_VAULT_CACHE_DIR: process.env.INDEX_VAULT_CACHE_DIR };
  const child = spawn(process.execPath, [ACTION], {
    cwd: workspace,
    env: { ...base, GITHUB_WORKSPACE: workspace, RUNNER_TEMP: files, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, ...inputEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const code = await new Promise<number>((resolve) => child.once('close', (c) => resolve(c ?? -1)));
  clearTimeout(timer);
  const result = { code, stdout, stderr, outputs: parseOutputs(fs.readFileSync(outputFile, 'utf8')), summary: fs.readFileSync(summaryFile, 'utf8') };
  fs.rmSync(files, { recursive: true, force: true });
  return result;
}
