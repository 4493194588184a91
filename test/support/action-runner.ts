import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export const ACTION = path.resolve(__dirname, '..', '..', 'dist', 'action-bundle', 'index.js');

/** Inputs action.yml gives a default: the runner sets each of them whether the workflow names it or not. */
export const INPUT_DEFAULTS: Record<string, string> = Object.fromEntries(
  Object.entries(
    (parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: unknown }> })
      .inputs,
  )
    .filter(([, spec]) => spec.default !== undefined)
    .map(([name, spec]) => [name, String(spec.default)]),
);

/** The runner's variable for an input: `INPUT_` + the name upper-cased, spaces as `_` (hyphens stay). */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** What the step saved with `core.saveState`, as the post step receives it (`STATE_<name>`). */
  state: Record<string, string>;
  /** Variables the step exported with `core.exportVariable` (GITHUB_ENV). */
  exported: Record<string, string>;
  /** The `interrupt` signal was sent before the step ended by itself. */
  interrupted: boolean;
}

export interface RunOptions {
  /** Run as the post step: the state the main step saved. */
  state?: Record<string, string>;
  /** Make GITHUB_STEP_SUMMARY a path that cannot be written. */
  unwritableSummary?: boolean;
  /** Cancel the step as the runner cancels a job: send `signal` once `when()` holds. */
  interrupt?: { signal: NodeJS.Signals; when: () => Promise<boolean> };
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
export async function runAction(
  workspace: string,
  inputs: Record<string, string>,
  env: Record<string, string | undefined> = {},
  options: RunOptions = {},
): Promise<ActionRun> {
  const files = fs.mkdtempSync(path.join(workspace, '..', 'runner-files-'));
  const outputFile = path.join(files, 'output');
  const summaryFile = options.unwritableSummary ? path.join(files, 'no-such-dir', 'summary') : path.join(files, 'summary');
  const stateFile = path.join(files, 'state');
  const envFile = path.join(files, 'env');
  for (const f of [outputFile, stateFile, envFile]) fs.writeFileSync(f, '');
  if (!options.unwritableSummary) fs.writeFileSync(summaryFile, '');
  const inputEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...INPUT_DEFAULTS, ...inputs })) inputEnv[inputVariable(k)] = v;
  const stateEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.state ?? {})) stateEnv[`STATE_${k}`] = v;
  // INDEX_VAULT_CACHE_DIR (set in vitest.config.ts) keeps the action's hash cache out of the real home.
  const base: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    SYSTEMROOT: process.env.SYSTEMROOT,
    INDEX_VAULT_CACHE_DIR: process.env.INDEX_VAULT_CACHE_DIR,
  };
  const child = spawn(process.execPath, [ACTION], {
    cwd: workspace,
    env: {
      ...base,
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: files,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_STATE: stateFile,
      GITHUB_ENV: envFile,
      ...inputEnv,
      ...stateEnv,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  let closed = false;
  const done = new Promise<number>((resolve) => child.once('close', (c) => resolve(c ?? -1))).finally(() => (closed = true));
  let interrupted = false;
  if (options.interrupt) {
    while (!closed && !(await options.interrupt.when())) await new Promise((r) => setTimeout(r, 2));
    interrupted = !closed && child.kill(options.interrupt.signal);
  }
  const code = await done;
  clearTimeout(timer);
  const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');
  const result = {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(read(outputFile)),
    summary: read(summaryFile),
    state: parseOutputs(read(stateFile)),
    exported: parseOutputs(read(envFile)),
    interrupted,
  };
  fs.rmSync(files, { recursive: true, force: true });
  return result;
}
