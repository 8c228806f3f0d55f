/**
 * What a scenario is, as the admin API takes it: which requests or jobs it matches, how many times it applies, and the
 * effects it has. One schema serves validation, types and the admin OpenAPI document.
 */
import { z } from 'zod';

/** The kinds of route every vendor has, so one scenario can mean the same thing for all four. */
const ROUTE_KINDS = ['create', 'poll', 'list', 'download'] as const;
export type RouteKind = (typeof ROUTE_KINDS)[number];

export const JobEffect = z
  .object({
    outcome: z
      .enum(['failed', 'no_data', 'empty', 'stuck'])
      .optional()
      .describe(
        "failed: the vendor's failure state; no_data: the vendor's own no-data state where it has one (others: empty); empty: an export with no records; stuck: never leaves its running state",
      ),
    error: z.string().optional().describe('Failure message (a vendor-plausible default otherwise)'),
    queued_seconds: z.number().min(0).optional(),
    running_seconds: z.number().min(0).optional(),
    volume_factor: z
      .number()
      .min(0)
      .max(100_000)
      .optional()
      .describe('Multiplies the world volume for this job (huge exports)'),
    awkward_contacts: z
      .boolean()
      .optional()
      .describe(
        'Contacts saved with awkward names (pipes, angle brackets, quotes, new lines, emoji): tests CSV and file-name handling',
      ),
  })
  .strict();

export const FileEffect = z
  .object({
    fault: z
      .enum(['truncate', 'corrupt', 'http_500_once', 'http_503_once', 'reset_mid_body'])
      .optional()
      .describe(
        'truncate: the first half of the bytes; corrupt: bytes flipped in the middle; http_5xx_once: the first download answers that storage error; reset_mid_body: the connection is cut halfway',
      ),
    link_expires_after_seconds: z
      .number()
      .min(0)
      .optional()
      .describe('The download link stops working this long after the job ended, whatever its signed expiry'),
  })
  .strict();

export const HttpEffect = z
  .object({
    latency_ms: z
      .union([z.number().min(0).max(60_000), z.tuple([z.number().min(0), z.number().max(60_000)])])
      .optional()
      .describe('Fixed, or [min, max] drawn from the seed'),
    status: z
      .union([z.literal(500), z.literal(429)])
      .optional()
      .describe("Answer with the vendor's own 500 or 429"),
    retry_after_seconds: z
      .number()
      .min(0)
      .max(86_400)
      .optional()
      .describe('For 429: the wait the vendor tells the client'),
    reset: z.boolean().optional().describe('Cut the connection without an answer'),
  })
  .strict();

export const ScenarioInput = z
  .object({
    name: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only'),
    match: z
      .object({
        vendor: z.string().optional(),
        tenant: z.string().optional(),
        route: z.enum(ROUTE_KINDS).optional(),
        fields: z
          .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
          .optional()
          .describe('Request body or query fields that must be equal (dots reach into objects: filters.from)'),
        header_only: z.boolean().optional().describe('Applies only to requests that name it in X-Mock-Scenario'),
      })
      .strict()
      .default({}),
    times: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Applies to the next N matching jobs or requests; all when absent'),
    job: JobEffect.optional(),
    file: FileEffect.optional(),
    http: HttpEffect.optional(),
  })
  .strict();
export type ScenarioInput = z.output<typeof ScenarioInput>;
export type JobEffect = z.output<typeof JobEffect>;
export type FileEffect = z.output<typeof FileEffect>;
export type HttpEffect = z.output<typeof HttpEffect>;
