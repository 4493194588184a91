// .bundle-in/shared/interrupt.js
const undos = /* @__PURE__ */ new Set();
const running = /* @__PURE__ */ new Set();
let stopping = false;
/** Registers what to undo if the process is stopped now; call the returned function once the work is done or undone by itself. */
function onStop(undo) {
	undos.add(undo);
	return () => void undos.delete(undo);
}
/** Whether the process is stopping: work must not start anything new (a temporary file, a publish). */
function isStopping() {
	return stopping;
}
/**
* Runs a step that must finish once started; a stop waits for it before undoing anything. Once
* stopping, no such step starts: its inputs (a staging tree, the packs of a manifest) are being
* undone, and publishing them would swap a half-removed tree in or name packs that are gone.
*/
function uninterrupted(step) {
	if (stopping) return Promise.reject(new StoppingError());
	const p = step();
	running.add(p);
	const forget = () => void running.delete(p);
	p.then(forget, forget);
	return p;
}
/** Stops: waits for uninterrupted steps, then undoes all registered work, newest first. Never throws. */
async function stopAndUndo() {
	stopping = true;
	while (running.size > 0) await Promise.allSettled([...running]);
	while (undos.size > 0) {
		const undo = [...undos].pop();
		undos.delete(undo);
		try {
			await undo();
		} catch {}
	}
}
/** What a step that would have started after a stop throws (the CLI reports the signal instead). */
var StoppingError = class extends Error {
	constructor() {
		super("the process is stopping: not starting a step that cannot be cut in two");
	}
};
/** A turn of the event loop (signals, timers), not just of the microtask queue; a stop begun meanwhile throws StoppingError. */
async function yieldTurn() {
	await new Promise((resolve) => setImmediate(resolve));
	if (isStopping()) throw new StoppingError();
}
export { yieldTurn as a, uninterrupted as i, onStop as n, stopAndUndo as r, isStopping as t };
