/** Human-readable sizes and durations, for the CLI's and the action's output. */
export function formatBytes(n) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let v = n;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
    }
    return i === 0 ? `${n} B` : `${v.toFixed(v >= 100 ? 0 : 1)} ${units[i]}`;
}
export function formatDuration(ms) {
    if (!Number.isFinite(ms) || ms < 0)
        return '?';
    const s = Math.round(ms / 1000);
    if (s < 60)
        return ms < 10_000 ? `${(ms / 1000).toFixed(1)}s` : `${s}s`;
    const m = Math.floor(s / 60);
    return m < 60 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
/** Parses `512M`, `1G`, `1.5GiB`, `4096` into bytes; undefined if it is not a size. */
export function parseSize(text) {
    const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?$/i.exec(text.trim());
    if (!m)
        return undefined;
    const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[m[2].toLowerCase()];
    const v = Math.round(Number(m[1]) * mult);
    return v > 0 ? v : undefined;
}
