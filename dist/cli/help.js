/** One line per option, shared by every command that takes it; `value` names its argument. */
export const OPTION_HELP = {
    store: { value: 'DIR|URL', text: 'the store: a directory, s3://bucket/prefix or azure://container/prefix (or INDEX_VAULT_STORE)' },
    backend: { value: 'local|cache|artifact', text: "local (default): --store; cache / artifact: GitHub's services, inside a job" },
    'github-token': { value: 'T', text: 'token for --backend artifact (default: GITHUB_TOKEN)' },
    'run-id': { value: 'N', text: 'for --backend artifact: use the artifacts of that workflow run' },
    'retention-days': { value: 'N', text: 'for --backend artifact: days GitHub keeps what is uploaded' },
    's3-endpoint': { value: 'URL', text: 'endpoint of an S3-compatible service for s3:// stores' },
    's3-region': { value: 'R', text: 'region for s3:// stores' },
    's3-path-style': { text: 'path-style requests for s3:// stores (S3-compatible services)' },
    name: { value: 'N', text: 'the snapshot series (default: see above)' },
    json: { text: 'print one JSON object on stdout' },
    quiet: { text: 'no progress on stderr' },
    verbose: { text: 'more detail on stderr (backup: each excluded path and why)' },
    help: { text: 'print this help' },
    mode: { value: 'auto|full|incremental', text: 'auto (default): incremental on a healthy newest snapshot, else full' },
    format: { value: 'auto|lancedb|tantivy|dir', text: 'what the directory holds (default auto: detect LanceDB and Tantivy)' },
    'lance-versions': { value: 'latest|tagged|all', text: 'which LanceDB table versions to keep (default tagged)' },
    'max-chain': { value: 'N', text: 'longest chain before auto takes a full snapshot again (default 10)' },
    'trust-mtime': {
        value: undefined,
        text: "reuse a file's hash when size, mtime and exec bit are unchanged (faster, misses same-size same-mtime edits)",
    },
    compression: { value: 'zstd|gzip', text: 'pack codec (default zstd)' },
    level: { value: 'N', text: 'compression level: zstd 1-19 (default 3), gzip 1-9 (default 6)' },
    portability: { value: 'error|warn|off', text: 'names Windows or macOS cannot restore (default error)' },
    'follow-links': { text: 'store what out-of-tree symlinks and hard links point to instead of refusing them' },
    'no-verify': { text: 'do not read back what was stored (the result says verified: false)' },
    'no-hash-cache': { text: 'neither use nor update the local hash cache' },
    'pack-size': { value: 'SIZE', text: 'file bytes per pack (default 256M)' },
    wait: { value: 'SECONDS', text: 'wait this long for another index-vault process on the same directory instead of failing with E_LOCKED' },
    snapshot: { value: 'ID', text: 'a snapshot id from list (its series is found by the id)' },
    force: { text: 'replace a non-empty target directory' },
    'deep-verify': { text: 'open restored LanceDB tables and check version and row count before swapping them in' },
    'no-reuse': { text: 'fetch every file from the store, even those the target already has' },
    only: {
        value: 'PATH|GLOB',
        text: 'restore only these snapshot paths (a directory: its subtree; globs * ** ?), leave the rest of the target as it is (repeatable)',
    },
    table: { value: 'NAME', text: 'restore only this table of the index (LanceDB: NAME.lance), as --only does (repeatable)' },
    seed: {
        value: 'DIR',
        text: 'copy files with the right content from this directory instead of fetching them (repeatable; a missing one is a warning)',
    },
    'keep-last': { value: 'K', text: 'keep the newest K snapshots (at least 1)' },
    'keep-within': { value: 'DURATION', text: 'also keep snapshots younger than this (30m, 12h, 7d, 2w)' },
    'dry-run': { text: 'say what would be deleted, delete nothing' },
    'signing-key': {
        value: '[ID:]SECRET',
        text: 'HMAC key: backup signs with the first, restore/verify/diff accept any and refuse unsigned snapshots (repeat or comma-separate; or INDEX_VAULT_SIGNING_KEY)',
    },
    'allow-unsigned': {
        text: 'with a signing key: accept snapshots that have no signature (or one by a key id not configured), with a warning',
    },
    strategy: { value: 'directory-copy|lance-version', text: 'how the backup is taken (default directory-copy)' },
    'backup-dir': { value: 'DIR', text: 'where the backup is kept (default INDEX_VAULT_BACKUP_DIR, else the per-user data directory)' },
};
/** What each command does with `--name` left out, and examples a user can copy. */
export const COMMAND_NOTES = {
    backup: {
        name: "default: the directory's name (My Index -> My-Index)",
        examples: [
            'index-vault backup ./index --store ./vault',
            'index-vault backup ./index --store s3://bucket/backups --pack-size 512M --wait 60',
        ],
    },
    restore: {
        name: "default: the series of --snapshot, else the one named after <dir>, else the store's only series",
        examples: [
            'index-vault restore ./index --store ./vault',
            'index-vault restore ./copy --store ./vault --snapshot 20260101T120000000Z-0123abcd --force',
            "index-vault restore ./index --store ./vault --only 'docs/**/*.json' --table products --force",
            'index-vault restore ./index --store ./vault --seed ../previous-build/index',
        ],
    },
    verify: {
        name: 'default: the series of --snapshot, else every series',
        examples: ['index-vault verify --store ./vault', 'index-vault verify --store ./vault --snapshot 20260101T120000000Z-0123abcd --json'],
    },
    prune: { name: 'default: every series', examples: ['index-vault prune --store ./vault --keep-last 5 --keep-within 7d --dry-run'] },
    guard: { examples: ['index-vault guard ./index -- npm run rebuild-index'] },
    diff: {
        name: "default: the series of an id given, else the store's only series",
        examples: ['index-vault diff --store ./vault', 'index-vault diff latest~3 latest --store ./vault --name my-index --json'],
    },
    list: {
        name: 'default: every series',
        examples: ['index-vault list --store ./vault', 'index-vault list --store ./vault --name my-index --json'],
    },
};
export function commandHelp(command, about, usage, options) {
    const notes = COMMAND_NOTES[command];
    const rows = Object.keys(options).map((o) => {
        const h = OPTION_HELP[o];
        const flag = `${options[o].short ? `-${options[o].short}, ` : ''}--${o}${h?.value ? ` ${h.value}` : ''}`;
        return `  ${flag.padEnd(34)}  ${o === 'name' && notes?.name ? `the snapshot series; ${notes.name}` : (h?.text ?? '')}`;
    });
    return [about, '', `Usage: ${usage}`, '', 'Options:', ...rows, '', 'Examples:', ...(notes?.examples ?? []).map((e) => `  ${e}`), ''].join('\n');
}
