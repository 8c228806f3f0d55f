/** Valid requests with the bundled seeds' demo credentials, and the `errors` envelope (robustness tests). */
import type { VendorSamples } from '../../core/vendor.js';
import { demoToken } from './auth.js';

const BOT = 'st-2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d';
const AUTH = {
  auth: demoToken({
    client_id: 'cs-5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
    client_secret: 'demo-kore-client-secret',
    scopes: ['Answer Insights'],
  }),
};

export const samples: VendorSamples = {
  requests: [
    {
      method: 'POST',
      url: `/kore/api/public/bot/${BOT}/search/analytics-export`,
      headers: AUTH,
      body: { filters: { from: '2025-04-06', to: '2025-04-07' } },
    },
    {
      method: 'GET',
      url: `/kore/api/public/bot/${BOT}/search/jobs/fj-00000000-0000-5000-8000-000000000000`,
      headers: AUTH,
    },
  ],
  isErrorEnvelope: (b) =>
    typeof b === 'object' &&
    b !== null &&
    Array.isArray((b as { errors?: unknown }).errors) &&
    (b as { errors: Array<{ msg?: unknown; code?: unknown }> }).errors.every(
      (e) => typeof e.msg === 'string' && typeof e.code === 'number',
    ),
};
