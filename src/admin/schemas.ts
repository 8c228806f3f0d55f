/** Wire shapes of the control plane. */
import { z } from 'zod';

/**
 * The virtual clock stays within 1970-01-01 and 9999-12-31: beyond year 275760 a Date is invalid and toISOString
 * throws, which broke health, the clock and every vendor create until the clock was set again. Four-digit years are
 * also what every vendor's date fields can express.
 */
const CLOCK_MIN_MS = 0;
const CLOCK_MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const CLOCK_RANGE = '1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z';
const MAX_ADVANCE_SECONDS = (CLOCK_MAX_MS - CLOCK_MIN_MS) / 1000;

const isoInstant = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: 'expected an ISO 8601 instant such as 2025-04-08T09:00:00Z',
  })
  .refine((s) => Date.parse(s) >= CLOCK_MIN_MS && Date.parse(s) <= CLOCK_MAX_MS, {
    message: `the clock stays within ${CLOCK_RANGE}`,
  });

export const ClockView = z.object({ now: z.string().describe('Virtual now, ISO 8601'), frozen: z.boolean() });
export const ClockBody = z.object({ now: isoInstant, frozen: z.boolean().optional() }).strict();
export const AdvanceBody = z
  .object({
    seconds: z
      .number()
      .finite()
      .min(-MAX_ADVANCE_SECONDS)
      .max(MAX_ADVANCE_SECONDS)
      .describe(`Seconds to move the clock by; it stays within ${CLOCK_RANGE}`),
  })
  .strict();

/** Why advancing the clock at `now` by `seconds` is refused (in the words of a 400 message), or undefined when it is fine. */
export function advanceProblem(now: number, seconds: number): string | undefined {
  const target = now + seconds * 1000;
  if (target >= CLOCK_MIN_MS && target <= CLOCK_MAX_MS) return undefined;
  return `seconds: ${seconds} would move the clock outside ${CLOCK_RANGE}`;
}
export const Health = z.object({ status: z.literal('ok'), now: z.string(), vendors: z.array(z.string()) });
export const ResetView = z.object({ status: z.literal('reset'), clock: ClockView });
export const ErrorBody = z.object({ error: z.string(), message: z.string() });
