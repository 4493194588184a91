import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIN_NODE_VERSION, unsupportedNode } from '../src/shared/node-support.js';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const LIBRARY = path.join(ROOT, 'dist', 'index.js');

/** A Node.js older than the one index-vault needs: the system one here and on CI runners (v20). */
function findOldNode(): string | undefined {
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node', process.env.IV_OLD_NODE]) {
    if (!candidate || !fs.existsSync(candidate)) continue;
    const version = execFileSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
    if (unsupportedNode(version) !== undefined) return candidate;
  }
  return undefined;
}
const oldNode = findOldNode();

describe('an older Node.js is told, in one line, what is needed', () => {
  it('knows the version from package.json engines', () => {
    const engines = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).engines.node as string;
    expect(engines).toBe(`>=${MIN_NODE_VERSION}`);
    expect(unsupportedNode('20.20.2')).toBe(`Node.js >=${MIN_NODE_VERSION} is needed, found v20.20.2`);
    expect(unsupportedNode('22.14.0')).toBeDefined();
    expect(unsupportedNode('22.15.0')).toBeUndefined();
    expect(unsupportedNode('24.0.0')).toBeUndefined();
    expect(unsupportedNode('100.1.0')).toBeUndefined();
  });

  it.skipIf(!oldNode)('the CLI prints the versions needed and found, for every command and --help, and exits non-zero', () => {
    for (const args of [['--help'], ['--version'], ['backup', 'x', '--store', 'y'], ['restore', '.', '--store', 'y']]) {
      const r = spawnSync(oldNode!, [CLI, ...args], { encoding: 'utf8' });
      expect(r.status, args.join(' ')).toBe(11);
      expect(r.stdout).toBe('');
      const found = execFileSync(oldNode!, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
      expect(r.stderr).toBe(`index-vault: E_UNSUPPORTED: Node.js >=${MIN_NODE_VERSION} is needed, found v${found} (upgrade Node.js)\n`);
    }
  });

  it.skipIf(!oldNode)('importing the library throws an error with code E_UNSUPPORTED', () => {
    const script = `import(${JSON.stringify(LIBRARY)}).then(() => console.log('loaded'), (e) => console.log(JSON.stringify({ code: e.code, message: e.message })))`;
    const out = execFileSync(oldNode!, ['-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toMatchObject({ code: 'E_UNSUPPORTED', message: expect.stringContaining(`>=${MIN_NODE_VERSION}`) });
  });
});
