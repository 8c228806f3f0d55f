#!/usr/bin/env node
/**
 * A careful Sendbird export client: waits as long as a 429 says, retries 5xx with back-off, polls every 500 ms,
 * treats no_data as success with nothing to write, never sends its API token to storage, retries a flaky download,
 * refuses a damaged ZIP and fails loudly on a failed export or an expired link. Passes every check-client condition.
 */
import { main, toldWaitMs } from './sendbird-client.mjs';

main({ waitAfter429: toldWaitMs });
