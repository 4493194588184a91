// A hand-written SVG of wall time and peak RSS against the file count, one line per operation,
// from every files-<count>.json in the results directory (10k, 100k, 1m: whichever were run).
import fs from 'node:fs';
import path from 'node:path';

const esc = (s) => String(s).replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);
const COLORS = [
  '#9aa4b2',
  '#2f6fdf',
  '#c0c6cf',
  '#1b9e77',
  '#6b7280',
  '#d95f02',
  '#4b5563',
  '#7570b3',
  '#e7298a',
  '#66a61e',
  '#e6ab02',
  '#a6761d',
  '#0f766e',
];
const count = (n) => (n >= 1e6 ? `${n / 1e6}m` : n >= 1e3 ? `${n / 1e3}k` : String(n));

export function loadFileResults(dir) {
  return fs
    .readdirSync(dir)
    .filter((f) => /^files-.+\.json$/.test(f))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')))
    .filter((r) => r.dataSet?.kind === 'files')
    .sort((a, b) => a.dataSet.count - b.dataSet.count);
}

const niceStep = (x) => {
  const p = 10 ** Math.floor(Math.log10(x));
  return [1, 2, 5, 10].map((k) => k * p).find((s) => s >= x);
};

/** One panel: log x (file count), y log (wall) or linear (RSS) from 0. */
function panel(results, keys, value, { x0, y0, w, h, title, unit, log }) {
  const xs = results.map((r) => r.dataSet.count);
  const [xmin, xmax] = [Math.min(...xs, 1e4), Math.max(...xs, 1e6)];
  const vals = results.flatMap((r) => r.operations.map(value)).filter((v) => v > 0);
  const ymax = Math.max(...vals, 1) * (log ? 2 : 1.1);
  const ymin = log ? Math.min(...vals, 1) / 2 : 0;
  const X = (x) => x0 + (w * Math.log10(x / xmin)) / (Math.log10(xmax / xmin) || 1);
  const Y = (y) => y0 + h - (log ? (h * Math.log10(Math.max(y, ymin) / ymin)) / Math.log10(ymax / ymin) : (h * y) / ymax);
  const ticksY = log
    ? Array.from({ length: 12 }, (_, i) => 10 ** (i - 3)).filter((t) => t >= ymin && t <= ymax)
    : Array.from({ length: 6 }, (_, i) => i * niceStep(ymax / 5)).filter((t) => t <= ymax);
  const ticksX = [1e3, 2e3, 1e4, 1e5, 1e6, ...xs].filter((t, i, a) => t >= xmin && t <= xmax && a.indexOf(t) === i);
  const out = [
    `<text x="${x0}" y="${y0 - 10}" font-size="14" font-weight="bold">${esc(title)}</text>`,
    `<rect x="${x0}" y="${y0}" width="${w}" height="${h}" fill="none" stroke="#ccc"/>`,
  ];
  for (const t of ticksY)
    out.push(
      `<line x1="${x0}" x2="${x0 + w}" y1="${Y(t).toFixed(1)}" y2="${Y(t).toFixed(1)}" stroke="#eee"/><text x="${x0 - 6}" y="${(Y(t) + 4).toFixed(1)}" text-anchor="end" font-size="11">${t}${unit}</text>`,
    );
  for (const t of ticksX)
    out.push(`<text x="${X(t).toFixed(1)}" y="${y0 + h + 16}" text-anchor="middle" font-size="11">${count(t)}</text>`);
  out.push(`<text x="${x0 + w / 2}" y="${y0 + h + 32}" text-anchor="middle" font-size="12">files</text>`);
  keys.forEach(([key, , tool], i) => {
    const pts = results.map((r) => [r.dataSet.count, r.operations.find((o) => o.key === key)]).filter(([, o]) => o);
    const dash = tool !== 'index-vault' ? ' stroke-dasharray="5,3"' : '';
    out.push(
      `<polyline fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="2"${dash} points="${pts.map(([x, o]) => `${X(x).toFixed(1)},${Y(value(o)).toFixed(1)}`).join(' ')}"/>`,
    );
    for (const [x, o] of pts)
      out.push(`<circle cx="${X(x).toFixed(1)}" cy="${Y(value(o)).toFixed(1)}" r="3" fill="${COLORS[i % COLORS.length]}"/>`);
  });
  return out.join('\n');
}

export function filesChart(dir) {
  const results = loadFileResults(dir);
  const keys = [];
  for (const r of results) for (const o of r.operations) if (!keys.some(([k]) => k === o.key)) keys.push([o.key, o.label, o.tool]);
  const width = 1180;
  const height = 150 + 20 * Math.ceil(keys.length / 2) + 300;
  const legend = keys
    .map(([, label, tool], i) => {
      const x = 20 + (i % 2) * 560;
      const y = 410 + Math.floor(i / 2) * 20;
      return `<line x1="${x}" x2="${x + 28}" y1="${y - 4}" y2="${y - 4}" stroke="${COLORS[i % COLORS.length]}" stroke-width="2"${tool !== 'index-vault' ? ' stroke-dasharray="5,3"' : ''}/><text x="${x + 34}" y="${y}" font-size="12">${esc(label)}</text>`;
    })
    .join('\n');
  const sets = results
    .map(
      (r) =>
        `${count(r.dataSet.count)} (${(r.dataSet.bytes / 2 ** 20).toFixed(0)} MiB, ${r.runs} run${r.runs === 1 ? '' : 's'}${r.note ? ', loaded machine' : ''})`,
    )
    .join(', ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="10" y="22" font-size="15" font-weight="bold">${esc(`index-vault vs tar | zstd by file count — ${sets || 'no results'}; dashed: tar baselines and the floors`)}</text>
${panel(results, keys, (o) => o.wall, { x0: 70, y0: 60, w: 470, h: 300, title: 'median wall time (log scale)', unit: ' s', log: true })}
${panel(results, keys, (o) => o.rssMB, { x0: 660, y0: 60, w: 470, h: 300, title: 'peak RSS (process tree)', unit: ' MB', log: false })}
${legend}
</svg>
`;
}
