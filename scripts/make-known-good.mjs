// Regenerates the known-good store committed under test/fixtures/known-good/store, which
// test/known-good.test.ts re-derives byte for byte and restores. Run it only when the format
// changes on purpose (see docs/format.md, "The known-good store"):
//   npm run build && npx node scripts/make-known-good.mjs
// (npx node: the project's Node 24, which runs the TypeScript recipe as it is.)
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FIXTURE, makeKnownGood, storeObjects } from '../test/support/known-good.ts';

const lib = await import('../dist/index.js');
const work = await fs.mkdtemp(path.join(os.tmpdir(), 'iv-known-good-'));
try {
  const storeDir = path.join(FIXTURE, 'store');
  await fs.rm(storeDir, { recursive: true, force: true });
  await makeKnownGood(lib, work, storeDir);
  for (const [key, bytes] of await storeObjects(storeDir)) console.log(`${String(bytes.length).padStart(6)}  ${key}`);
} finally {
  await fs.rm(work, { recursive: true, force: true });
}
