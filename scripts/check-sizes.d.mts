/** Types of scripts/check-sizes.mjs, for its test. */
export declare const LIMITS: { fileLines: number; functionLines: number; handlerLines: number };
export declare function violationsIn(path: string, text: string): string[];
