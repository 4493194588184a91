export interface LanceTableChange {
    /** `""` for a snapshot of one table directory. */
    table: string;
    status: 'added' | 'removed' | 'changed' | 'unchanged';
    version: {
        before: number | null;
        after: number | null;
    };
    rows: {
        before: number | null;
        after: number | null;
    };
}
/** Per table: added, removed, or its newest version and row count before and after. */
export declare function diffLanceFacts(beforeFacts: unknown, afterFacts: unknown): {
    detail: {
        tables: LanceTableChange[];
    };
    lines: string[];
};
