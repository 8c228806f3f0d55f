/** The `company` field of a seed tenant: which fictional company (companies.ts) its data tells the story of. */
import { z } from 'zod';
import { COMPANY_IDS, DEFAULT_COMPANY } from './companies.js';

export const CompanySeed = z
  .enum(COMPANY_IDS)
  .default(DEFAULT_COMPANY)
  .describe(`The fictional company behind the tenant: ${COMPANY_IDS.join(', ')}`);
