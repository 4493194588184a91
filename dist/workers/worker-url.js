import { createHash } from 'node:crypto';
import fs from 'node:fs';
// The module object, not a named import: Node.js before 22.13 lacks stripTypeScriptTypes, and a missing
// named export would fail the library's import before it can say which version it needs.
import nodeModule from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
/**
 * Starts the worker module `name` that sits beside the module whose `import.meta.url` is `base`.
 * Built (dist/, and the action bundle, where each worker is its own bundle beside index.js) it
 * is `name.js`. Run from source (the tests) there is only `name.ts`: it and the modules it
 * imports are stripped of their types once into a temporary directory, so each worker then
 * starts from plain JavaScript as fast as a built one. The name is a variable, so no bundler
 * rewrites or inlines the worker's address.
 */
export function startWorker(name, base, options = {}) {
    // The process's own flags are not the worker's: `--input-type` with `-e`, say, fails a file worker.
    const opts = { execArgv: [], ...options };
    const built = new URL(`./${name}.js`, base);
    if (fs.existsSync(fileURLToPath(built)))
        return new Worker(built, opts);
    return new Worker(pathToFileURL(fromSource(fileURLToPath(new URL(`./${name}.ts`, base)))), opts);
}
const stripped = new Map();
/** Value imports of relative modules, as tsc wants them written (`./x.js` for `./x.ts`). */
const IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^;]*?\sfrom\s+)?'(\.{1,2}\/[^']+)\.js'/gm;
/** The entry's import graph as JavaScript in a directory named by its content; returns the entry's path there. */
function fromSource(entry) {
    const known = stripped.get(entry);
    if (known)
        return known;
    const sources = new Map();
    const walk = (file) => {
        if (sources.has(file))
            return;
        const text = fs.readFileSync(file, 'utf8');
        sources.set(file, text);
        for (const m of text.matchAll(IMPORT))
            walk(path.resolve(path.dirname(file), `${m[1]}.ts`));
    };
    walk(entry);
    const files = [...sources.keys()].sort();
    let root = path.dirname(files[0]);
    while (!files.every((f) => f.startsWith(root + path.sep)))
        root = path.dirname(root);
    const digest = createHash('sha256').update(process.version);
    for (const f of files)
        digest.update(`${path.relative(root, f)}\0${sources.get(f)}\0`);
    const dir = path.join(os.tmpdir(), 'index-vault-workers', digest.digest('hex').slice(0, 16));
    if (!fs.existsSync(dir)) {
        // Written beside, then renamed into place whole: several test processes may race for it.
        const tmp = `${dir}.${process.pid}.${Math.random().toString(36).slice(2)}`;
        for (const f of files) {
            const out = path.join(tmp, path.relative(root, f)).replace(/\.ts$/, '.js');
            fs.mkdirSync(path.dirname(out), { recursive: true });
            fs.writeFileSync(out, nodeModule.stripTypeScriptTypes(sources.get(f), { mode: 'transform' }));
        }
        try {
            fs.renameSync(tmp, dir);
        }
        catch {
            fs.rmSync(tmp, { recursive: true, force: true }); // another process was first
        }
    }
    const out = path.join(dir, path.relative(root, entry)).replace(/\.ts$/, '.js');
    stripped.set(entry, out);
    return out;
}
