/** Zendesk's own settings, merged into the configuration, the environment, the flags and --help. */
import { z } from 'zod';
import { type Config, num } from '../../config.js';

export const ZendeskSettings = z.object({
  ZENDESK_SHARD_SIZE: num(z.number().int().min(1).max(10_000_000))
    .default(5000)
    .describe('Zendesk: conversations per export file; a day with more is split into …_000000000001.json and on'),
  ZENDESK_FINALIZE_DELAY_MINUTES: num(z.number().int().min(0).max(1440))
    .default(120)
    .describe("Zendesk: minutes after midnight UTC before the day's export is finalized and served (404 until then)"),
});
export type ZendeskSettings = z.output<typeof ZendeskSettings>;

/** The settings as the app validated and defaulted them when it was built (config.ts withVendorSettings). */
export const zendeskSettings = (config: Config): ZendeskSettings => config as Config & ZendeskSettings;
