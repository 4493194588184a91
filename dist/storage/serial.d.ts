/** Runs async work one piece at a time, in call order: for backends that share one transfer path. */
export declare class Serial {
    private tail;
    run<T>(fn: () => Promise<T>): Promise<T>;
}
