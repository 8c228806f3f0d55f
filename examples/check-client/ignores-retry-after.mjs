#!/usr/bin/env node
/**
 * The careful client with one flaw: after a 429 it retries after 50 ms, whatever Retry-After says. It gets its export
 * all the same (the mock's limit passes), and check-client fails it on rate-limited.
 */
import { main } from './sendbird-client.mjs';

main({ waitAfter429: () => 50 });
