#!/usr/bin/env node
/**
 * Keeps the house reviewable: no source file over 250 lines, no function over 60, no route handler over 15. A file
 * that is mostly a data table (a catalogue, a phrase book) says so with a `check-sizes: data table` comment in its first
 * lines and is exempt from the file limit only; its functions are still measured.
 *
 *   node scripts/check-sizes.mjs            lists every violation in src/, exits 1 if there is one
 *   node scripts/check-sizes.mjs a.ts b.ts  checks those files instead
 *
 * A route handler is the function given as the last argument of `x.get|post|put|patch|delete|head|all(…)` or as the
 * `handler` of `x.route({…})`; its size is the lines of its body. Measuring with the TypeScript parser (not a regex)
 * counts what a reader sees: a function's first line to its last.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const LIMITS = { fileLines: 250, functionLines: 60, handlerLines: 15 };
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'all']);
const DATA_TABLE = /check-sizes: data table/;

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

const isFunction = (n) =>
  ts.isFunctionDeclaration(n) ||
  ts.isFunctionExpression(n) ||
  ts.isArrowFunction(n) ||
  ts.isMethodDeclaration(n) ||
  ts.isConstructorDeclaration(n) ||
  ts.isGetAccessorDeclaration(n) ||
  ts.isSetAccessorDeclaration(n);

/** The functions that are route handlers in this file. */
function handlersOf(sf) {
  const handlers = new Set();
  const visit = (n) => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const method = n.expression.name.text;
      const last = n.arguments.at(-1);
      if (ROUTE_METHODS.has(method) && n.arguments.length >= 2 && last && isFunction(last)) handlers.add(last);
      if (method === 'route' && n.arguments[0] && ts.isObjectLiteralExpression(n.arguments[0])) {
        for (const p of n.arguments[0].properties) {
          if (ts.isPropertyAssignment(p) && p.name.getText(sf) === 'handler' && isFunction(p.initializer)) {
            handlers.add(p.initializer);
          }
          if (ts.isMethodDeclaration(p) && p.name.getText(sf) === 'handler') handlers.add(p);
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return handlers;
}

function nameOf(n, sf) {
  if (n.name) return n.name.getText(sf);
  const p = n.parent;
  if (p && (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p))) return p.name.getText(sf);
  return '(anonymous)';
}

/** The violations in one file's text, as `path:line what`. */
export function violationsIn(path, text) {
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const out = [];
  const lines = text.split('\n').length;
  const head = text.split('\n').slice(0, 20).join('\n');
  if (lines > LIMITS.fileLines && !DATA_TABLE.test(head)) {
    out.push(`${path}:1 file has ${lines} lines (limit ${LIMITS.fileLines})`);
  }
  const handlers = handlersOf(sf);
  const lineOf = (pos) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  const bodyLinesOf = (fn) => {
    const span = lineOf(fn.body.getEnd()) - lineOf(fn.body.getStart(sf)) + 1;
    return ts.isBlock(fn.body) ? Math.max(0, span - 2) : span;
  };
  // A function's own lines: its body less the bodies of the functions nested in it (a registration function that
  // declares ten short handlers is ten short handlers, each measured on its own).
  const nestedLines = (node) => {
    let lines = 0;
    ts.forEachChild(node, (c) => {
      if (isFunction(c) && c.body) lines += bodyLinesOf(c);
      else lines += nestedLines(c);
    });
    return lines;
  };
  const visit = (n) => {
    if (isFunction(n) && n.body) {
      const own = bodyLinesOf(n) - nestedLines(n.body);
      const where = `${path}:${lineOf(n.getStart(sf))}`;
      if (handlers.has(n) && bodyLinesOf(n) > LIMITS.handlerLines) {
        out.push(`${where} route handler has ${bodyLinesOf(n)} lines (limit ${LIMITS.handlerLines})`);
      } else if (own > LIMITS.functionLines) {
        out.push(`${where} function ${nameOf(n, sf)} has ${own} lines of its own (limit ${LIMITS.functionLines})`);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const files = args.length > 0 ? args : sourceFiles(join(ROOT, 'src'));
  const violations = files.flatMap((f) => violationsIn(relative(ROOT, f) || f, readFileSync(f, 'utf8')));
  for (const v of violations) console.log(v);
  if (violations.length > 0) {
    console.error(`check-sizes: ${violations.length} violation(s)`);
    process.exit(1);
  }
  console.log(`check-sizes: ${files.length} files within the limits`);
}
