/** The action's entry point: the only place that calls setFailed. */
export declare function main(): Promise<void>;
