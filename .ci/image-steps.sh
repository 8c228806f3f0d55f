#!/usr/bin/env bash
# The steps the Docker image runs, without a Docker engine: a clean install in a fresh folder with only the files the
# Dockerfile copies, build, prune to production dependencies, start as the image does (HOST=0.0.0.0), wait for health,
# run one export end to end over a real socket, stop with SIGTERM and expect exit code 0.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'kill "${pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

cp "$repo/package.json" "$repo/package-lock.json" "$repo/tsconfig.json" "$repo/tsconfig.build.json" "$work/"
cp -r "$repo/src" "$work/src"
cd "$work"
npm ci --no-audit --no-fund
npm run build
npm prune --omit=dev --no-audit --no-fund
rm -rf src tsconfig.json tsconfig.build.json
cp -r "$repo/seeds" "$repo/openapi" "$work/"

port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
NODE_ENV=production HOST=0.0.0.0 PORT=$port CLOCK_START=2025-04-08T12:00:00Z CLOCK_FROZEN=true node dist/cli.js &
pid=$!
for _ in $(seq 1 100); do
  # The image's HEALTHCHECK command, verbatim.
  if PORT=$port node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4010)+'/__admin/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then break; fi
  sleep 0.1
done
node "$repo/.ci/smoke.mjs" "http://127.0.0.1:$port"
kill -TERM "$pid"
wait "$pid"
echo "image steps: ok"
