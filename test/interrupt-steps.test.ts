import { expect, it } from 'vitest';
import { onStop, stopAndUndo, StoppingError, uninterrupted } from '../src/shared/interrupt.js';

// Stopping is once per process: this file has this one test (vitest runs each file in its own process).
it('once a stop has begun, no step that cannot be cut in two starts: a restore does not swap a half-removed staging tree in', async () => {
  const order: string[] = [];
  let releaseUndo!: () => void;
  // The undo of a staging directory, still running when the restore reaches its swap.
  onStop(() => new Promise<void>((r) => (releaseUndo = () => (order.push('undone'), r()))));
  const stopped = stopAndUndo();
  await new Promise((r) => setImmediate(r));
  const swap = uninterrupted(async () => void order.push('swapped'));
  await expect(swap).rejects.toBeInstanceOf(StoppingError);
  releaseUndo();
  await stopped;
  expect(order).toEqual(['undone']);
});
