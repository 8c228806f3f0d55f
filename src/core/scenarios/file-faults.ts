/**
 * File faults of a download, decided from the job that owns the stored object: a link that expires early, a storage
 * 500/503 answered once, or bytes that arrive truncated, corrupted or cut mid-body. The storage routes (and vendors
 * serving their own links) ask here, then answer in their storage's own words.
 */
import type { JobStore } from '../jobs.js';
import { viewJob } from '../jobs.js';
import type { StoredObject } from '../storage.js';

export type Mangle = 'truncate' | 'corrupt' | 'reset';

export type FileFault =
  | { kind: 'expired'; expiresAt: number }
  | { kind: 'status'; status: 500 | 503 }
  | { kind: 'mangle'; mangle: Mangle }
  | undefined;

export function fileFaultFor(object: StoredObject, jobs: JobStore, now: number): FileFault {
  const jobId = object.owner?.jobId;
  if (!jobId) return undefined;
  const job = jobs.get(jobId);
  const file = job?.effects?.file;
  if (!job || !file) return undefined;
  if (file.link_expires_after_seconds !== undefined) {
    const endedAt = viewJob(job, now).endedAt;
    if (endedAt !== undefined) {
      const expiresAt = Math.floor(endedAt / 1000) * 1000 + file.link_expires_after_seconds * 1000;
      if (now >= expiresAt) return { kind: 'expired', expiresAt };
    }
  }
  switch (file.fault) {
    case 'http_500_once':
    case 'http_503_once': {
      job.faultsServed ??= [];
      if (job.faultsServed.includes(file.fault)) return undefined;
      job.faultsServed.push(file.fault);
      return { kind: 'status', status: file.fault === 'http_500_once' ? 500 : 503 };
    }
    case 'truncate':
      return { kind: 'mangle', mangle: 'truncate' };
    case 'corrupt':
      return { kind: 'mangle', mangle: 'corrupt' };
    case 'reset_mid_body':
      return { kind: 'mangle', mangle: 'reset' };
    default:
      return undefined;
  }
}
