/** Command-line flags of the settings: their names (`--port`), their defaults as --help shows them, and parsing. */
import { type OptionKind, parseStrict } from './cli-args.js';
import { type ConfigVendor, type SettingSpec, settingsTable } from './config-settings.js';

export const flagOf = (name: string) => `--${name.toLowerCase().replace(/_/g, '-')}`;
const optionOf = (name: string) => name.toLowerCase().replace(/_/g, '-');
const nameOfOption = (option: string) => option.replace(/-/g, '_').toUpperCase();

/** The default of a setting as --help shows it, or undefined when it has none. */
export function defaultOf(name: string, spec: SettingSpec): unknown {
  if (name === 'SEEDS') return 'seeds/';
  const parsed = spec.schema.safeParse(undefined);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Parses `--name value` and `--name=value` strictly (node:util parseArgs): a setting with a true/false default is a
 * switch (`--clock-frozen`, `--no-clock-frozen`); an unknown option names the closest valid one.
 */
export function parseFlags(
  argv: readonly string[],
  vendors: readonly ConfigVendor[] = [],
): { values: Record<string, string | boolean>; help: boolean; version: boolean } {
  const table = settingsTable(vendors);
  const options: Record<string, OptionKind> = { help: 'boolean', version: 'boolean' };
  for (const [name, spec] of Object.entries(table))
    options[optionOf(name)] = typeof defaultOf(name, spec) === 'boolean' ? 'boolean' : 'string';
  const { values } = parseStrict(argv, options, { seeHelp: 'see --help' });
  const { help, version, ...settings } = values;
  return {
    values: Object.fromEntries(Object.entries(settings).map(([option, v]) => [nameOfOption(option), v])),
    help: help === true,
    version: version === true,
  };
}
