/** Valid requests with the bundled seeds' demo credentials, and Sendbird's error envelope (robustness tests). */
import type { VendorSamples } from '../../core/vendor.js';

const EXPORTS = '/sendbird/a245389gje349rt3429992Op/v3/ai_agent/data_exports';
const HEADERS = { 'api-token': 'demo-sendbird-api-token' };

export const samples: VendorSamples = {
  requests: [
    {
      method: 'POST',
      url: EXPORTS,
      headers: HEADERS,
      body: {
        type: 'conversation',
        ai_agent_id: 'ai_agent_cx',
        from: '2025-04-07',
        to: '2025-04-07',
        timezone: 'UTC',
        export_format: 'json',
      },
    },
    { method: 'GET', url: EXPORTS, headers: HEADERS },
    { method: 'GET', url: `${EXPORTS}/0000`, headers: HEADERS },
  ],
  isErrorEnvelope: (b) =>
    typeof b === 'object' &&
    b !== null &&
    (b as { error?: unknown }).error === true &&
    typeof (b as { code?: unknown }).code === 'number' &&
    typeof (b as { message?: unknown }).message === 'string',
};
