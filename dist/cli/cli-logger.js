/** Warnings and errors always reach stderr; detail only with --verbose (never mixed into --json), and nothing more with --quiet. */
export function cliLogger(values, io, json) {
    return {
        debug: (m) => void (values.verbose && !json ? io.stderr.write(`${m}\n`) : undefined),
        info: (m) => void (values.quiet ? undefined : values.verbose ? io.stderr.write(`${m}\n`) : undefined),
        warn: (m) => void io.stderr.write(`warning: ${m}\n`),
        error: (m) => void io.stderr.write(`error: ${m}\n`),
    };
}
