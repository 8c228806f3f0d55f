/**
 * One zod schema for every setting, read from (highest precedence first) command-line flags, the environment, an
 * optional JSON config file and the defaults. Each setting has one name: the environment variable (`PORT`), its flag
 * (`--port`) and its config-file key (`PORT` or `port`) are derived from it, so `--help` and the README table cannot
 * drift from what is parsed. Core settings are listed in config-settings.ts; each vendor declares its own (a zod object on its module,
 * e.g. its shard size) and they are merged in wherever a vendor list is given (flags, environment, file, --help).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError } from './config-error.js';
import { parseFlags } from './config-flags.js';
import { type ConfigVendor, SETTINGS, type SettingSpec, settingsTable } from './config-settings.js';

export { ConfigError } from './config-error.js';
export { flagOf, parseFlags } from './config-flags.js';
export { helpText } from './config-help.js';
export type { ConfigVendor, FixtureOptions } from './config-settings.js';
export { DEFAULT_SEEDS, num, SETTINGS, settingsTable } from './config-settings.js';

export const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));

export type SettingName = keyof typeof SETTINGS;

const schemaShape = Object.fromEntries(Object.entries(SETTINGS).map(([k, v]) => [k, v.schema])) as {
  [K in SettingName]: (typeof SETTINGS)[K]['schema'];
};
const ConfigSchema = z.object(schemaShape).strict();
/** The core settings, typed; a vendor's own settings are there too, and the vendor reads them with its own type. */
export type Config = z.output<typeof ConfigSchema> & { readonly [vendorSetting: string]: unknown };

const schemaOf = (vendors: readonly ConfigVendor[]) =>
  vendors.length === 0
    ? ConfigSchema
    : z.object(Object.fromEntries(Object.entries(settingsTable(vendors)).map(([k, v]) => [k, v.schema]))).strict();

const camelToEnv = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/** Settings whose values are secrets: an error names the setting and the rule, never the value. */
const isSecretSetting = (name: string) => /TOKEN|SECRET|PASSWORD|KEY/.test(name);

function readConfigFile(path: string, table: Record<string, SettingSpec>): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`CONFIG: cannot read ${path}: ${(err as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ConfigError(`CONFIG: ${path} must hold a JSON object`);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const name = key in table ? key : camelToEnv(key);
    if (!(name in table)) throw new ConfigError(`CONFIG: unknown setting "${key}" in ${path}`);
    out[name] = value;
  }
  return out;
}

/** Builds the configuration from flags, environment and config file; throws ConfigError naming the bad setting. */
export function loadConfig(
  argv: readonly string[] = [],
  env: NodeJS.ProcessEnv = {},
  vendors: readonly ConfigVendor[] = [],
): Config {
  const table = settingsTable(vendors);
  const { values: flags } = parseFlags(argv, vendors);
  const fromEnv: Record<string, string> = {};
  for (const name of Object.keys(table)) {
    const v = env[name];
    if (v !== undefined && v !== '') fromEnv[name] = v;
  }
  const configPath = (flags.CONFIG as string | undefined) ?? fromEnv.CONFIG;
  const fromFile = configPath ? readConfigFile(configPath, table) : {};
  return parseConfig({ ...fromFile, ...fromEnv, ...flags }, vendors);
}

/** Validates a plain settings object (as a library caller passes it); unknown or invalid settings throw ConfigError. */
export function parseConfig(input: Record<string, unknown>, vendors: readonly ConfigVendor[] = []): Config {
  const result = schemaOf(vendors).safeParse(input);
  if (!result.success) throw configErrorOf(result.error, input);
  return result.data as Config;
}

/**
 * The configuration with each vendor's settings validated and defaulted, whether or not they were parsed with it
 * (a library caller may parse the core settings alone): the app builds on this.
 */
export function withVendorSettings(config: Config, vendors: readonly ConfigVendor[]): Config {
  const out: Record<string, unknown> = { ...config };
  for (const vendor of vendors) {
    if (!vendor.settings) continue;
    const own = Object.fromEntries(Object.keys(vendor.settings.shape).map((name) => [name, config[name]]));
    const result = vendor.settings.safeParse(own);
    if (!result.success) throw configErrorOf(result.error, own);
    Object.assign(out, result.data);
  }
  return out as Config;
}

function configErrorOf(error: z.ZodError, input: Record<string, unknown>): ConfigError {
  const issue = error.issues[0]!;
  const name = String(issue.path[0] ?? '');
  if (issue.code === 'unrecognized_keys') return new ConfigError(`unknown setting ${issue.keys.join(', ')}`);
  const given = input[name];
  const shown = given === undefined || isSecretSetting(name) ? '' : ` (got ${JSON.stringify(given)})`;
  return new ConfigError(`${name}: ${issue.message}${shown}`);
}

/** The origin put into download links. 0.0.0.0 and :: are bind-all addresses no client can reach, so use localhost. */
export function publicUrlOf(config: Config, boundPort?: number): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/+$/, '');
  const host = ['0.0.0.0', '::', '[::]'].includes(config.HOST)
    ? 'localhost'
    : config.HOST.includes(':')
      ? `[${config.HOST}]`
      : config.HOST;
  return `http://${host}:${boundPort ?? config.PORT}`;
}
