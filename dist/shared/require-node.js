import { UnsupportedError } from './errors.js';
import { unsupportedNode } from './node-support.js';
// Imported first by the library entry: on an older Node this module throws before any module
// that needs a newer one (zstd in node:zlib) runs, so `import 'index-vault'` says why.
const problem = unsupportedNode();
if (problem !== undefined)
    throw new UnsupportedError(problem, { hint: 'upgrade Node.js' });
