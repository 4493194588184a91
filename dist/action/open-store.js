import { LocalStore } from '../storage/local-store.js';
/** The store the inputs name. */
export async function openStore(inputs, env) {
    void env;
    return new LocalStore(inputs.store);
}
