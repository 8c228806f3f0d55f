/** Seasalt's own settings, merged into the configuration, the environment, the flags and --help. */
import { z } from 'zod';
import type { Config } from '../../config.js';

export const SeasaltSettings = z.object({
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'expected an smtp:// or smtps:// URL such as smtp://localhost:1025' })
    .optional()
    .describe(
      'SMTP server for Seasalt notification emails, e.g. smtp://localhost:1025 (default: recorded in /__admin/outbox only)',
    ),
});
export type SeasaltSettings = z.output<typeof SeasaltSettings>;

/** The settings as the app validated them when it was built (config.ts withVendorSettings). */
export const seasaltSettings = (config: Config): SeasaltSettings => config as Config & SeasaltSettings;
