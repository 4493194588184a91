import { assertSeriesName, assertSnapshotId } from '../snapshot/snapshot-id.js';
import type { Store } from '../storage/store.js';
import type { Invocation } from './command.js';
import { openCliStore } from './open-store.js';
import { seconds } from './option-values.js';
import { createProgressReporter, type ProgressReporter } from './progress.js';
import { cliSigning } from './signing.js';
import type { SigningOptions } from '../snapshot/signature.js';

/** What a command that works on a store gets besides its command line. */
export interface StoreInvocation extends Invocation {
  store: Store;
  progress: ProgressReporter | undefined;
  name: string | undefined;
  snapshot: string | undefined;
  waitMs: number | undefined;
  /** Keys to sign with or check against (commands that take --signing-key), none: neither. */
  signing: SigningOptions | undefined;
  /** The result: as JSON with --json, else as text. */
  out(obj: unknown, text: string): void;
}

/** Checks the options every store command shares, opens the store, and runs `body` on it. */
export async function withStore(
  inv: Invocation,
  body: (s: StoreInvocation) => Promise<number>,
  mayCreate = false,
  signs = false,
): Promise<number> {
  const { values, io, json } = inv;
  const progress = values.quiet ? undefined : createProgressReporter(io.stderr);
  const name = values.name === undefined ? undefined : assertSeriesName(values.name as string);
  const snapshot = values.snapshot === undefined ? undefined : assertSnapshotId(values.snapshot as string);
  const waitMs = values.wait === undefined ? undefined : seconds(values.wait as string, '--wait') * 1000;
  const signing = signs ? cliSigning(values, io.env) : undefined;
  // Arguments first: a bad flag is reported as such, whatever the store.
  const store = await openCliStore(values, io.env, inv.logger, mayCreate);
  const out = (obj: unknown, text: string) => io.stdout.write(json ? `${JSON.stringify(obj)}\n` : `${text}\n`);
  try {
    return await body({ ...inv, store, progress, name, snapshot, waitMs, signing, out });
  } finally {
    progress?.done();
  }
}
