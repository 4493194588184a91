import { resolveSeries } from '../engine/series.js';
import type { Store } from '../storage/store.js';
import type { OptionValues } from './command.js';

/** The series named, or holding `snapshot`, for verify, list and prune: a typo is E_NOT_FOUND, not "0 of 0 verified". */
export async function oneSeries(
  store: Store,
  values: OptionValues,
  name: string | undefined,
  snapshot: string | undefined,
): Promise<string> {
  if (name !== undefined && (values.backend === 'cache' || values.backend === 'artifact')) return name;
  return resolveSeries(store, { name, snapshot });
}
