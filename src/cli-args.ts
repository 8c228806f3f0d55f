/**
 * Command-line parsing on `node:util` parseArgs in strict mode: every option must be declared, a string option must
 * have its value, and a refusal is a ConfigError (exit 2) that names the option and, for a typo, the closest valid one.
 */
import { parseArgs } from 'node:util';
import { ConfigError } from './config-error.js';

/** An option: a value (`--port 4010`, `--port=4010`) or a switch (`--clock-frozen`, `--no-clock-frozen`). */
export type OptionKind = 'string' | 'boolean';

export interface ParsedArgs {
  values: Record<string, string | boolean>;
  positionals: string[];
}

/**
 * Parses argv against the declared options (names without dashes). Switches also accept `--no-<name>`, reported as
 * false. `-h` is --help and `-v` is --version when those are declared. `positionals` is how many bare words may come.
 */
export function parseStrict(
  argv: readonly string[],
  options: Readonly<Record<string, OptionKind>>,
  context: { positionals?: number; seeHelp: string },
): ParsedArgs {
  const declared: Record<string, { type: OptionKind; short?: string }> = {};
  for (const [name, type] of Object.entries(options)) {
    declared[name] = { type, ...(name === 'help' ? { short: 'h' } : name === 'version' ? { short: 'v' } : {}) };
    if (type === 'boolean' && name !== 'help' && name !== 'version') declared[`no-${name}`] = { type: 'boolean' };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: declared, strict: true, allowPositionals: true });
  } catch (err) {
    throw usageError(err as Error & { code?: string }, Object.keys(options), context.seeHelp);
  }
  const values: Record<string, string | boolean> = {};
  for (const [name, value] of Object.entries(parsed.values)) {
    if (name.startsWith('no-') && !(name in options)) values[name.slice(3)] = false;
    else values[name] = value as string | boolean;
  }
  const allowed = context.positionals ?? 0;
  if (parsed.positionals.length > allowed)
    throw new ConfigError(`unexpected argument "${parsed.positionals[allowed]}" (${context.seeHelp})`);
  return { values, positionals: parsed.positionals };
}

/** parseArgs's error, said in our words: the option, what is wrong, and the closest valid option for a typo. */
function usageError(err: Error & { code?: string }, names: readonly string[], seeHelp: string): ConfigError {
  const option = /'(-[^' ]+)/.exec(err.message)?.[1] ?? '';
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return unknownOption(option, names, seeHelp);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(err.message))
        return new ConfigError(`${option} takes no value: write ${option} or --no-${option.slice(2)} (${seeHelp})`);
      return new ConfigError(`${option} needs a value, e.g. ${option}=<value> (${seeHelp})`);
    default:
      return new ConfigError(`${err.message.split('\n')[0]} (${seeHelp})`);
  }
}

/** Edit distance (insertions, deletions, substitutions), for "did you mean". */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length]!;
}

/** An unknown option, with the closest valid one when it is plausibly a typo (at most a third of its letters off). */
function unknownOption(flag: string, names: readonly string[], seeHelp: string): ConfigError {
  const [best] = names.map((n) => ({ flag: `--${n}`, d: distance(flag, `--${n}`) })).sort((a, b) => a.d - b.d);
  const hint = best && best.d <= Math.max(2, Math.floor(flag.length / 3)) ? `: did you mean ${best.flag}?` : '';
  return new ConfigError(`unknown option ${flag}${hint} (${seeHelp})`);
}

/** Rows as aligned columns: each column as wide as its widest cell, the last one free. */
export function columns(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) for (let i = 0; i < row.length - 1; i++) widths[i] = Math.max(widths[i] ?? 0, row[i]!.length);
  return rows.map((row) =>
    `${indent}${row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i]!) : cell)).join('  ')}`.trimEnd(),
  );
}
