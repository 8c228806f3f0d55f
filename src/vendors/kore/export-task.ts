/** Runs in a generation worker (core/generation): writes one Kore export's fragments into storage. */
import type { TaskIO } from '../../core/generation/task.js';
import { type ExportParams, type ExportResult, writeExport } from './export-file.js';

export function run(params: ExportParams, io: TaskIO): Promise<ExportResult> {
  return writeExport(io, params, io.report);
}
