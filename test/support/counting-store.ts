import type { GetOptions, Store } from '../../src/storage/store.js';

/**
 * A store that counts the bytes every read returns. It has no local copies (`download`), so every
 * pack byte a restore uses goes through `get`, as with a remote store.
 */
export function countingStore(inner: Store): Store & { fetched: number } {
  let fetched = 0;
  return new Proxy(inner, {
    get(target, key) {
      if (key === 'fetched') return fetched;
      if (key === 'download') return undefined;
      if (key === 'get') {
        return async (k: string, options?: GetOptions) => {
          const source = await target.get(k, options);
          return (async function* () {
            for await (const chunk of source) {
              fetched += chunk.length;
              yield chunk;
            }
          })();
        };
      }
      const v = Reflect.get(target, key, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  }) as Store & { fetched: number };
}
