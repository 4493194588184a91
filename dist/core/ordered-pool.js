/**
 * Maps an async iterable through an async function with up to `concurrency` calls in flight,
 * yielding results in input order. This is how frames get compressed on every core (zlib's
 * async calls run on libuv's thread pool) while the pack stays in order and memory stays bounded.
 */
export async function* orderedMap(source, concurrency, fn) {
    const inFlight = [];
    try {
        for await (const item of source) {
            const p = fn(item);
            // Keep a rejection from surfacing as unhandled before we await it in order.
            p.catch(() => { });
            inFlight.push(p);
            if (inFlight.length >= concurrency)
                yield await inFlight.shift();
        }
        while (inFlight.length > 0)
            yield await inFlight.shift();
    }
    finally {
        // Settle whatever is still running so nothing outlives the consumer.
        await Promise.allSettled(inFlight);
    }
}
