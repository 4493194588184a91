/**
 * What a process must undo if it is told to stop (SIGINT, SIGTERM) in the middle of a backup,
 * restore or prune: temporary objects it is writing, packs of a snapshot it has not published,
 * its staging directory, its lock. Each piece of work registers its own undo while it runs; the
 * CLI's signal handler (cli/exit-on-signal.ts) calls `stopAndUndo` and then exits. Steps that must
 * not be cut in two (publishing a manifest, swapping a restored tree in) run as `uninterrupted`:
 * the undo waits for them first. A library caller that never calls `stopAndUndo` sees no change.
 */
type Undo = () => Promise<void> | void;

const undos = new Set<Undo>();
const running = new Set<Promise<unknown>>();
let stopping = false;

/** Registers what to undo if the process is stopped now; call the returned function once the work is done or undone by itself. */
export function onStop(undo: Undo): () => void {
  undos.add(undo);
  return () => void undos.delete(undo);
}

/** Whether the process is stopping: work must not start anything new (a temporary file, a publish). */
export function isStopping(): boolean {
  return stopping;
}

/**
 * Runs a step that must finish once started; a stop waits for it before undoing anything. Once
 * stopping, no such step starts: its inputs (a staging tree, the packs of a manifest) are being
 * undone, and publishing them would swap a half-removed tree in or name packs that are gone.
 */
export function uninterrupted<T>(step: () => Promise<T>): Promise<T> {
  if (stopping) return Promise.reject(new StoppingError());
  const p = step();
  running.add(p);
  const forget = () => void running.delete(p);
  p.then(forget, forget);
  return p;
}

/** Stops: waits for uninterrupted steps, then undoes all registered work, newest first. Never throws. */
export async function stopAndUndo(): Promise<void> {
  stopping = true;
  while (running.size > 0) await Promise.allSettled([...running]);
  // Work registered while undoing (a put that was starting) is undone too.
  while (undos.size > 0) {
    const undo = [...undos].pop()!;
    undos.delete(undo);
    try {
      await undo();
    } catch {
      // Best effort: what cannot be undone now is left to the stale-object sweep and lock takeover.
    }
  }
}

/** What a step that would have started after a stop throws (the CLI reports the signal instead). */
export class StoppingError extends Error {
  constructor() {
    super('the process is stopping: not starting a step that cannot be cut in two');
  }
}

/** A turn of the event loop (signals, timers), not just of the microtask queue; a stop begun meanwhile throws StoppingError. */
export async function yieldTurn(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  if (isStopping()) throw new StoppingError();
}
