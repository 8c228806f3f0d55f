/** Types of scripts/check-fidelity-matrix.mjs, for the test that runs it. */
export declare const ROOT: string;
export declare const VENDOR_READMES: string[];
export interface BrokenReference {
  readme: string;
  line: number;
  problem: string;
}
export declare function matrixRows(
  markdown: string,
): { error: string } | { rows: Array<{ line: number; says: string; does: string; test: string; width: number }> };
export declare function references(cell: string): Array<{ raw: string; file?: string; name?: string }>;
export declare function testNames(source: string): string[][];
export declare function checkFidelityMatrix(readmes?: string[], root?: string): BrokenReference[];
