import { LocalStore } from '../storage/local-store.js';
import type { Store } from '../storage/store.js';
import type { ActionInputs } from './inputs.js';

/** The store the inputs name. */
export async function openStore(inputs: ActionInputs, env: Record<string, string | undefined>): Promise<Store> {
  void env;
  return new LocalStore(inputs.store!);
}
