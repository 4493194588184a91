import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { parseBoundedJson } from '../shared/bounded-json.js';
import { isIndexVaultError, LockedError } from '../shared/errors.js';
import { silentLogger } from '../shared/logger.js';
import { readAll } from './series.js';
import { onStop } from '../shared/interrupt.js';
/**
 * Holds a lease on a whole series in the store itself — an object created with If-None-Match, so
 * exactly one writer gets it on any store — for operations that delete (prune). A lease whose
 * holder died expires after `ttlMs` and is then taken over.
 */
export async function withSeriesLease(store, series, operation, fn, options = {}) {
    const logger = options.logger ?? silentLogger;
    const key = `${series}/lease.json`;
    const ttl = options.ttlMs ?? 30 * 60 * 1000;
    const now = Date.now();
    const lease = {
        token: randomBytes(8).toString('hex'),
        operation,
        host: hostname(),
        pid: process.pid,
        acquiredAt: new Date(now).toISOString(),
        expiresAt: new Date(now + ttl).toISOString(),
    };
    const body = Buffer.from(JSON.stringify(lease));
    const holder = async () => readAll(await store.get(key), 64 * 1024).then((b) => parseBoundedJson(b, 'lease', 64 * 1024), () => undefined);
    const refuse = (held) => new LockedError(`series ${series} in ${store.description} is leased for ${held.operation} by pid ${held.pid} on ${held.host} since ${held.acquiredAt}`, {
        hint: `run again later; a dead holder's lease expires at ${held.expiresAt}`,
        details: { lease: held },
    });
    // Looking first also protects stores whose service ignores If-None-Match, short of a true race.
    if (await store.exists(key)) {
        const held = await holder().catch(() => undefined);
        if (held && Date.parse(held.expiresAt) > Date.now())
            throw refuse(held);
        logger.warn(`taking over an expired lease on ${series}${held ? ` (${held.operation} by pid ${held.pid} on ${held.host})` : ''}`);
        await store.delete(key);
    }
    for (let attempt = 0;; attempt++) {
        try {
            await store.put(key, (async function* () {
                yield body;
            })(), { ifNoneMatch: true });
            break;
        }
        catch (err) {
            if (!isIndexVaultError(err, 'E_STORAGE') || err.details.exists !== true || attempt > 0)
                throw err;
            const held = await holder().catch(() => undefined);
            if (held && Date.parse(held.expiresAt) > Date.now()) {
                throw refuse(held);
            }
            logger.warn(`taking over an expired lease on ${series}${held ? ` (${held.operation} by pid ${held.pid} on ${held.host})` : ''}`);
            await store.delete(key);
        }
    }
    const forget = onStop(() => store.delete(key));
    try {
        return await fn();
    }
    finally {
        forget();
        await store.delete(key).catch((err) => logger.warn(`could not release the lease on ${series}: ${err.message}`));
    }
}
