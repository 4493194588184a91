import type { Progress, ProgressCallback } from '../shared/logger.js';
import { formatBytes, formatDuration } from '../shared/units.js';

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressReporter {
  report: ProgressCallback;
  /** Ends the display. `finished`: the operation succeeded, so the last line shows every file and byte done. */
  done(finished?: boolean): void;
}

/**
 * Draws progress for people and for logs: on a terminal a bar redrawn in place (at most ten
 * times a second) that never exceeds the terminal's width, since a line that wraps cannot be
 * redrawn and leaves a trail; elsewhere, as in CI logs, one plain line every `intervalMs`.
 */
export function createProgressReporter(out: ProgressOutput, intervalMs = 5000): ProgressReporter {
  let phase: Progress['phase'] | undefined;
  let phaseStart = Date.now();
  let lastDraw = 0;
  let drawn = false;
  let last: Progress | undefined;

  const report: ProgressCallback = (p) => {
    if (p.phase !== phase) {
      // A phase ends when the next begins: its line stays, complete.
      if (drawn && out.isTTY && last) out.write(`\r${fitLine(completed(last), Date.now() - phaseStart, out.columns)}\u001b[K\n`);
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
      out.write(`\r${fitLine(p, now - phaseStart, out.columns)}\u001b[K`);
    } else if (now - lastDraw >= intervalMs) {
      // The first report of a phase only starts the clock; lines follow every interval.
      if (lastDraw !== 0) out.write(`${progressParts(p, now - phaseStart).join(' ')}\n`);
      lastDraw = now;
    }
  };

  return {
    report,
    done(finished = false) {
      if (drawn && out.isTTY && last) {
        // Reports are throttled: the last one drawn may be well short of the end.
        const final = finished ? completed(last) : last;
        out.write(`\r${fitLine(final, Date.now() - phaseStart, out.columns)}\u001b[K\n`);
      }
      drawn = false;
    },
  };
}

const completed = (p: Progress): Progress => ({ ...p, bytesDone: p.bytesTotal, filesDone: p.filesTotal });

/** The pieces of a progress line, most important first. */
export function progressParts(p: Progress, elapsedMs: number): string[] {
  const rate = elapsedMs > 0 ? (p.bytesDone / elapsedMs) * 1000 : 0;
  const pct = p.bytesTotal > 0 ? Math.min(100, (p.bytesDone / p.bytesTotal) * 100) : 100;
  const eta = rate > 0 ? ((p.bytesTotal - p.bytesDone) / rate) * 1000 : NaN;
  return [
    `${p.phase}:`,
    `${pct.toFixed(0).padStart(3)}%`,
    `${formatBytes(p.bytesDone)}/${formatBytes(p.bytesTotal)}`,
    ...(p.filesTotal > 0 ? [`${p.filesDone}/${p.filesTotal} files`] : []),
    `${formatBytes(rate)}/s`,
    `ETA ${formatDuration(eta)}`,
  ];
}

/**
 * A bar and as much of the text as fits in `columns - 1` characters (the last column would make
 * some terminals wrap): rate and ETA go first, then the bar, then the file count.
 */
export function fitLine(p: Progress, elapsedMs: number, columns = 80): string {
  const max = Math.max(1, columns - 1);
  const parts = progressParts(p, elapsedMs);
  const fraction = p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : 1;
  const bar = (width: number) => {
    const filled = Math.round(fraction * width);
    return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] `;
  };
  for (let keep = parts.length; keep >= 2; keep--) {
    const text = parts.slice(0, keep).join(' ');
    const room = max - text.length - 3;
    if (room >= 10) return bar(Math.min(30, room)) + text;
    if (keep <= 4 && text.length <= max) return text;
  }
  return parts.slice(0, 2).join(' ').slice(0, max);
}
