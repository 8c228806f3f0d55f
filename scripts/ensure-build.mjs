#!/usr/bin/env node
/**
 * Builds dist/ only when the sources changed since the last build, so `npm start` on a built tree answers at once,
 * and a stale build never runs. "Changed" is a hash of every file that shapes the build (src/, the tsconfig files,
 * package.json, this script), not modification times: a checkout, a deleted file or a branch switch back all count.
 * The build is tsc's output (the library, its types, the generation workers) with the command-line entry bundled
 * over it (bundleEntries below).
 *
 *   node scripts/ensure-build.mjs            build when stale (npm start, npm run bench)
 *   node scripts/ensure-build.mjs --if-src   the same, but do nothing where src/ is absent (npm's prepare hook: a
 *                                            git install builds dist/; the Docker image installs before copying src/)
 *   node scripts/ensure-build.mjs --force    build whatever the stamp says (npm run build)
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const STAMP = 'dist/.source-hash';
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'scripts/ensure-build.mjs'];

function* files(path) {
  if (!existsSync(path)) return;
  const entries = readdirSync(path, { withFileTypes: true });
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = join(path, e.name);
    if (e.isDirectory()) yield* files(full);
    else if (e.isFile()) yield full;
  }
}

/** A hash of the build's inputs under `root`: names and contents, in a fixed order. */
export function sourceHash(root) {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    const path = join(root, input);
    const list = !existsSync(path) ? [] : statSync(path).isDirectory() ? [...files(path)] : [path];
    for (const file of list) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** True when dist/ is missing or was built from other sources than those now under `root`. */
export function isStale(root) {
  const stamp = join(root, STAMP);
  return !existsSync(stamp) || readFileSync(stamp, 'utf8').trim() !== sourceHash(root);
}

/**
 * Swagger UI's files (the official build, as @fastify/swagger-ui ships it, a dev dependency) go into dist/swagger-ui/
 * with the code, so a user's install carries the /docs page without a runtime dependency: swagger-ui-dist would run
 * its telemetry postinstall there, and @fastify/static (under @fastify/swagger-ui) warns on Node 20.
 */
export const SWAGGER_UI_FILES = [
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'favicon-32x32.png',
  'favicon-16x16.png',
];

function copySwaggerUi(root) {
  const from = join(root, 'node_modules', '@fastify', 'swagger-ui', 'static');
  const to = join(root, 'dist', 'swagger-ui');
  mkdirSync(to, { recursive: true });
  for (const file of SWAGGER_UI_FILES) copyFileSync(join(from, file), join(to, file));
}

/**
 * `import.meta.url` of a source file as it reads in the unbundled build: the URL of its own compiled file in dist/
 * (`srcPath` relative to src/), derived from the URL of the bundle file that now holds it. Every bundle file sits
 * at the top of dist/, so a module's siblings (a generation worker's task module, Swagger UI's files, the seeds) are
 * found where tsc put them.
 */
export function distImportMetaUrl(srcPath) {
  const compiled = `./${srcPath.split('\\').join('/').replace(/\.ts$/, '.js')}`;
  return `new URL(${JSON.stringify(compiled)}, import.meta.url).href`;
}

/**
 * A source file's text with every non-ASCII character written as a \uXXXX escape, which means the same in a string,
 * a template, a regular expression or a comment. V8 holds a module's source in memory for its lifetime, and one
 * non-ASCII character makes it a two-byte string: twice the size (6 MB for the bundle). esbuild escapes the strings
 * of dependencies itself, but not a regular expression or a comment. A String.raw template would change meaning
 * (its escapes stay as text), so such a file is left as it is: the dashboard's browser script, loaded on demand.
 */
export function asciiSource(text) {
  if (text.includes('String.raw')) return text;
  return text.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** An esbuild plugin: every source file's `import.meta.url` becomes distImportMetaUrl() of that file, in ASCII. */
const sourceForBundle = (src) => ({
  name: 'source-for-bundle',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const text = await readFile(path, 'utf8');
      const own = distImportMetaUrl(relative(src, path));
      return { contents: asciiSource(text.replaceAll('import.meta.url', own)), loader: 'ts' };
    });
  },
});

/**
 * zod's messages in some 45 languages (a third of zod's code in the bundle) are reachable from its namespace object
 * (z.locales), so a bundler keeps them all; the server speaks English only (zod's default, which zod imports from
 * locales/en.js itself) and never calls z.config(z.locales.xx()). Its z.locales holds English alone.
 */
const englishZod = {
  name: 'english-zod',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ resolveDir }) =>
      /[\\/]zod[\\/]v4[\\/]/.test(resolveDir)
        ? { path: 'zod/v4/locales/index.js', namespace: 'english-zod', pluginData: join(resolveDir, '..', 'locales') }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'english-zod' }, ({ pluginData }) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: pluginData,
    }));
  },
};

/**
 * The command-line entry as one bundle (with its dependencies: fastify, zod…) in place of tsc's dist/cli.js: a cold
 * start then compiles one file instead of resolving and loading some 800 modules.
 * What loads on demand (faker, jose, nodemailer, the Redis stores) stays in chunks beside it, loaded when first used.
 * tsc's unbundled output stays for the library (dist/index.js and its types) and for the generation workers, which
 * import their task modules by file URL.
 */
export async function bundleEntries(root, entryPoints = { cli: 'src/cli.ts' }, dist = join(root, 'dist')) {
  const { build } = await import('esbuild');
  await build({
    absWorkingDir: root,
    entryPoints,
    outdir: dist,
    chunkNames: 'cli-chunk-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    sourcesContent: true,
    // Less to read and compile at start, and less source held in memory; names stay (stack traces, fastify's plugin
    // names), and the source maps lead back to the sources. Licence comments go to cli.js.LEGAL.txt.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'linked',
    // ioredis and bullmq: optional peers. Fastify's default schema compilers (ajv, fast-json-stringify: a fifth of the
    // bundle) are required only when an app gives none of its own; the server always gives its zod ones
    // (src/app/fastify.ts), so they stay in node_modules, where a require() would still find them.
    external: ['ioredis', 'bullmq', '@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler'],
    // CommonJS dependencies inside an ES module bundle still call require() for Node's built-ins.
    banner: {
      js: "import { createRequire as __aemRequire } from 'node:module';const require=__aemRequire(import.meta.url);",
    },
    plugins: [sourceForBundle(join(root, 'src')), englishZod],
    logLevel: 'warning',
  });
}

async function build(root) {
  const started = process.hrtime.bigint();
  process.stderr.write('agent-export-mock: compiling TypeScript (the sources changed since the last build)…\n');
  // A clean dist: files of deleted sources must not linger and be imported.
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
  await bundleEntries(root);
  copySwaggerUi(root);
  writeFileSync(join(root, STAMP), `${sourceHash(root)}\n`);
  process.stderr.write(
    `agent-export-mock: built in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s\n`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ifSrc = process.argv.includes('--if-src');
  if (ifSrc && !existsSync(join(ROOT, 'src'))) process.exit(0);
  if (process.argv.includes('--force') || isStale(ROOT)) await build(ROOT);
}
