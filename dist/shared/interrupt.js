const undos = new Set();
const running = new Set();
let stopping = false;
/** Registers what to undo if the process is stopped now; call the returned function once the work is done or undone by itself. */
export function onStop(undo) {
    undos.add(undo);
    return () => void undos.delete(undo);
}
/** Whether the process is stopping: work must not start anything new (a temporary file, a publish). */
export function isStopping() {
    return stopping;
}
/** Runs a step that must finish once started; a stop waits for it before undoing anything. */
export function uninterrupted(step) {
    const p = step();
    running.add(p);
    const forget = () => void running.delete(p);
    p.then(forget, forget);
    return p;
}
/** Stops: waits for uninterrupted steps, then undoes all registered work, newest first. Never throws. */
export async function stopAndUndo() {
    stopping = true;
    while (running.size > 0)
        await Promise.allSettled([...running]);
    // Work registered while undoing (a put that was starting) is undone too.
    while (undos.size > 0) {
        const undo = [...undos].pop();
        undos.delete(undo);
        try {
            await undo();
        }
        catch {
            // Best effort: what cannot be undone now is left to the stale-object sweep and lock takeover.
        }
    }
}
