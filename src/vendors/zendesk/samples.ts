/** A valid request with the bundled seeds' demo credentials, and the error envelope (robustness tests). */
import type { VendorSamples } from '../../core/vendor.js';

export const samples: VendorSamples = {
  requests: [
    {
      method: 'POST',
      url: '/zendesk/eu/data-export/v3/get-signed-urls',
      headers: {
        authorization: 'demo-zendesk-api-key',
        organizationid: '77m57af6811115b53172431s',
        botid: '98174e8d635471c383b9ec7b',
      },
      body: { date: '2025-04-07' },
    },
  ],
  isErrorEnvelope: (b) =>
    typeof b === 'object' &&
    b !== null &&
    typeof (b as { statusCode?: unknown }).statusCode === 'number' &&
    typeof (b as { error?: unknown }).error === 'string' &&
    typeof (b as { message?: unknown }).message === 'string',
};
