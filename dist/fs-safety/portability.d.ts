export type PortabilityMode = 'error' | 'warn' | 'off';
export declare const PORTABILITY_MODES: readonly PortabilityMode[];
export type PortabilityRule = 'reserved-name' | 'forbidden-char' | 'control-char' | 'trailing-dot-space' | 'case-collision' | 'unicode-collision' | 'path-too-long' | 'component-too-long';
export interface PortabilityProblem {
    path: string;
    rule: PortabilityRule;
    detail: string;
    /** The colliding path, for collisions. */
    other?: string;
}
export interface PortabilityOptions {
    maxPathLength?: number;
    maxComponentLength?: number;
}
/**
 * Lists every path that could not be restored as-is on Windows, macOS or Linux. Paths are POSIX
 * relative paths, as stored in a manifest. One pass; memory is a map of folded paths.
 */
export declare function checkPortability(paths: Iterable<string>, options?: PortabilityOptions): PortabilityProblem[];
/** A short summary for people: counts per rule, then examples. */
export declare function formatPortabilityProblems(problems: readonly PortabilityProblem[], limit?: number): string;
