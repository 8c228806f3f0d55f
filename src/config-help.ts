/** The text of --help, built from the settings table so that it cannot drift from what is parsed. */
import { columns } from './cli-args.js';
import { defaultOf, flagOf } from './config-flags.js';
import { type ConfigVendor, settingsTable } from './config-settings.js';

/** --help: usage, the subcommands, and every setting of the core and the given vendors, in aligned columns. */
export function helpText(vendors: readonly ConfigVendor[] = []): string {
  const rows = Object.entries(settingsTable(vendors)).map(([name, spec]) => {
    const def = defaultOf(name, spec);
    // A description that already says its default (SEEDS, PUBLIC_URL…) is not followed by a second one.
    const shown = def === undefined || def === '' || /\(default:/.test(spec.description) ? '' : ` [default: ${def}]`;
    return [flagOf(name), name, `${spec.description}${shown}`];
  });
  return [
    `agent-export-mock: mock server for the data-export APIs of ${vendors.map((v) => v.title).join(', ') || 'no vendor'}`,
    '',
    'Usage: agent-export-mock [options]',
    '       agent-export-mock generate <vendor> --out <file|dir/> [options]   (see generate --help)',
    '       agent-export-mock check-client <vendor> [options] -- <command that runs your client>  (check-client --help)',
    '',
    'Every option can also be set by its environment variable or as a key of the JSON file given by --config.',
    'Precedence: flag > environment > config file > default. A true/false option is a switch: --x or --no-x.',
    '',
    ...columns([
      ['flag', 'environment', 'meaning'],
      ...rows,
      ['--help, -h', '', 'Print this help'],
      ['--version, -v', '', 'Print the version'],
    ]),
  ].join('\n');
}
