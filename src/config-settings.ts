/**
 * The core settings table: each setting's zod schema with its default and its one-line description (for --help and
 * the README), and the merge of the vendors' own settings into it. config.ts parses and validates against it.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const DEFAULT_SEEDS = fileURLToPath(new URL('../seeds/', import.meta.url));

/** A boolean setting: true/false, 1/0, yes/no, on/off (environment variables are strings). */
const bool = z.preprocess(
  (v) => {
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string') {
      const s = v.trim().toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(s)) return true;
      if (['false', '0', 'no', 'off', ''].includes(s)) return false;
    }
    return v;
  },
  z.boolean({ error: 'expected true or false' }),
);

/** A number setting, also given as a string (environment variables, flags). */
export const num = (schema: z.ZodNumber) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), schema);

const isoInstant = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), {
  message: 'expected an ISO 8601 instant such as 2025-04-08T09:00:00Z',
});

/** `scheme://host[:port]` of a URL as the browser sends it in Origin, or undefined for no URL. */
const originOf = (s: string) => {
  try {
    return new URL(s).origin;
  } catch {
    return undefined;
  }
};

export interface SettingSpec {
  schema: z.ZodType;
  description: string;
}

/** The settings table: name → schema with its default, and a one-line description for --help and the README. */
export const SETTINGS = {
  PORT: {
    schema: num(z.number().int().min(0).max(65535)).default(4010),
    description: 'TCP port to listen on (0 picks a free port)',
  },
  HOST: {
    schema: z.string().min(1).default('127.0.0.1'),
    description: 'Interface to bind; the Docker image sets 0.0.0.0',
  },
  PUBLIC_URL: {
    schema: z
      .url({ protocol: /^https?$/, error: 'expected an http(s) origin such as http://localhost:4010' })
      .optional(),
    description: 'Origin written into download links (default: http://HOST:PORT, localhost when HOST is 0.0.0.0)',
  },
  SEED: {
    schema: z.string().min(1).default('agent-export-mock'),
    description: 'World seed: the same seed gives the same bytes',
  },
  SEEDS: {
    schema: z.string().min(1).default(DEFAULT_SEEDS),
    description: 'Tenants file or folder (default: the bundled seeds/)',
  },
  CLOCK_START: {
    schema: isoInstant.optional(),
    description: 'ISO instant the virtual clock starts at (default: real time)',
  },
  CLOCK_FROZEN: { schema: bool.default(false), description: 'true keeps the clock still until it is set or advanced' },
  JOB_QUEUED_SECONDS: {
    schema: num(z.number().min(0)).default(5),
    description: 'Virtual seconds a job waits before it runs',
  },
  JOB_RUNNING_SECONDS: {
    schema: num(z.number().min(0)).default(30),
    description: 'Virtual seconds a job runs before it ends',
  },
  WORLD_DAILY_VOLUME: {
    schema: num(z.number().int().min(0).max(10_000_000)).default(40),
    description: 'Average conversations (or searches) per tenant per day; seeds scale it per tenant',
  },
  GENERATION_WORKERS: {
    schema: num(z.number().int().min(2).max(256)).optional(),
    description:
      'Worker threads that write export files (default: one per core, at least 2, so a big export never holds a small one)',
  },
  JOURNAL_LIMIT: {
    schema: num(z.number().int().min(0).max(1_000_000)).default(1000),
    description: 'Requests kept in the request journal (oldest dropped first); 0 turns the journal off',
  },
  JOURNAL_MAX_BYTES: {
    // At most 128 MiB: the journal must always render as one JSON answer and one state save, whatever the bodies hold.
    schema: num(
      z
        .number()
        .int()
        .min(64 * 1024)
        .max(128 * 1024 * 1024),
    ).default(32 * 1024 * 1024),
    description: 'Bytes the request journal may hold (oldest dropped first); bodies above 64 KiB are cut with a marker',
  },
  SCENARIO: {
    schema: z.string().default(''),
    description: 'Presets installed at start-up and on reset, comma-separated (e.g. job-failed,rate-limited)',
  },
  RATE_LIMITS: {
    schema: bool.default(false),
    description: "Enforce each vendor's documented rate limits for every tenant",
  },
  DATA_DIR: {
    schema: z.string().min(1).optional(),
    description:
      'Folder where jobs, scenarios, the clock, the journal and files survive a restart (default: memory and a temporary folder)',
  },
  RETENTION_SECONDS: {
    schema: num(z.number().min(0)).default(86_400),
    description: 'How long finished jobs and their files are kept after their download links expire',
  },
  MAX_NAMESPACES: {
    schema: num(z.number().int().min(1).max(10_000)).default(100),
    description: 'Namespaces (/ns/{name}/…, X-Mock-Namespace) alive at once; past it a new one is refused with a 503',
  },
  NAMESPACE_IDLE_SECONDS: {
    schema: num(z.number().min(1)).default(3600),
    description: 'Real seconds a namespace lives without a request before it and its jobs and files are forgotten',
  },
  MAX_JOBS: {
    schema: num(z.number().int().min(1).max(10_000_000)).default(10_000),
    description: "Jobs kept at once (until evicted or reset); past it a create gets the vendor's own 429",
  },
  MAX_CONCURRENT_DOWNLOADS: {
    schema: num(z.number().int().min(1).max(100_000)).default(64),
    description: 'Downloads served at once; beyond it storage answers its own 503 (clients retry)',
  },
  LINK_SECRET: {
    schema: z.string().min(16, 'use at least 16 characters').optional(),
    description:
      'Key download links are signed with (default: random per installation, kept in DATA_DIR/link-secret; per process without DATA_DIR). Set it to get the same links from two servers',
  },
  STATE_URL: {
    schema: z.url({ protocol: /^rediss?$/, error: 'expected a Redis URL such as redis://localhost:6379/0' }).optional(),
    description:
      'Shared state for several replicas behind a load balancer (redis://…): one clock, jobs, scenarios and rate limits for all (default: in this process, and DATA_DIR)',
  },
  RECOVER: {
    schema: bool.default(false),
    description:
      'On a DATA_DIR state file that cannot be loaded: move it aside and start clean with a warning (default: name the problem and exit 2)',
  },
  MAX_DOWNLOADS_PER_CLIENT: {
    schema: num(z.number().int().min(1).max(100_000)).default(8),
    description: 'Downloads one client (remote address) may hold at once; beyond it that client gets the 503',
  },
  DOWNLOAD_IDLE_TIMEOUT_SECONDS: {
    schema: num(z.number().min(0.05).max(86_400)).default(30),
    description: 'A download whose reader takes no bytes for this long is cut, freeing its slot',
  },
  ADMIN_TOKEN: {
    schema: z.string().min(16, 'use at least 16 characters').optional(),
    description: 'When set, every /__admin route requires Authorization: Bearer <token>',
  },
  ALLOWED_HOSTS: {
    schema: z
      .preprocess(
        (v) =>
          typeof v === 'string'
            ? v
                .split(',')
                .map((s) => s.trim().toLowerCase())
                .filter(Boolean)
            : v,
        z.array(z.string()),
      )
      .default([]),
    description:
      'Extra Host names the control plane answers (comma-separated; .example.com for subdomains; * for any). Loopback names, IP addresses and the PUBLIC_URL host are always allowed',
  },
  CORS_ORIGINS: {
    schema: z
      .preprocess(
        (v) =>
          typeof v === 'string'
            ? v
                .split(',')
                .map((s) => s.trim().replace(/\/+$/, ''))
                .filter(Boolean)
            : v,
        z.array(
          z.string().refine((s) => s === '*' || originOf(s) === s, {
            message: 'expected origins such as http://localhost:3000 (scheme, host and port only), or *',
          }),
        ),
      )
      .default([]),
    description:
      'Origins whose pages may call the vendor routes and download links from a browser (comma-separated, or *); never the control plane (default: none)',
  },
  LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    description: 'Server log level; per-request logs are off (they halve throughput)',
  },
  CONFIG: { schema: z.string().min(1).optional(), description: 'Optional JSON file with any of these settings' },
} satisfies Record<string, SettingSpec>;

/** One option of `generate <vendor>`: its value as --help shows it, and what it does. */
interface FixtureOption {
  value: string;
  description: string;
}
export type FixtureOptions = Readonly<Record<string, FixtureOption>>;

/** What the configuration needs to know of a vendor (a VendorModule has it all). */
export interface ConfigVendor {
  id: string;
  title: string;
  /** The vendor's settings: keys are their environment names; each field has a default and a `.describe()` line. */
  settings?: z.ZodObject;
  /** The options of `generate <vendor>` (names without dashes): parsed strictly and listed by `generate --help`. */
  fixtureOptions?: FixtureOptions;
}

/** Every setting, core first, then each vendor's: name → schema and description. */
export function settingsTable(vendors: readonly ConfigVendor[] = []): Record<string, SettingSpec> {
  const table: Record<string, SettingSpec> = { ...SETTINGS };
  for (const vendor of vendors) {
    for (const [name, schema] of Object.entries(vendor.settings?.shape ?? {})) {
      if (name in table) throw new Error(`setting ${name} of vendor ${vendor.id} is declared twice`);
      table[name] = { schema: schema as z.ZodType, description: (schema as z.ZodType).description ?? '' };
    }
  }
  return table;
}
