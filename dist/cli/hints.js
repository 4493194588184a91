import { remedyOf } from '../shared/remedy.js';
/** Each remedy in the CLI's words: the flag or command that does it. */
const CLI = {
    force: () => 'pass --force to replace it with the snapshot (files not in the snapshot are removed), or restore into an empty directory',
    'full-snapshot': () => 'the chain is broken: restore another snapshot, or take a full snapshot (--mode full); `index-vault verify` shows which snapshots are affected',
    verify: (e) => `${e.hint ?? 'the store is damaged'}: run \`index-vault verify\``,
    portability: () => 'rename them, or pass --portability warn (or off) if the snapshot only needs to restore on this OS',
    'follow-links': () => 'remove them, or pass --follow-links to store the content that links and hard links point to',
    series: (e) => `pass --name${e.hint?.startsWith('name the series; ') ? `; ${e.hint.slice(17)}` : ''}`,
    store: () => 'check --store and --name (`index-vault list --store …` shows what is there)',
    'format-auto': () => 'point at the index directory, or use --format auto',
    'format-dir': (e) => e.hint?.replace(/back it up as plain files$/, 'back it up with --format dir') ?? 'back it up with --format dir',
    'format-aware': () => 'something is writing to the index; back up after the writer has finished (or use an index-aware --format)',
    'lock-wait': (e) => `wait for it to finish (or pass --wait SECONDS); if that process is gone its lock is taken over automatically${typeof e.details.lockFile === 'string' ? `, or delete ${e.details.lockFile}` : ''}`,
    'no-deep-verify': (e) => e.hint?.replace(/without deep verification/, 'without --deep-verify') ?? 'restore without --deep-verify',
};
/** What to do about an error, in the CLI's flags; the error's own neutral hint where it names no remedy. */
export function cliHint(err) {
    const remedy = remedyOf(err);
    return remedy ? CLI[remedy](err) : err.hint;
}
