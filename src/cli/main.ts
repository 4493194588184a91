#!/usr/bin/env node
import { unsupportedNode } from '../core/node-support.js';

// Checked before anything else is loaded: on an older Node the rest fails at import with a stack trace.
const problem = unsupportedNode();
if (problem !== undefined) {
  process.stderr.write(`index-vault: E_UNSUPPORTED: ${problem} (upgrade Node.js)\n`);
  process.exitCode = 11;
} else {
  const { runCli } = await import('./run.js');
  const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
  process.exitCode = code;
}
