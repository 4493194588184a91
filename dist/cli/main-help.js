import { TOOL_VERSION } from '../shared/version.js';
import { EXIT_CODES } from './exit-codes.js';
/** `index-vault` alone or `index-vault help`: every command in one line, the common options and the exit codes. */
export function mainHelp(commands) {
    const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)} ${c.about}`);
    return [
        `index-vault ${TOOL_VERSION} — verified full snapshots of search indexes and other directories`,
        '',
        'Usage: index-vault <command> [options]   (index-vault <command> --help for its options)',
        '',
        'Commands:',
        ...lines,
        '',
        'Common options: --store <dir|s3://bucket/prefix|azure://container/prefix> (or INDEX_VAULT_STORE),',
        '  --s3-endpoint URL, --s3-region R, --s3-path-style (S3-compatible services), --name <series>,',
        '  --backend local|cache|artifact (cache and artifact inside a GitHub Actions job; artifact also takes',
        '  --github-token, --run-id, --retention-days),',
        '  --json (one JSON object on stdout), --quiet, --verbose, --help',
        '',
        `Exit codes: 0 ok, ${Object.entries(EXIT_CODES)
            .map(([c, n]) => `${n} ${c}`)
            .join(', ')}, 1 other.`,
    ].join('\n');
}
