#!/usr/bin/env node
import module from 'node:module';
import { unsupportedNode } from '../shared/node-support.js';
import { keepHeapSmall } from '../shared/small-heap.js';

// Checked before anything else is loaded: on an older Node the rest fails at import with a stack trace.
const problem = unsupportedNode();
if (problem !== undefined) {
  process.stderr.write(`index-vault: E_UNSUPPORTED: ${problem} (upgrade Node.js)\n`);
  process.exitCode = 11;
} else {
  // Each run loads the same modules (and each lane its worker's): V8 keeps their compiled code on
  // disk instead of compiling them again, which is most of a short command's start.
  module.enableCompileCache?.();
  keepHeapSmall();
  const [{ runCli }, { exitOnSignals, mutedWhileStopping }] = await Promise.all([
    import('./run.js'),
    import('../shared/exit-on-signal.js'),
  ]);
  const argv = process.argv.slice(2);
  // guard passes signals on to its command and rolls back if that fails: it handles them itself.
  if (argv[0] !== 'guard') exitOnSignals(process.stderr);
  const code = await runCli(argv, {
    stdout: mutedWhileStopping(process.stdout),
    stderr: mutedWhileStopping(process.stderr),
    env: process.env,
  });
  process.exitCode = code;
}
