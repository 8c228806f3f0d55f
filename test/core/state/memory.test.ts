/** The embedded stores against the contracts every store implementation meets (see contracts.ts). */
import { Clock } from '../../../src/core/clock.js';
import { Journal } from '../../../src/core/journal/journal.js';
import { RateLimiter } from '../../../src/core/scenarios/rate-limiter.js';
import { EmbeddedScenarioStore } from '../../../src/core/scenarios/store.js';
import { MemoryCounters } from '../../../src/core/state/counters.js';
import { EmbeddedJobStore } from '../../../src/core/state/embedded-jobs.js';
import { MemoryKeyValue } from '../../../src/core/state/key-value.js';
import { embeddedLinkKeys } from '../../../src/core/state/link-keys.js';
import {
  clockContract,
  counterContract,
  jobContract,
  journalContract,
  keyValueContract,
  linkKeyContract,
  rateLimitContract,
  scenarioContract,
} from './contracts.js';

const twice = <S>(store: S): Promise<[S, S]> => Promise.resolve([store, store]);

counterContract('memory', () => twice(new MemoryCounters()));
keyValueContract('memory', () => twice(new MemoryKeyValue()));
clockContract('memory', (start, frozen) => twice(new Clock(start, frozen)));
linkKeyContract('memory', () => twice(embeddedLinkKeys({})));
scenarioContract('memory', () => twice(new EmbeddedScenarioStore('seed')));
rateLimitContract('memory', (on) => twice(new RateLimiter(on)));
journalContract('memory', () => twice(new Journal(100, 1_000_000)));
jobContract('memory', () => {
  let now = 1_000_000;
  const store = new EmbeddedJobStore(() => now);
  return { pair: () => twice(store), setNow: (ms) => void (now = ms) };
});
