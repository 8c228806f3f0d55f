#!/usr/bin/env node
/**
 * Checks the "## Fidelity matrix" table at the end of each vendor README: every row names the test that proves it, as
 * `test/path/file.test.ts › test name substring`, and that test must exist. A matrix that points at a renamed or
 * deleted test would claim a proof that is gone; this script is what keeps the claim honest.
 *
 *   node scripts/check-fidelity-matrix.mjs              checks the four vendor READMEs, exits 1 listing broken references
 *   node scripts/check-fidelity-matrix.mjs a.md b.md    checks those files instead
 *
 * A row may name several tests, separated by ";". A row without a test is broken, unless the mock's column says
 * "not emulated". Test names are read from `it(…)`/`test(…)` calls whose first argument is a string literal; for a
 * template literal the substring must lie inside one of its literal parts (the text between `${…}`), since what the
 * expressions produce is unknown without running the file. Skipped and todo tests do not count.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const VENDOR_READMES = ['sendbird', 'zendesk', 'kore', 'seasalt'].map((v) => `src/vendors/${v}/README.md`);
const HEADING = '## Fidelity matrix';
const COLUMNS = ['Vendor page says', 'The mock does', 'Test'];
const SEPARATOR = ' › ';

/** Splits a markdown table row into trimmed cells, honouring `\|` escapes. */
function cells(line) {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

/** The rows of the matrix table of one README, with their line numbers; or an error when there is no such table. */
export function matrixRows(markdown) {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trim() === HEADING);
  if (start < 0) return { error: `no "${HEADING}" section` };
  const rows = [];
  let header = null;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    if (/^#{1,2} /.test(line)) break;
    if (!line.trim().startsWith('|')) continue;
    const row = cells(line);
    if (!header) {
      header = row;
      if (COLUMNS.some((c, k) => header[k] !== c) || header.length !== COLUMNS.length) {
        return { error: `the table's columns must be ${COLUMNS.join(' | ')}, not ${header.join(' | ')}` };
      }
      continue;
    }
    if (row.every((c) => /^:?-+:?$/.test(c))) continue;
    rows.push({ line: i + 1, says: row[0] ?? '', does: row[1] ?? '', test: row[2] ?? '', width: row.length });
  }
  if (!header) return { error: `no table under "${HEADING}"` };
  return { rows };
}

/** `file › name` references of one Test cell. */
export function references(cell) {
  return cell
    .split(/\s*;\s*(?=`?test\/)/)
    .map((s) => s.trim().replace(/^`|`$/g, ''))
    .filter((s) => s !== '' && s !== '—' && s !== '-')
    .map((s) => {
      const at = s.indexOf(SEPARATOR);
      return at < 0 ? { raw: s } : { raw: s, file: s.slice(0, at).trim(), name: s.slice(at + SEPARATOR.length).trim() };
    });
}

const UNESCAPE = { n: '\n', t: '\t', r: '\r' };
const unescapeName = (s) => s.replace(/\\(.)/g, (_, c) => UNESCAPE[c] ?? c);

/**
 * The names of the tests declared in a test file's source. Each name is a list of literal parts: one part for a
 * quoted string, the pieces between `${…}` for a template literal.
 */
export function testNames(source) {
  const names = [];
  const call = /(?<![\w.$])(?:it|test)(?:\.(?:only|concurrent|sequential|fails))?\s*\(\s*/g;
  for (let m = call.exec(source); m; m = call.exec(source)) {
    const at = m.index + m[0].length;
    const quote = source[at];
    if (quote === "'" || quote === '"') {
      let i = at + 1;
      let text = '';
      while (i < source.length && source[i] !== quote) {
        if (source[i] === '\\') {
          text += unescapeName(source.slice(i, i + 2));
          i += 2;
        } else text += source[i++];
      }
      names.push([text]);
    } else if (quote === '`') {
      const parts = [''];
      let i = at + 1;
      while (i < source.length && source[i] !== '`') {
        if (source[i] === '\\') {
          parts[parts.length - 1] += unescapeName(source.slice(i, i + 2));
          i += 2;
        } else if (source[i] === '$' && source[i + 1] === '{') {
          let depth = 1;
          i += 2;
          while (i < source.length && depth > 0) {
            if (source[i] === '{') depth++;
            else if (source[i] === '}') depth--;
            i++;
          }
          parts.push('');
        } else parts[parts.length - 1] += source[i++];
      }
      names.push(parts.filter((p) => p !== ''));
    }
  }
  return names;
}

/** Broken references of the given READMEs (paths relative to root): `[{ readme, line, problem }]`, empty when all hold. */
export function checkFidelityMatrix(readmes = VENDOR_READMES, root = ROOT) {
  const broken = [];
  const sources = new Map();
  const namesOf = (file) => {
    if (!sources.has(file)) {
      const path = join(root, file);
      sources.set(file, existsSync(path) ? testNames(readFileSync(path, 'utf8')) : null);
    }
    return sources.get(file);
  };
  for (const readme of readmes) {
    const path = join(root, readme);
    if (!existsSync(path)) {
      broken.push({ readme, line: 0, problem: 'README not found' });
      continue;
    }
    const table = matrixRows(readFileSync(path, 'utf8'));
    if (table.error) {
      broken.push({ readme, line: 0, problem: table.error });
      continue;
    }
    if (table.rows.length === 0) broken.push({ readme, line: 0, problem: 'the matrix has no rows' });
    for (const row of table.rows) {
      const where = { readme, line: row.line };
      if (row.width !== COLUMNS.length)
        broken.push({ ...where, problem: `${row.width} cells, expected ${COLUMNS.length}` });
      const refs = references(row.test);
      if (refs.length === 0 && !/not emulated/i.test(row.does)) {
        broken.push({ ...where, problem: `no test for "${row.says}"` });
      }
      for (const ref of refs) {
        if (!ref.file) {
          broken.push({ ...where, problem: `"${ref.raw}" is not "test/….test.ts${SEPARATOR}name"` });
          continue;
        }
        const names = namesOf(ref.file);
        if (names === null) broken.push({ ...where, problem: `${ref.file} does not exist` });
        else if (!names.some((parts) => parts.some((p) => p.includes(ref.name)))) {
          broken.push({ ...where, problem: `${ref.file} has no test named like "${ref.name}"` });
        }
      }
    }
  }
  return broken;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const broken = checkFidelityMatrix(args.length ? args : VENDOR_READMES, args.length ? process.cwd() : ROOT);
  for (const b of broken) console.error(`${b.readme}:${b.line}: ${b.problem}`);
  if (broken.length) {
    console.error(`${broken.length} broken fidelity-matrix reference(s)`);
    process.exit(1);
  }
  console.log('fidelity matrices: every named test exists');
}
