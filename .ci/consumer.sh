#!/usr/bin/env bash
# The package as a user installs it: npm pack, install the tarball into a fresh consumer project (no access to this
# repository's sources or node_modules), type-check the README's example against the shipped .d.ts files and run it
# with vitest. Proves that the tarball carries built code, types and the bin, and that the example works from outside.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$repo"
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
cd "$work"
npm init -y >/dev/null
npm pkg set type=module >/dev/null
versions=$(node -e "const p=require('$repo/package.json');const d=p.devDependencies;console.log(['typescript@'+d.typescript,'vitest@'+d.vitest,'@types/node@'+d['@types/node']].join(' '))")
# shellcheck disable=SC2086
npm install --no-audit --no-fund --ignore-scripts "./$tarball" $versions >/dev/null
# No dependency of the package runs an install script in a user's install (swagger-ui-dist's telemetry postinstall did).
scripts=$(npm query ':attr(scripts, [preinstall]), :attr(scripts, [install]), :attr(scripts, [postinstall])' \
  | node -e "let s='';process.stdin.on('data',(d)=>(s+=d)).on('end',()=>console.log(JSON.parse(s).map((p)=>p.name).filter((n)=>!['typescript','vitest','@types/node','esbuild'].includes(n)).join(' ')))")
[ -z "$scripts" ] || { echo "consumer: dependencies with install scripts: $scripts"; exit 1; }
mkdir -p test
cp "$repo/examples/sendbird-client.test.ts" test/
cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext", "strict": true,
  "lib": ["ES2023", "DOM"], "types": ["node"], "skipLibCheck": false, "noEmit": true }, "include": ["test"] }
JSON
# A CommonJS TypeScript file (.cts) reaches the ESM-only package with await import(), as the README shows.
cat > test/commonjs-consumer.cts <<'TS'
export async function startedUrl(): Promise<string> {
  const { startMockServer } = await import('agent-export-mock');
  const mock = await startMockServer();
  await mock.close();
  return mock.url;
}
TS
npx tsc -p tsconfig.json
# The shipped source maps carry their sources (src/ is not shipped), so a stack trace or a debugger can show them.
node -e "
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]);
const maps = walk('node_modules/agent-export-mock/dist').filter((f) => f.endsWith('.map'));
const bad = maps.filter((f) => { const m = JSON.parse(readFileSync(f, 'utf8')); return !m.sourcesContent || m.sourcesContent.length !== m.sources.length; });
if (maps.length === 0 || bad.length > 0) { console.error('consumer: source maps without their sources:', bad.join(' ') || 'none shipped'); process.exit(1); }
"
# Quiet unless it fails: CI reads the main suite's closing line, not this one's.
npx vitest run > vitest.log 2>&1 || { cat vitest.log; exit 1; }
npx agent-export-mock --help >/dev/null
echo "consumer: the packed tarball installs, type-checks and runs the README example"
