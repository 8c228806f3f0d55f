/**
 * The body of a Seasalt SeaX export-conversations request (vendor page: seasalt-seax-export-conversations.md).
 *
 * SeaX is a FastAPI service: the request body is a pydantic (v2) model. The zod schema below plays that model, and
 * every failure carries the pydantic error it stands for (see pydantic.ts), so a 422 reads exactly like FastAPI's.
 * Field order matters: pydantic reports field errors in declaration order, and runs the model validator (either/or,
 * end after start) only when every field is valid; zod does both the same way.
 */
import { z } from 'zod';
import { emailProblem, isE164, pydanticDate, pydanticIssue } from './pydantic.js';
import { COARSE_TYPES } from './schemas.js';

/**
 * A pydantic `date` field: what pydantic accepts for a date in JSON (pydanticDate), normalized to YYYY-MM-DD. Any JSON
 * value reaches the check (pydantic also reads numbers); the document still says what FastAPI's says, a string date.
 */
const dateField = (description: string, example: string) =>
  z
    .unknown()
    .superRefine((v, ctx) => {
      if (v === undefined)
        return void ctx.addIssue({ code: 'invalid_type', expected: 'string', input: v, message: 'Field required' });
      const verdict = pydanticDate(v);
      if ('type' in verdict) ctx.addIssue(pydanticIssue(verdict.type, verdict.msg, verdict.ctx));
    })
    .transform((v) => (pydanticDate(v) as { date: string }).date)
    .meta({ type: 'string', format: 'date', description, example });

/**
 * The longest export, in days counted inclusively: one (leap) year. The vendor page names no limit; without one, a
 * request for 2020-01-01 to 9999-12-31 would be a single job generating millennia (README, "Choices").
 */
const MAX_RANGE_DAYS = 366;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export const ExportConversationsRequest = z
  .object({
    start_date: dateField(
      'Start of the range (inclusive), YYYY-MM-DD, read in UTC. Cannot be in the future.',
      '2025-04-01',
    ),
    end_date: dateField('End of the range (inclusive), YYYY-MM-DD. Must be on or after start_date.', '2025-04-07'),
    channel_id: z.string().nullish().describe('Channel/phone UUID. Provide either channel_id or phone_number.'),
    phone_number: z
      .string()
      .superRefine((v, ctx) => {
        if (!isE164(v))
          ctx.addIssue(
            pydanticIssue('value_error', 'Value error, phone_number must be in E.164 format, e.g. +12025550123', {
              error: {},
            }),
          );
      })
      .nullish()
      .meta({ description: 'Channel phone number in E.164 format.', example: '+12025550123' }),
    channel_type: z.enum(COARSE_TYPES).nullish().describe('Disambiguates a phone number shared by several channels.'),
    notification_email: z
      .string()
      .superRefine((v, ctx) => {
        const reason = emailProblem(v);
        if (reason)
          ctx.addIssue(pydanticIssue('value_error', `value is not a valid email address: ${reason}`, { reason }));
      })
      .nullish()
      .meta({
        format: 'email',
        description: 'Address the download link is sent to when the export is ready.',
        example: 'agent@example.com',
      }),
  })
  .superRefine(
    (body, ctx) => {
      // pydantic's model_validator(mode="after"): runs only once every field is valid, and stops at its first error.
      const hasId = Boolean(body.channel_id);
      const hasPhone = Boolean(body.phone_number);
      if (!hasId && !hasPhone)
        ctx.addIssue(
          pydanticIssue(
            'value_error',
            'Value error, either channel_id or phone_number must be provided',
            { error: {} },
            [],
          ),
        );
      else if (hasId && hasPhone)
        ctx.addIssue(
          pydanticIssue(
            'value_error',
            'Value error, either channel_id or phone_number must be provided, not both',
            { error: {} },
            [],
          ),
        );
      else if (body.end_date < body.start_date)
        ctx.addIssue(
          pydanticIssue('value_error', 'Value error, end_date must be on or after start_date', { error: {} }, []),
        );
      else if (daysBetween(body.start_date, body.end_date) + 1 > MAX_RANGE_DAYS) {
        ctx.addIssue(
          pydanticIssue(
            'value_error',
            `Value error, the date range may span at most ${MAX_RANGE_DAYS} days`,
            { error: {} },
            [],
          ),
        );
      }
    },
    { when: (payload) => payload.issues.length === 0 },
  )
  .describe('ExportConversationsRequest');
export type ExportConversationsRequest = z.output<typeof ExportConversationsRequest>;
