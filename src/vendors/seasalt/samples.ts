/** Valid requests with the bundled seeds' demo credentials, and the FastAPI error envelope (robustness tests). */
import type { VendorSamples } from '../../core/vendor.js';

const WORKSPACE = '/seasalt/seax-api/api/v1/workspace/3fa85f64-5717-4562-b3fc-2c963f66afa6/export-conversations';
const HEADERS = { 'x-api-key': 'demo-seasalt-api-key' };

export const samples: VendorSamples = {
  requests: [
    {
      method: 'POST',
      url: WORKSPACE,
      headers: HEADERS,
      body: { channel_id: 'b2c3d4e5-7777-8888-9999-000011112222', start_date: '2025-04-01', end_date: '2025-04-01' },
    },
    { method: 'GET', url: `${WORKSPACE}/00000000-0000-4000-8000-000000000000`, headers: HEADERS },
  ],
  /** FastAPI: {"detail": "…"} or {"detail": {…}} or {"detail": [{type, loc, msg, input}]}. */
  isErrorEnvelope: (b) => typeof b === 'object' && b !== null && 'detail' in b && Object.keys(b).length === 1,
};
