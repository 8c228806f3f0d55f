/**
 * What DATA_DIR/state.json must hold for a load to succeed: every field the core reads, with its type, so that a file
 * damaged by hand or by a faulty disk is refused at start-up with the file and the field named, rather than starting a
 * server that answers 500 later. Parts owned by others (vendor state, job parameters) are checked by their owners.
 */
import { z } from 'zod';
import { ScenarioInput } from '../scenarios/schema.js';

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const count = z.number().int().min(0);
const record = z.record(z.string(), z.unknown());

const Generation = z.looseObject({
  state: z.enum(['pending', 'running', 'done', 'error']),
  progress: finite,
  error: z.string().optional(),
  finishedAt: finite.optional(),
  seenLate: z.boolean().optional(),
});

export const SavedJobSchema = z.looseObject({
  id: z.string().min(1),
  vendor: z.string().min(1),
  tenant: z.string(),
  seq: count,
  createdAt: finite,
  queuedMs: finite,
  runningMs: finite,
  outcome: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('success') }),
    z.object({ kind: z.literal('failed'), error: z.string() }),
    z.object({ kind: z.literal('stuck') }),
  ]),
  params: z.unknown(),
  generation: Generation,
  forced: z
    .looseObject({
      phase: z.enum(['queued', 'running', 'succeeded', 'failed']),
      at: finite,
      error: z.string().optional(),
    })
    .optional(),
  faultsServed: z.array(z.string()).optional(),
});

export const StoredObjectSchema = z.looseObject({
  bucket: z.string().min(1),
  key: z.string().min(1),
  size: count,
  etag: z.string(),
  lastModified: finite,
  contentType: z.string(),
  downloadName: z.string().optional(),
  owner: z.looseObject({ vendor: z.string(), tenant: z.string().optional(), jobId: z.string().optional() }).optional(),
});

export const SavedStateSchema = z.object({
  version: z.number(),
  clock: z.object({ virtual: finite, real: finite, frozen: z.boolean() }),
  jobs: z.object({ jobs: z.array(SavedJobSchema), created: z.record(z.string(), count), seq: count }),
  objects: z.array(StoredObjectSchema),
  scenarios: z.array(z.looseObject({ ...ScenarioInput.shape, applied: count, source: z.string() })),
  limits: z.object({ default: z.boolean(), switches: z.record(z.string(), z.boolean()) }),
  journal: z.object({ entries: z.array(record), nextId: count }),
  vendors: record,
  log: count.optional(),
});

/** The first problem of a parse as "path.to.field: message". */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join('.') || '(root)'}: ${issue.message}`;
}
