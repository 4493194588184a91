// `node bench/cpu-profile-top.mjs <file.cpuprofile>… [--top N]`: the functions with the most self
// time in V8 CPU profiles (from `node --cpu-prof`), summed over the files given (e.g. all threads).
import fs from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
const self = new Map();
let total = 0;
for (const file of positionals) {
  const p = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  // timeDeltas[i] is the time before samples[i]: charge it to that sample's function.
  p.samples.forEach((id, i) => {
    const n = byId.get(id);
    const { functionName, url, lineNumber } = n.callFrame;
    const key =
      `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*\/(dist|node_modules)\//, '$1/')}:${lineNumber + 1}` : ''}`.trim();
    const dt = p.timeDeltas[i] ?? 0;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
}
const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
console.log(`total sampled: ${(total / 1e6).toFixed(2)} s over ${positionals.length} profile(s)`);
for (const [k, us] of rows) console.log(`${(us / 1e3).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
