# The Quotes Slack app, on the current Node.js LTS (the code runs on Node 20 and later).
# No build step: TypeScript runs through tsx, a runtime dependency.
FROM node:26-slim

# tini is the init process: it passes SIGTERM to Node and reaps what exits.
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

COPY tsconfig.json ./
COPY src ./src
COPY data ./data
COPY scripts/healthcheck.mjs ./scripts/healthcheck.mjs
RUN mkdir -p /app/var /app/.cache && chown -R node:node /app/var /app/.cache

# Never as root.
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "scripts/healthcheck.mjs"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--import", "tsx", "src/slack/main.ts"]
