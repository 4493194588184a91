/**
 * Maps an async iterable through an async function with up to `concurrency` results started and
 * not yet taken, yielding them in input order. This is how frames get compressed on every core
 * (zlib's async calls run on libuv's thread pool) while the pack stays in order and memory stays
 * bounded. The source is pulled by a pump of its own, not by the consumer: while the consumer
 * writes a result out, the next items are already being read and started.
 */
export async function* orderedMap<T, R>(
  source: AsyncIterable<T> | Iterable<T>,
  concurrency: number,
  fn: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const queue: Promise<R>[] = [];
  let finished = false;
  let stopped = false;
  let failure: { error: unknown } | undefined;
  let wakeConsumer: (() => void) | undefined;
  let wakeProducer: (() => void) | undefined;
  const wake = (which: 'consumer' | 'producer') => {
    const w = which === 'consumer' ? wakeConsumer : wakeProducer;
    if (which === 'consumer') wakeConsumer = undefined;
    else wakeProducer = undefined;
    w?.();
  };

  const pump = (async () => {
    try {
      for await (const item of source) {
        while (queue.length >= concurrency && !stopped) await new Promise<void>((r) => (wakeProducer = r));
        if (stopped) break;
        const p = fn(item);
        // Keep a rejection from surfacing as unhandled before we await it in order.
        p.catch(() => {});
        queue.push(p);
        wake('consumer');
      }
    } catch (err) {
      failure = { error: err };
    } finally {
      finished = true;
      wake('consumer');
    }
  })();

  try {
    for (;;) {
      const next = queue.shift();
      if (next) {
        wake('producer');
        yield await next;
        continue;
      }
      if (failure) throw failure.error;
      if (finished) break;
      await new Promise<void>((r) => (wakeConsumer = r));
    }
  } finally {
    // Stop pulling, and settle whatever is still running so nothing outlives the consumer.
    stopped = true;
    wake('producer');
    await pump;
    await Promise.allSettled(queue);
  }
}
