import { ValidationError } from '../shared/errors.js';
import type { FormatOptions, IndexFormat } from './index-format.js';
import { BUILT_IN_FORMATS } from './registry.js';
import type { IndexSelection } from './selection.js';

/** `auto` detects one of `formats`; `dir` stores every file; any other value names a format. */
export function checkFormatChoice(choice: string, formats: readonly IndexFormat[] = BUILT_IN_FORMATS): void {
  if (choice === 'auto' || choice === 'dir' || formats.some((f) => f.name === choice)) return;
  const valid = ['auto', ...formats.map((f) => f.name), 'dir'];
  throw new ValidationError(`invalid format ${JSON.stringify(choice)}`, { hint: `valid values: ${valid.join(', ')}` });
}

/**
 * Decides what to store for a directory: the selection of the format asked for, or of the first
 * of `formats` that recognizes it (`auto`) — or undefined (`dir`, or `auto` when none does):
 * then every file is stored.
 */
export async function selectIndexFiles(
  dir: string,
  choice: string,
  options: FormatOptions = {},
  formats: readonly IndexFormat[] = BUILT_IN_FORMATS,
): Promise<IndexSelection | undefined> {
  checkFormatChoice(choice, formats);
  if (choice === 'dir') return undefined;
  if (choice !== 'auto') return formats.find((f) => f.name === choice)!.select(dir, options);
  for (const f of formats) if (await f.detect(dir)) return f.select(dir, options);
  return undefined;
}

/** Every format's check of the options, before anything is locked or read. */
export function checkFormatOptions(options: FormatOptions, formats: readonly IndexFormat[] = BUILT_IN_FORMATS): void {
  for (const f of formats) f.checkOptions?.(options);
}
