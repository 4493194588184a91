import { SIGNING_OPTIONS } from './signing.js';
import { listSeries } from '../engine/series.js';
import { verifySeries, type VerifyReport } from '../engine/verify/verify.js';
import { ValidationError } from '../shared/errors.js';
import { formatBytes } from '../shared/units.js';
import { COMMON, type CommandSpec } from './command.js';
import { EXIT_CODES } from './exit-codes.js';
import { oneSeries } from './one-series.js';
import { plural } from './plural.js';
import { withStore, type StoreInvocation } from './with-store.js';

export const verifyCommand: CommandSpec = {
  usage: 'index-vault verify --store <dir> [--name N] [--snapshot ID] [--signing-key [ID:]SECRET] [--allow-unsigned] [--json]',
  about: 'Read every pack of a snapshot (all snapshots by default) and check every digest.',
  options: { ...COMMON, snapshot: { type: 'string' }, ...SIGNING_OPTIONS },
  positionals: 0,
  run: (inv) => withStore(inv, runVerify, false, true),
};

async function runVerify({ values, io, store, name, snapshot, signing, logger, progress, out }: StoreInvocation): Promise<number> {
  const seriesList = name || snapshot ? [await oneSeries(store, values, name, snapshot)] : await listSeries(store);
  if (seriesList.length === 0) throw notFoundInStore(store.description);
  const reports: VerifyReport[] = [];
  // Each failure is a line of the report below: the library's warning about it would say it twice.
  const verifyLogger = { ...logger, warn: logger.debug };
  for (const s of seriesList)
    reports.push(...(await verifySeries(store, s, snapshot, { logger: verifyLogger, onProgress: progress?.report, signing })));
  progress?.done(true);
  const bad = reports.filter((r) => !r.ok);
  out(
    { ok: bad.length === 0, snapshots: reports },
    reports
      .map(
        (r) =>
          `${r.ok ? 'ok  ' : 'FAIL'} ${r.series} ${r.id}${r.ok ? ` ${plural(r.files, 'file')}, ${formatBytes(r.bytes)}` : ` ${r.error?.code}: ${r.error?.message}`}`,
      )
      .join('\n') + `\n${reports.length - bad.length} of ${plural(reports.length, 'snapshot')} verified`,
  );
  if (bad.length > 0) {
    // Only signatures failed: exit as E_SIGNATURE, so scripts can tell an untrusted store from a damaged one.
    if (bad.every((r) => r.error?.code === 'E_SIGNATURE')) {
      io.stderr.write(
        `index-vault: E_SIGNATURE: ${bad.length} of ${plural(reports.length, 'snapshot')} not signed with a configured key (first: ${bad[0]!.series} ${bad[0]!.id}; see the report on stdout)\n`,
      );
      return EXIT_CODES.E_SIGNATURE;
    }
    io.stderr.write(
      `index-vault: E_INTEGRITY: ${bad.length} of ${plural(reports.length, 'snapshot')} failed verification (first: ${bad[0]!.series} ${bad[0]!.id}; see the report on stdout)\n`,
    );
    return EXIT_CODES.E_INTEGRITY;
  }
  return 0;
}

function notFoundInStore(where: string) {
  return Object.assign(new ValidationError(`no snapshots in ${where}`, { hint: 'check --store' }), { code: 'E_NOT_FOUND' as const });
}
