import { unsupportedNode } from '../shared/node-support.js';
import { keepHeapSmall } from '../shared/small-heap.js';
// Imported first by the action's entry: on an older Node the step fails with one annotation, not a stack trace.
const problem = unsupportedNode();
if (problem !== undefined) {
    process.stdout.write(`::error::E_UNSUPPORTED: ${problem}\n`);
    process.exit(1);
}
// Before the rest of the action is loaded: loading it alone would already grow the young generation.
keepHeapSmall();
