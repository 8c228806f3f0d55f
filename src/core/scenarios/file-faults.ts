/**
 * File faults of a download, decided from the job that owns the stored object: a link that expires early, a storage
 * 500/503 answered once, or bytes that arrive truncated, corrupted or cut mid-body. The storage routes (and vendors
 * serving their own links) ask here, then answer in their storage's own words.
 */
import type { JobStore } from '../jobs.js';
import { viewJob } from '../jobs.js';
import type { StoredObject } from '../storage.js';
import type { FileEffect } from './schema.js';

export type Mangle = 'truncate' | 'corrupt' | 'reset';

export type FileFault =
  | { kind: 'expired'; expiresAt: number }
  | { kind: 'status'; status: 500 | 503 }
  | { kind: 'mangle'; mangle: Mangle }
  | undefined;

export function fileFaultFor(object: StoredObject, jobs: JobStore, now: number): FileFault {
  const jobId = object.owner?.jobId;
  const job = jobId ? jobs.get(jobId) : undefined;
  let file: FileEffect | undefined;
  let linkStart: number | undefined;
  let served: string[];
  if (job?.effects?.file) {
    file = job.effects.file;
    const endedAt = viewJob(job, now).endedAt;
    linkStart = endedAt === undefined ? undefined : Math.floor(endedAt / 1000) * 1000;
    served = job.faultsServed ??= [];
  } else if (object.fault) {
    file = object.fault.effect;
    linkStart = object.fault.issuedAt;
    served = object.fault.served;
  } else {
    return undefined;
  }
  if (file.link_expires_after_seconds !== undefined && linkStart !== undefined) {
    const expiresAt = linkStart + file.link_expires_after_seconds * 1000;
    if (now >= expiresAt) return { kind: 'expired', expiresAt };
  }
  switch (file.fault) {
    case 'http_500_once':
    case 'http_503_once': {
      if (served.includes(file.fault)) return undefined;
      served.push(file.fault);
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
