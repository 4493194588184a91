import { r as stopAndUndo, t as isStopping } from "./interrupt-DflhDiOt.js";
// .bundle-in/shared/exit-on-signal.js
/** 128 + the signal's number, as shells report a process a signal ended. */
const SIGNAL_EXIT_CODES = {
	SIGINT: 130,
	SIGTERM: 143
};
/** The longest a stop waits for its undo (a remote store may not answer) before exiting anyway. */
const UNDO_LIMIT_MS = 3e4;
/**
* Makes SIGINT and SIGTERM stop the CLI cleanly: what this run wrote and did not publish is
* removed, its lock released, one line printed, and the exit code is 130 or 143. A second signal
* exits at once. Output of the interrupted work is muted meanwhile (see `mutedWhileStopping`).
*/
function exitOnSignals(stderr) {
	for (const [signal, code] of Object.entries(SIGNAL_EXIT_CODES)) process.on(signal, () => {
		if (isStopping()) process.exit(code);
		const limit = new Promise((r) => setTimeout(r, UNDO_LIMIT_MS).unref());
		Promise.race([stopAndUndo(), limit]).then(() => {
			stderr.write(`index-vault: interrupted by ${signal}; what this run had not finished was removed\n`);
			process.exit(code);
		});
	});
}
/** A stream that says nothing once a stop has begun: the work being undone fails, and must not say so. */
function mutedWhileStopping(stream) {
	return new Proxy(stream, { get(target, prop, receiver) {
		if (prop === "write") return (s) => isStopping() ? true : target.write(s);
		const v = Reflect.get(target, prop, receiver);
		return typeof v === "function" ? v.bind(target) : v;
	} });
}
export { SIGNAL_EXIT_CODES, exitOnSignals, mutedWhileStopping };
