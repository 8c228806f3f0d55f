/** The one list of vendors. A new vendor is a folder under src/vendors/ and one line here. */
import type { VendorModule } from '../core/vendor.js';
import { kore } from './kore/index.js';
import { seasalt } from './seasalt/index.js';
import { sendbird } from './sendbird/index.js';
import { zendesk } from './zendesk/index.js';

export const VENDORS: readonly VendorModule[] = [sendbird, zendesk, kore, seasalt];
