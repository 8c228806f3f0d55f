/** Wire shapes of the control plane. */
import { z } from 'zod';

const isoInstant = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), {
  message: 'expected an ISO 8601 instant such as 2025-04-08T09:00:00Z',
});

export const ClockView = z.object({ now: z.string().describe('Virtual now, ISO 8601'), frozen: z.boolean() });
export const ClockBody = z.object({ now: isoInstant, frozen: z.boolean().optional() }).strict();
export const AdvanceBody = z.object({ seconds: z.number().finite().describe('Seconds to move the clock by') }).strict();
export const Health = z.object({ status: z.literal('ok'), now: z.string(), vendors: z.array(z.string()) });
export const ResetView = z.object({ status: z.literal('reset'), clock: ClockView });
export const ErrorBody = z.object({ error: z.string(), message: z.string() });
