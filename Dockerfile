# syntax=docker/dockerfile:1
# Node 24 is an LTS line (supported until April 2028); NODE_VERSION switches it at build time.
ARG NODE_VERSION=24

# Build stage: full install (TypeScript), compile, then drop dev dependencies. --ignore-scripts: no dependency runs an
# install script in the image (the project's own prepare hook builds nothing before src/ is copied anyway).
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/ensure-build.mjs ./scripts/
COPY src ./src
RUN npm run build && npm prune --omit=dev --ignore-scripts
# Redis support (STATE_URL, the compose 'replicas' profile) needs the optional peers ioredis and bullmq; a plain image
# leaves them out. Installed without install scripts: BullMQ's msgpackr falls back to its JavaScript decoder.
ARG WITH_REDIS=false
RUN if [ "$WITH_REDIS" = "true" ]; then \
      npm install --no-save --omit=dev --ignore-scripts --no-audit --no-fund \
        "ioredis@$(node -p "require('./package.json').peerDependencies.ioredis")" \
        "bullmq@$(node -p "require('./package.json').peerDependencies.bullmq")"; \
    fi

# Runtime stage: compiled code, production dependencies, seeds and OpenAPI documents only. The app's files belong to
# root and are read-only to the runtime user; the only writable place is the /data volume, where DATA_DIR keeps jobs,
# files, the clock and the link secret across container restarts.
FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4010 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY seeds ./seeds
COPY openapi ./openapi
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 4010
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD node -e "const t=process.env.ADMIN_TOKEN;fetch('http://127.0.0.1:'+(process.env.PORT||4010)+'/__admin/health',{headers:t?{authorization:'Bearer '+t}:{}}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/cli.js"]
