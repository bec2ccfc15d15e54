# The Quotes Slack app. Node.js runs the TypeScript sources itself (type stripping): no
# build step and no build tool in the image, only the runtime dependencies. The Node.js
# major here is the one in .nvmrc; package.json's "engines" lists the lines supported.
FROM node:26-slim

# tini is the one init process (compose.yaml does not add another): it passes SIGTERM to
# Node and reaps what exits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production \
    PORT=3000 \
    STATE_DIR=/app/var \
    INDEX_CACHE_DIR=/app/.cache/index

WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# What the app reads at run time. Node's type stripping reads no tsconfig.json, so none is
# copied. The files stay root's: the app cannot change its own code or data.
COPY src ./src
COPY data ./data
COPY scripts/healthcheck.mjs ./scripts/healthcheck.mjs

# The two places the app writes: the index snapshot and the state (reviews, audit log).
RUN mkdir -p /app/var /app/.cache/index && chown -R node:node /app/var /app/.cache

# Never as root.
USER node
EXPOSE 3000
# Liveness only (GET /livez): a container is restarted when its process hangs, never because
# Slack refused the token; that is readiness, told by GET /readyz and the logs.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "scripts/healthcheck.mjs", "live"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# Node itself is tini's child, so that SIGTERM reaches it (no npm in between).
CMD ["node", "src/slack/main.ts"]
