#!/usr/bin/env node
/**
 * A naive Sendbird export client, as first drafts often are: no retries, a tight poll loop that knows only `done` and
 * `failed`, its API token sent along with the download, and whatever the download answered written out as the export.
 * check-client fails it on most conditions.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const sample = JSON.parse(process.env.AEM_SAMPLE_REQUEST);
const headers = { ...JSON.parse(process.env.AEM_HEADERS), 'content-type': 'application/json' };

async function call(method, url, body) {
  const res = await fetch(url, { method, headers, body: body && JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}`);
  return res.json();
}

const created = await call('POST', sample.url, sample.body);
let job = created;
while (job.export_status !== 'done') {
  if (job.export_status === 'failed') throw new Error('the export failed');
  await sleep(100);
  job = await call('GET', `${sample.url}/${created.export_id}`);
}
const res = await fetch(job.export_file.url, { headers });
writeFileSync(join(process.env.AEM_OUTPUT_DIR, 'export.zip'), Buffer.from(await res.arrayBuffer()));
console.log('done');
