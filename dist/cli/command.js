/** Options every command that opens a store takes. */
export const COMMON = {
    store: { type: 'string' },
    backend: { type: 'string' },
    'github-token': { type: 'string' },
    'run-id': { type: 'string' },
    'retention-days': { type: 'string' },
    's3-endpoint': { type: 'string' },
    's3-region': { type: 'string' },
    's3-path-style': { type: 'boolean' },
    name: { type: 'string' },
    json: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    verbose: { type: 'boolean', short: 'v' },
    help: { type: 'boolean', short: 'h' },
};
