/** Runs async work one piece at a time, in call order: for backends that share one transfer path. */
export class Serial {
    tail = Promise.resolve();
    run(fn) {
        const next = this.tail.then(fn, fn);
        this.tail = next.catch(() => { });
        return next;
    }
}
