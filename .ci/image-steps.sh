#!/usr/bin/env bash
# The steps the Docker image runs, without a Docker engine: a clean install in a fresh folder with only the files the
# Dockerfile copies, build, prune to production dependencies, start as the image does (HOST=0.0.0.0, DATA_DIR on a
# data folder, the app's files read-only), wait for health, run one export end to end over a real socket, stop with
# SIGTERM and expect exit code 0.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
data=$(mktemp -d)
trap 'kill "${pid:-}" 2>/dev/null || true; chmod -R u+w "$work" 2>/dev/null; rm -rf "$work" "$data"' EXIT

cp "$repo/package.json" "$repo/package-lock.json" "$work/"
cd "$work"
npm ci --no-audit --no-fund --ignore-scripts
cp "$repo/tsconfig.json" "$repo/tsconfig.build.json" "$work/"
mkdir -p scripts && cp "$repo/scripts/ensure-build.mjs" scripts/
cp -r "$repo/src" "$work/src"
npm run build
npm prune --omit=dev --no-audit --no-fund --ignore-scripts
rm -rf src scripts tsconfig.json tsconfig.build.json
cp -r "$repo/seeds" "$repo/openapi" "$work/"
# The image's files belong to root and are read-only to the runtime user (USER node); only the data volume is writable.
# As root here, run the server as nobody so that a write beside the code really fails, as it would in the image.
chmod -R a-w,a+rX "$work"
as_runtime_user=()
if [ "$(id -u)" = 0 ]; then
  chown nobody "$data"
  as_runtime_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi

# The image's HEALTHCHECK command, read from the Dockerfile so the two cannot drift.
health_cmd=$(sed -n 's/^  CMD node -e "\(.*\)"$/\1/p' "$repo/Dockerfile")
[ -n "$health_cmd" ] || { echo "image steps: no HEALTHCHECK command found in the Dockerfile"; exit 1; }
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
NODE_ENV=production HOST=0.0.0.0 DATA_DIR=$data PORT=$port CLOCK_START=2025-04-08T12:00:00Z CLOCK_FROZEN=true "${as_runtime_user[@]}" node dist/cli.js &
pid=$!
for _ in $(seq 1 100); do
  if PORT=$port node -e "$health_cmd"; then healthy=1; break; fi
  sleep 0.1
done
[ "${healthy:-0}" = 1 ] || { echo "image steps: the server never became healthy"; exit 1; }
node "$repo/.ci/smoke.mjs" "http://127.0.0.1:$port"
kill -TERM "$pid"
wait "$pid"
echo "image steps: ok"
