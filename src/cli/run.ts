import { parseArgs } from 'node:util';
import { ValidationError } from '../shared/errors.js';
import { argumentError } from './argument-error.js';
import { backupCommand } from './backup.js';
import { cliLogger } from './cli-logger.js';
import type { CliIo, CommandSpec, OptionValues } from './command.js';
import { didYouMean } from './did-you-mean.js';
import { diffCommand } from './diff.js';
import { guardCommand } from './guard.js';
import { commandHelp } from './help.js';
import { listCommand } from './list.js';
import { mainHelp } from './main-help.js';
import { pruneCommand } from './prune.js';
import { reportError } from './report-error.js';
import { restoreCommand } from './restore.js';
import { verifyCommand } from './verify.js';
import { runVersion } from './version.js';

export type { CliIo } from './command.js';
export { EXIT_CODES } from './exit-codes.js';

/** The commands, in the order help lists them. */
const COMMANDS: Record<string, CommandSpec> = {
  backup: backupCommand,
  restore: restoreCommand,
  verify: verifyCommand,
  prune: pruneCommand,
  guard: guardCommand,
  list: listCommand,
  diff: diffCommand,
};

/** Runs the CLI and returns its exit code; all output goes through `io`. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    io.stdout.write(`${mainHelp(COMMANDS)}\n`);
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-V') return runVersion(io);
  let json = rest.includes('--json');
  try {
    if (!Object.hasOwn(COMMANDS, first)) {
      const guess = didYouMean(first, Object.keys(COMMANDS));
      throw new ValidationError(`unknown command ${JSON.stringify(first)}${guess ? ` (did you mean ${guess}?)` : ''}`, {
        hint: `use one of: ${Object.keys(COMMANDS).join(', ')}`,
      });
    }
    const command = first;
    const spec = COMMANDS[command]!;
    // Everything after `--` belongs to the guarded command, not to us.
    const dashes = rest.indexOf('--');
    const ownArgs = command === 'guard' && dashes >= 0 ? rest.slice(0, dashes) : rest;
    const guarded = command === 'guard' && dashes >= 0 ? rest.slice(dashes + 1) : [];
    let parsed;
    try {
      parsed = parseArgs({ args: ownArgs, options: spec.options, allowPositionals: true, strict: true });
    } catch (err) {
      throw argumentError(err, spec.options, command);
    }
    const values = parsed.values as OptionValues;
    json = values.json === true;
    if (values.help) {
      io.stdout.write(commandHelp(command, spec.about, spec.usage, spec.options));
      return 0;
    }
    const n = parsed.positionals.length;
    if (n > spec.positionals || n < (spec.minPositionals ?? spec.positionals)) {
      const wanted =
        spec.minPositionals !== undefined
          ? `${command} takes at most ${spec.positionals === 2 ? 'two snapshots' : spec.positionals}`
          : spec.positionals === 1
            ? `${command} needs one directory argument`
            : `${command} takes no positional arguments`;
      throw new ValidationError(wanted, {
        hint: `usage: ${spec.usage}`,
      });
    }
    const logger = cliLogger(values, io, json);
    return await spec.run({ command, usage: spec.usage, values, positionals: parsed.positionals, guarded, io, logger, json });
  } catch (err) {
    return reportError(err, io, json);
  }
}
