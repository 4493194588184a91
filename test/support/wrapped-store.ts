import type { GetOptions, PutOptions, Store, StoreObject } from '../../src/storage/store.js';

/** Passes every call to another store; tests override the calls they make fail. */
export class WrappedStore implements Store {
  readonly description: string = 'wrapped';
  constructor(readonly inner: Store) {}

  put(key: string, body: AsyncIterable<Uint8Array>, options?: PutOptions): Promise<StoreObject> {
    return this.inner.put(key, body, options);
  }
  get(key: string, options?: GetOptions): Promise<AsyncIterable<Buffer>> {
    return this.inner.get(key, options);
  }
  list(prefix: string): Promise<StoreObject[]> {
    return this.inner.list(prefix);
  }
  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }
  exists(key: string): Promise<boolean> {
    return this.inner.exists(key);
  }
}
