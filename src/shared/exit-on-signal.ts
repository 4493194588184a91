import { isStopping, stopAndUndo } from './interrupt.js';

/** 128 + the signal's number, as shells report a process a signal ended. */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
/** The longest a stop waits for its undo (a remote store may not answer) before exiting anyway. */
const UNDO_LIMIT_MS = 30_000;

/**
 * Makes SIGINT and SIGTERM stop the CLI cleanly: what this run wrote and did not publish is
 * removed, its lock released, one line printed, and the exit code is 130 or 143. A second signal
 * exits at once. Output of the interrupted work is muted meanwhile (see `mutedWhileStopping`).
 */
export function exitOnSignals(stderr: { write(s: string): unknown }): void {
  for (const [signal, code] of Object.entries(SIGNAL_EXIT_CODES)) {
    process.on(signal, () => {
      if (isStopping()) process.exit(code);
      const limit = new Promise<void>((r) => setTimeout(r, UNDO_LIMIT_MS).unref());
      void Promise.race([stopAndUndo(), limit]).then(() => {
        stderr.write(`index-vault: interrupted by ${signal}; what this run had not finished was removed\n`);
        process.exit(code);
      });
    });
  }
}

/** A stream that says nothing once a stop has begun: the work being undone fails, and must not say so. */
export function mutedWhileStopping<T extends { write(s: string): unknown }>(stream: T): T {
  return new Proxy(stream, {
    get(target, prop, receiver) {
      if (prop === 'write') return (s: string) => (isStopping() ? true : target.write(s));
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
