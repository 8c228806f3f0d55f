#!/usr/bin/env node
/**
 * `npm run check:openapi`: every committed document in openapi/ passes Redocly's `recommended` ruleset with no error.
 * It runs @redocly/openapi-core, the engine and rules of `redocly lint`, as a library: offline (no telemetry, no
 * update check, no remote $ref in these documents) and without the CLI's dependency tree (which brings install
 * scripts). Warnings are printed; an error fails the check.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConfig, formatProblems, getTotals, lint } from '@redocly/openapi-core';

const DIR = fileURLToPath(new URL('../openapi/', import.meta.url));

/** Lints one document; answers its problems (severity error or warn) as Redocly reports them. */
export async function lintDocument(path) {
  const config = await createConfig({ extends: ['recommended'] });
  return lint({ ref: path, config });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let errors = 0;
  for (const name of readdirSync(DIR)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const problems = await lintDocument(join(DIR, name));
    const totals = getTotals(problems);
    errors += totals.errors;
    if (problems.length > 0) formatProblems(problems, { totals, format: 'codeframe', color: false, maxProblems: 50 });
    process.stdout.write(`openapi/${name}: ${totals.errors} error(s), ${totals.warnings} warning(s)\n`);
  }
  process.exit(errors > 0 ? 1 : 0);
}
