// A hand-written SVG bar chart of wall times: index-vault operations beside their baselines.
const esc = (s) => String(s).replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);

export function chart(result) {
  const rows = result.operations;
  const max = Math.max(...rows.map((r) => r.wall)) || 1;
  const barH = 22;
  const left = 330;
  const width = 900;
  const height = 60 + rows.length * (barH + 8);
  const bars = rows
    .map((r, i) => {
      const y = 40 + i * (barH + 8);
      const w = Math.max(1, ((width - left - 90) * r.wall) / max);
      const color = r.tool === 'index-vault' ? '#2f6fdf' : '#9aa4b2';
      return `<text x="${left - 8}" y="${y + 15}" text-anchor="end" font-size="13">${esc(r.label)}</text><rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="${color}"/><text x="${left + w + 6}" y="${y + 15}" font-size="12">${r.wall.toFixed(2)} s</text>`;
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="10" y="22" font-size="15" font-weight="bold">${esc(`index-vault vs tar | zstd — ${result.dataSet.label} (${(result.dataSet.bytes / 2 ** 30).toFixed(2)} GiB, ${result.dataSet.files} files), median wall time of ${result.runs} runs`)}</text>
${bars}
</svg>
`;
}
