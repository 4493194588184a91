import { cliHint } from './hints.js';
import { isIndexVaultError } from '../shared/errors.js';
import { EXIT_CODES } from './exit-codes.js';
/** One line on stderr (and, with --json, one object on stdout) for a failure; returns the exit code. */
export function reportError(err, io, json) {
    if (isIndexVaultError(err)) {
        const [firstLine, ...more] = err.message.split('\n');
        const hint = cliHint(err);
        io.stderr.write(`index-vault: ${err.code}: ${firstLine}${hint ? ` (${hint})` : ''}\n`);
        if (more.length > 0 && !json)
            io.stderr.write(`${more.join('\n')}\n`);
        if (json)
            io.stdout.write(`${JSON.stringify({ ok: false, error: { code: err.code, message: err.message, hint: hint ?? null } })}\n`);
        return EXIT_CODES[err.code] ?? 1;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`index-vault: unexpected error: ${message.split('\n')[0]} (please report it with the command you ran)\n`);
    if (json)
        io.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'E_INTERNAL', message } })}\n`);
    return 1;
}
