/**
 * Maps an async iterable through an async function with up to `concurrency` results started and
 * not yet taken, yielding them in input order. This is how frames get compressed on every core
 * (zlib's async calls run on libuv's thread pool) while the pack stays in order and memory stays
 * bounded. The source is pulled by a pump of its own, not by the consumer: while the consumer
 * writes a result out, the next items are already being read and started.
 */
export async function* orderedMap(source, concurrency, fn) {
    const queue = [];
    let finished = false;
    let stopped = false;
    let failure;
    let wakeConsumer;
    let wakeProducer;
    const wake = (which) => {
        const w = which === 'consumer' ? wakeConsumer : wakeProducer;
        if (which === 'consumer')
            wakeConsumer = undefined;
        else
            wakeProducer = undefined;
        w?.();
    };
    const pump = (async () => {
        try {
            for await (const item of source) {
                while (queue.length >= concurrency && !stopped)
                    await new Promise((r) => (wakeProducer = r));
                if (stopped)
                    break;
                const p = fn(item);
                // Keep a rejection from surfacing as unhandled before we await it in order.
                p.catch(() => { });
                queue.push(p);
                wake('consumer');
            }
        }
        catch (err) {
            failure = { error: err };
        }
        finally {
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
            if (failure)
                throw failure.error;
            if (finished)
                break;
            await new Promise((r) => (wakeConsumer = r));
        }
    }
    finally {
        // Stop pulling, and settle whatever is still running so nothing outlives the consumer.
        stopped = true;
        wake('producer');
        await pump;
        await Promise.allSettled(queue);
    }
}
