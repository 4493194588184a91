import type { Progress, ProgressCallback } from '../core/logger.js';
import { formatBytes, formatDuration } from '../core/units.js';

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * Draws progress for people and for logs: on a terminal a bar redrawn in place (at most ten
 * times a second); elsewhere, as in CI logs, one plain line every `intervalMs`.
 */
export function createProgressReporter(out: ProgressOutput, intervalMs = 5000): { report: ProgressCallback; done(): void } {
  let phase: Progress['phase'] | undefined;
  let phaseStart = Date.now();
  let lastDraw = 0;
  let drawn = false;
  let last: Progress | undefined;

  const line = (p: Progress): string => {
    const elapsed = Date.now() - phaseStart;
    const rate = elapsed > 0 ? (p.bytesDone / elapsed) * 1000 : 0;
    const pct = p.bytesTotal > 0 ? Math.min(100, (p.bytesDone / p.bytesTotal) * 100) : 100;
    const eta = rate > 0 ? ((p.bytesTotal - p.bytesDone) / rate) * 1000 : NaN;
    const files = p.filesTotal > 0 ? ` ${p.filesDone}/${p.filesTotal} files` : '';
    return `${p.phase}: ${pct.toFixed(0).padStart(3)}% ${formatBytes(p.bytesDone)}/${formatBytes(p.bytesTotal)} ${formatBytes(rate)}/s ETA ${formatDuration(eta)}${files}`;
  };

  const report: ProgressCallback = (p) => {
    if (p.phase !== phase) {
      if (drawn && out.isTTY && last) out.write(`\r${bar(last)}\n`);
      phase = p.phase;
      phaseStart = Date.now();
      drawn = false;
      lastDraw = 0;
    }
    last = p;
    const now = Date.now();
    if (out.isTTY) {
      if (now - lastDraw < 100) return;
      lastDraw = now;
      drawn = true;
      out.write(`\r${bar(p)}\u001b[K`);
    } else if (now - lastDraw >= intervalMs) {
      // The first report of a phase only starts the clock; lines follow every interval.
      if (lastDraw !== 0) out.write(`${line(p)}\n`);
      lastDraw = now;
    }
  };

  const bar = (p: Progress): string => {
    const text = line(p);
    const width = Math.max(10, Math.min(30, (out.columns ?? 80) - text.length - 4));
    const filled = p.bytesTotal > 0 ? Math.round((p.bytesDone / p.bytesTotal) * width) : width;
    return `[${'#'.repeat(Math.min(width, filled))}${'.'.repeat(Math.max(0, width - filled))}] ${text}`;
  };

  return {
    report,
    done() {
      if (drawn && out.isTTY && last) out.write(`\r${bar(last)}\n`);
      drawn = false;
    },
  };
}
