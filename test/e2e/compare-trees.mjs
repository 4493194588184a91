// Compares two directory trees byte for byte (paths, types, contents, empty dirs):
// `node compare-trees.mjs <expected> <actual>`; exits 1 and names every difference.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

function walk(root) {
  const out = new Map();
  const visit = (dir, rel) => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const r = rel ? `${rel}/${d.name}` : d.name;
      const p = path.join(dir, d.name);
      if (d.isDirectory()) {
        out.set(r.normalize('NFC'), 'dir');
        visit(p, r);
      } else if (d.isSymbolicLink()) out.set(r.normalize('NFC'), `link:${fs.readlinkSync(p)}`);
      else out.set(r.normalize('NFC'), `file:${createHash('sha256').update(fs.readFileSync(p)).digest('hex')}`);
    }
  };
  visit(root, '');
  return out;
}

const [expected, actual] = process.argv.slice(2);
const a = walk(expected);
const b = walk(actual);
const problems = [];
for (const [k, v] of a) if (b.get(k) !== v) problems.push(`${k}: expected ${v}, found ${b.get(k) ?? 'nothing'}`);
for (const k of b.keys()) if (!a.has(k)) problems.push(`${k}: not expected`);
if (problems.length > 0) {
  console.error(`${problems.length} difference(s) between ${expected} and ${actual}:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`${actual} equals ${expected}: ${a.size} entries`);
