// Installs the test-only native packages of test/native (platform-specific, so optional) unless
// they are already there. Runs before the tests; on platforms without a build it installs nothing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'native');
if (!fs.existsSync(path.join(dir, 'node_modules'))) {
  const npm = process.env.npm_execpath;
  const args = ['ci', '--no-audit', '--no-fund', '--loglevel=error'];
  if (npm && npm.endsWith('.js')) execFileSync(process.execPath, [npm, ...args], { cwd: dir, stdio: 'inherit' });
  else
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, {
      cwd: dir,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
}
