/**
 * When a day's export exists. "Export files are generated once every day, updated at midnight UTC … the export process
 * can take some time to complete … schedule your data imports … later in the UTC morning, so that the export for the
 * previous day is finalized" (vendor page). A day is finalized ZENDESK_FINALIZE_DELAY_MINUTES after the midnight UTC
 * that ends it, read from the one clock; before that its files do not exist (404, which real clients read as "no export
 * for that bot and day"). Data older than 2024-01-01 is not served ("contact Zendesk customer support").
 */
import { BoundedMemo } from '../../core/memo.js';
import { addDays, isCalendarDate, utcMidnight } from '../../core/world/dates.js';
import { badRequest, DATE_RULE, notFound } from './errors.js';

const EARLIEST_DATE = '2024-01-01';

/** Pure functions of a date that every get-signed-urls call asks twice or more: computed once per value. */
const finalized = new BoundedMemo<number>(4096);
const calendarDates = new BoundedMemo<boolean>(4096);

/** The instant a day's export becomes available: the next midnight UTC plus the processing delay. */
export const finalizedAt = (date: string, delayMinutes: number): number =>
  finalized.get(`${date}\u001f${delayMinutes}`, () => utcMidnight(addDays(date, 1)) + delayMinutes * 60_000);

/** Throws the vendor's answer unless the day's export can be served at `now`. */
export function checkDay(date: string, now: number, delayMinutes: number): void {
  if (!calendarDates.get(date, () => isCalendarDate(date)))
    throw badRequest(`Invalid "date" ${JSON.stringify(date)}: ${DATE_RULE}`);
  if (date < EARLIEST_DATE) {
    throw badRequest(
      `"date" ${date} is too old: data can be requested as far back as January 1, 2024 (${EARLIEST_DATE}). For older data, contact Zendesk customer support.`,
    );
  }
  const ready = finalizedAt(date, delayMinutes);
  if (now < ready) {
    throw notFound(
      `No export for ${date} yet: a day's export is finalized after the day ends at midnight UTC and processing completes, expected at ${new Date(ready).toISOString()}. Request it again after that time.`,
    );
  }
}
