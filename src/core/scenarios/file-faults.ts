/**
 * File faults of a download, decided from the job that owns the stored object: a link that expires early, a storage
 * 500/503 answered once, or bytes that arrive truncated, corrupted or cut mid-body. The storage routes (and vendors
 * serving their own links) ask here, then answer in their storage's own words.
 */
import type { JobStore } from '../state/jobs.js';
import type { StoredObject } from '../storage/object-store.js';
import type { FileEffect } from './schema.js';

export type Mangle = 'truncate' | 'corrupt' | 'reset';

export type FileFault =
  | { kind: 'expired'; expiresAt: number }
  | { kind: 'status'; status: 500 | 503 }
  | { kind: 'mangle'; mangle: Mangle }
  | undefined;

export async function fileFaultFor(object: StoredObject, jobs: JobStore, now: number): Promise<FileFault> {
  const jobId = object.owner?.jobId;
  const job = jobId ? await jobs.get(jobId) : undefined;
  let file: FileEffect | undefined;
  let linkStart: number | undefined;
  /** Claims a once-only fault: through the job store for a job's file (one claim across replicas), else the object. */
  let claim: (fault: string) => boolean | Promise<boolean>;
  if (job?.effects?.file) {
    file = job.effects.file;
    const endedAt = jobs.view(job, now).endedAt;
    linkStart = endedAt === undefined ? undefined : Math.floor(endedAt / 1000) * 1000;
    claim = (fault) => jobs.claimFault(job.id, fault);
  } else if (object.fault) {
    file = object.fault.effect;
    linkStart = object.fault.issuedAt;
    const served = object.fault.served;
    claim = (fault) => !served.includes(fault) && served.push(fault) > 0;
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
      if (!(await claim(file.fault))) return undefined;
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
