/** Option values as the commands take them: a bad one is E_VALIDATION naming the flag. */
export declare function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined;
export declare function integer(value: string, flag: string): number;
export declare function seconds(value: string, flag: string): number;
export declare function size(value: string, flag: string): number;
