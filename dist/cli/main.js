#!/usr/bin/env node
import module from "node:module";
import v8 from "node:v8";
// .bundle-in/shared/node-support.js
/**
* The oldest Node.js index-vault runs on (package.json's `engines`, checked by a test): zstd came
* to node:zlib in 22.15. This file imports nothing, so entry points can check before loading the
* code that would fail on an older Node with a stack trace instead of a sentence.
*/
const MIN_NODE_VERSION = "22.15";
/** Why this Node cannot run index-vault (one line), or undefined when it can. */
function unsupportedNode(found = process.versions.node) {
	const [major = 0, minor = 0] = found.split(".").map(Number);
	const [needMajor = 0, needMinor = 0] = MIN_NODE_VERSION.split(".").map(Number);
	if (major > needMajor || major === needMajor && minor >= needMinor) return void 0;
	return `Node.js >=${MIN_NODE_VERSION} is needed, found v${found}`;
}
/**
* Keeps V8's heap small for this process and its workers (V8's flags are per process):
*  - the young generation at its starting size: V8 grows it (to 64 MB here) whenever many
*    objects survive a scavenge, which a pass over 100,000 manifest entries always does, and that
*    memory is then touched and held for the rest of the run (50-90 MB of peak RSS at 100,000
*    files, for no CPU saved);
*  - the old generation within HEAP_GROWING_PERCENT of what the last full collection kept.
* Both are sizing heuristics, read whenever V8 decides to grow a space, so setting them after
* start is sound. Called by the CLI and action entries only: a program that imports the library
* keeps its own heap.
*/
function keepHeapSmall() {
	v8.setFlagsFromString("--semi-space-growth-factor=1");
	v8.setFlagsFromString(`--heap-growing-percent=30`);
}
// .bundle-in/cli/main.js
const problem = unsupportedNode();
if (problem !== void 0) {
	process.stderr.write(`index-vault: E_UNSUPPORTED: ${problem} (upgrade Node.js)\n`);
	process.exitCode = 11;
} else {
	module.enableCompileCache?.();
	keepHeapSmall();
	const [{ runCli }, { exitOnSignals, mutedWhileStopping }] = await Promise.all([import("./bundle/run-D2-IeUgI.js"), import("./bundle/exit-on-signal-CZYjRxe4.js")]);
	const argv = process.argv.slice(2);
	if (argv[0] !== "guard") exitOnSignals(process.stderr);
	const code = await runCli(argv, {
		stdout: mutedWhileStopping(process.stdout),
		stderr: mutedWhileStopping(process.stderr),
		env: process.env
	});
	process.exitCode = code;
}
export {};
