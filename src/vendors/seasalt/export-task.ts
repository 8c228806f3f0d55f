/** Runs in a generation worker (core/generation): writes one Seasalt export into storage. */
import type { TaskIO } from '../../core/generation/task.js';
import { type ExportParams, type ExportResult, writeExport } from './export-file.js';

export function run(input: { params: ExportParams; stampAt: number }, io: TaskIO): Promise<ExportResult> {
  return writeExport(io, input.params, input.stampAt, io.report);
}
